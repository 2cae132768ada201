// Tests for tokenizer/normalizers/*: each normalizer built from its tokenizer.json object.
#include <gtest/gtest.h>

#include "tokenizer/normalizers/normalizer.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;

namespace {
std::string run(std::string_view spec, std::string s) {
    auto n = make_normalizer(json(spec));
    EXPECT_TRUE(n) << spec;
    if (n && *n) (*n)->normalize(s);
    return s;
}
}  // namespace

TEST(normalizers, unicode_forms) {
    EXPECT_EQ(run(R"({"type":"NFC"})", "e\xCC\x81"), "\xC3\xA9");
    EXPECT_EQ(run(R"({"type":"NFD"})", "\xC3\xA9"), "e\xCC\x81");
    EXPECT_EQ(run(R"({"type":"NFKC"})", "\xEF\xAC\x81"), "fi");
    EXPECT_EQ(run(R"({"type":"NFKD"})", "\xC2\xB2"), "2");
}

TEST(normalizers, lowercase) { EXPECT_EQ(run(R"({"type":"Lowercase"})", "ABC Déf"), "abc déf"); }

TEST(normalizers, replace_string_and_regex) {
    EXPECT_EQ(run(R"({"type":"Replace","pattern":{"String":" "},"content":"▁"})", "a b  c"), "a▁b▁▁c");
    EXPECT_EQ(run(R"({"type":"Replace","pattern":{"Regex":" {2,}"},"content":" "})", "a    b c"), "a b c");
}

TEST(normalizers, prepend_only_non_empty) {
    EXPECT_EQ(run(R"({"type":"Prepend","prepend":"▁"})", "Hey"), "▁Hey");
    EXPECT_EQ(run(R"({"type":"Prepend","prepend":"▁"})", ""), "");
}

TEST(normalizers, strip) {
    EXPECT_EQ(run(R"({"type":"Strip","strip_left":true,"strip_right":true})", " \t x y \u3000"), "x y");
    EXPECT_EQ(run(R"({"type":"Strip","strip_left":false,"strip_right":true})", "  x  "), "  x");
    EXPECT_EQ(run(R"({"type":"Strip","strip_left":true,"strip_right":false})", "  x  "), "x  ");
}

TEST(normalizers, byte_level) { EXPECT_EQ(run(R"({"type":"ByteLevel"})", "a b\n"), "aĠbĊ"); }

TEST(normalizers, sequence_in_order) {
    EXPECT_EQ(run(R"({"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},
                 {"type":"Replace","pattern":{"String":" "},"content":"▁"}]})",
                  "Hello world"),
              "▁Hello▁world");
    EXPECT_EQ(run(R"({"type":"Sequence","normalizers":[]})", "same"), "same");
}

TEST(normalizers, unknown_type_is_load_error) {
    auto n = make_normalizer(json(R"({"type":"Precompiled","precompiled_charsmap":""})"));
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code(), tito::errc::tokenizer_load);
    EXPECT_NE(n.error().message().find("Precompiled"), std::string::npos);
}
