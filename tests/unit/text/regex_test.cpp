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
    EXPECT_EQ(tt::translate_oniguruma(R"(\s+(?!\S))"), R"([\s\x{85}]+(?![^\s\x{85}]))");
    EXPECT_EQ(tt::translate_oniguruma(R"([^\s\p{L}])"), R"([^\s\x{85}\p{L}])");
    EXPECT_EQ(tt::translate_oniguruma(R"(\h)"), "[0-9a-fA-F]");
    EXPECT_EQ(tt::translate_oniguruma(R"([\]\s])"), R"([\]\s\x{85}])");
    EXPECT_EQ(tt::translate_oniguruma(R"(\p{N}{1,3})"), R"(\p{N}{1,3})");
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
