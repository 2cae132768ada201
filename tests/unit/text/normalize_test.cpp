// Tests for text/normalize.hpp.
#include <gtest/gtest.h>

#include "text/normalize.hpp"

namespace tt = tito::text;

TEST(normalize, four_forms) {
    const std::string decomposed = "e\xCC\x81";  // e + combining acute
    const std::string composed = "\xC3\xA9";     // é
    EXPECT_EQ(tt::normalize(decomposed, tt::normal_form::nfc), composed);
    EXPECT_EQ(tt::normalize(composed, tt::normal_form::nfd), decomposed);
    const std::string fi = "\xEF\xAC\x81";  // ﬁ ligature
    EXPECT_EQ(tt::normalize(fi, tt::normal_form::nfc), fi);
    EXPECT_EQ(tt::normalize(fi, tt::normal_form::nfkc), "fi");
    EXPECT_EQ(tt::normalize("\xE2\x91\xA0", tt::normal_form::nfkd), "1");  // ①
    EXPECT_EQ(tt::normalize("ascii", tt::normal_form::nfkc), "ascii");
}

TEST(normalize, lowercase_is_per_character) {
    EXPECT_EQ(tt::lowercase("HeLLo \xC3\x89"), "hello \xC3\xA9");
    EXPECT_EQ(tt::lowercase("\xC4\xB0"), "i\xCC\x87");           // İ -> i + combining dot
    EXPECT_EQ(tt::lowercase("\xCE\xA3\xCE\xA3"), "\xCF\x83\xCF\x83");  // ΣΣ -> σσ (no final sigma)
}
