// Tests for text/unicode.hpp (Unicode 16 categories, post-Unicode-9 characters) and the Unicode 9.0
// normalization behaviour of text/normalize.hpp that the HF crate has.
#include <gtest/gtest.h>

#include "text/normalize.hpp"
#include "text/unicode.hpp"

namespace tt = tito::text;

TEST(unicode, categories_include_unicode_16) {
    EXPECT_EQ(tt::general_category(U'a'), "Ll");
    EXPECT_EQ(tt::general_category(0x1E030), "Lm");  // Unicode 15.0
    EXPECT_EQ(tt::general_category(0x10D50), "Lu");  // Unicode 16.0 (Garay)
    EXPECT_EQ(tt::general_category(0x0378), "Cn");   // unassigned
}

TEST(unicode, delta_detection) {
    EXPECT_FALSE(tt::contains_unicode_delta("plain text \xC3\xA9 \xE4\xB8\xAD"));
    EXPECT_TRUE(tt::contains_unicode_delta("x\xF0\x9E\x80\xB0"));  // U+1E030
}

TEST(unicode, assigned_after_unicode_9) {
    EXPECT_FALSE(tt::assigned_after_unicode_9(0x1F23B));  // Unicode 9.0
    EXPECT_TRUE(tt::assigned_after_unicode_9(0x1F16C));   // Unicode 12.0
    EXPECT_TRUE(tt::assigned_after_unicode_9(0x1E030));   // Unicode 15.0
}

TEST(normalize, characters_after_unicode_9_pass_through) {
    // U+1F16C (12.0) has a <super> decomposition to "MR" in current Unicode; the crate keeps it.
    EXPECT_EQ(tt::normalize("\xF0\x9F\x85\xAC", tt::normal_form::nfkc), "\xF0\x9F\x85\xAC");
    // U+1F23B (9.0) still decomposes.
    EXPECT_EQ(tt::normalize("\xF0\x9F\x88\xBB", tt::normal_form::nfkc), "\xE9\x85\x8D");
    // A post-9.0 combining mark (U+1E130, 12.0) has class 0 for the crate: no reordering around it.
    const std::string s = "a\xF0\x9E\x84\xB0\xCC\x96";
    EXPECT_EQ(tt::normalize(s, tt::normal_form::nfd), s);
}

TEST(normalize, nfc_quick_check) {
    EXPECT_TRUE(tt::is_trivially_normalized("abc \xE4\xB8\xAD\xE6\x96\x87 \xC3\xA9", tt::normal_form::nfc));
    EXPECT_FALSE(tt::is_trivially_normalized("e\xCC\x81", tt::normal_form::nfc));  // combining acute
    EXPECT_FALSE(tt::is_trivially_normalized("\xC3\xA9", tt::normal_form::nfd));
}
