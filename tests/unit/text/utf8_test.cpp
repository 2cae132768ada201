// Tests for text/utf8.hpp.
#include <gtest/gtest.h>

#include "text/utf8.hpp"

namespace tt = tito::text;

TEST(utf8, decode_and_encode_round_trip) {
    std::string s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
    std::size_t i = 0;
    std::vector<char32_t> cps;
    while (i < s.size()) cps.push_back(tt::decode_one(s, i));
    EXPECT_EQ(cps, (std::vector<char32_t>{U'a', 0xE9, 0x4E2D, 0x1F600}));
    std::string back;
    for (char32_t c : cps) tt::append_utf8(back, c);
    EXPECT_EQ(back, s);
    EXPECT_EQ(tt::count_chars(s), 4u);
}

TEST(utf8, validity) {
    EXPECT_TRUE(tt::is_valid_utf8("plain \xC3\xA9"));
    EXPECT_FALSE(tt::is_valid_utf8("\xC3"));
    EXPECT_FALSE(tt::is_valid_utf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(tt::is_valid_utf8("\xC0\xAF"));      // overlong
}

TEST(utf8, lossy_replaces_maximal_subparts) {
    // Rust from_utf8_lossy: truncated 3-byte sequence -> one U+FFFD; lone continuation -> one each.
    EXPECT_EQ(tt::to_valid_utf8("a\xE4\xB8" "b"), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(tt::to_valid_utf8("\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(tt::to_valid_utf8("\xF0\x9F\x98"), "\xEF\xBF\xBD");
    EXPECT_EQ(tt::to_valid_utf8("\xE0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // E0 80: 80 is not a valid 2nd byte
}

TEST(utf8, character_predicates) {
    EXPECT_TRUE(tt::is_whitespace(0x85));
    EXPECT_TRUE(tt::is_whitespace(0x3000));
    EXPECT_FALSE(tt::is_whitespace(0x200B));
    EXPECT_TRUE(tt::is_numeric(U'7'));
    EXPECT_TRUE(tt::is_numeric(0x0663));  // Arabic-Indic three (Nd)
    EXPECT_TRUE(tt::is_numeric(0x00BD));  // ½ (No)
    EXPECT_TRUE(tt::is_punctuation(U'$'));  // ASCII punctuation includes symbols
    EXPECT_TRUE(tt::is_punctuation(0x3001));  // 、
    EXPECT_FALSE(tt::is_punctuation(0x00A9));  // © is a symbol, not punctuation
}
