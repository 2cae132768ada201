// Tests for text/regex.hpp: Oniguruma translation and find_iter semantics.
#include <gtest/gtest.h>

#include "text/regex.hpp"

namespace tt = tito::text;

namespace {
std::vector<std::string> all(const tt::regex& re, std::string_view s) {
    std::vector<tt::match> m;
    re.find_all(s, m);
    std::vector<std::string> out;
    for (auto x : m) out.emplace_back(s.substr(x.begin, x.end - x.begin));
    return out;
}
}  // namespace

TEST(regex, translation_of_onig_classes) {
    EXPECT_EQ(tt::translate_oniguruma(R"(\h)"), "[0-9a-fA-F]");
    EXPECT_EQ(tt::translate_oniguruma(R"([\]a])"), R"([\]a])");
    EXPECT_EQ(tt::translate_oniguruma(R"(\d{1,3})"), R"(\d{1,3})");
    EXPECT_NE(tt::translate_oniguruma(R"(\p{L})").find(R"(\x{1E030})"), std::string::npos);
}

TEST(regex, whitespace_is_unicode_white_space) {
    auto re = tt::regex::compile(R"(\s+)");
    ASSERT_TRUE(re);
    EXPECT_EQ(all(*re, "a\xC2\x85" "b"), (std::vector<std::string>{"\xC2\x85"}));  // U+0085: space for Onig
    EXPECT_TRUE(all(*re, "a\xE1\xA0\x8E" "b").empty());  // U+180E: not White_Space (PCRE2 \s says yes)
    auto neg = tt::regex::compile(R"([^\s\p{L}]+)");
    ASSERT_TRUE(neg);
    EXPECT_EQ(all(*neg, "a\xE1\xA0\x8E\xC2\x85"), (std::vector<std::string>{"\xE1\xA0\x8E"}));
}

TEST(regex, categories_follow_unicode_16) {
    auto re = tt::regex::compile(R"(\p{L}+|\p{N}+)");
    ASSERT_TRUE(re);
    // U+1E030 (Lm, Unicode 15.0) and U+10D50 (Lu, Unicode 16.0) are letters for Oniguruma.
    EXPECT_EQ(all(*re, "1\xF0\x9E\x80\xB0\xF0\x90\xB5\x90" "2"),
              (std::vector<std::string>{"1", "\xF0\x9E\x80\xB0\xF0\x90\xB5\x90", "2"}));
}

TEST(regex, gpt2_like_split) {
    auto re = tt::regex::compile(R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)");
    ASSERT_TRUE(re);
    EXPECT_EQ(all(*re, "Hello world's  42!"),
              (std::vector<std::string>{"Hello", " world", "'s", " ", " 42", "!"}));
    // U+0085 is whitespace for Oniguruma, so it groups with the following spaces.
    EXPECT_EQ(all(*re, "a\xC2\x85 b"), (std::vector<std::string>{"a", "\xC2\x85", " b"}));
}

TEST(regex, case_insensitive_group) {
    auto re = tt::regex::compile(R"((?i:'s|'ll)|\p{L}+)");
    ASSERT_TRUE(re);
    EXPECT_EQ(all(*re, "IT'S WE'LL"), (std::vector<std::string>{"IT", "'S", "WE", "'LL"}));
}

TEST(regex, empty_matches_advance_by_code_point) {
    auto re = tt::regex::compile("x*");
    ASSERT_TRUE(re);
    std::vector<tt::match> m;
    re->find_all("\xC3\xA9x", m);  // éx
    ASSERT_EQ(m.size(), 2u);  // the empty match at the end follows "x" and is skipped
    EXPECT_EQ(m[0].begin, 0u);  // empty at 0
    EXPECT_EQ(m[0].end, 0u);
    EXPECT_EQ(m[1].begin, 2u);  // "x" (after é, never inside it)
    EXPECT_EQ(m[1].end, 3u);
}

TEST(regex, bad_pattern_is_a_load_error) {
    auto re = tt::regex::compile("(unclosed");
    ASSERT_FALSE(re);
    EXPECT_EQ(re.error().code(), tito::errc::tokenizer_load);
}
