// Tests for tokenizer/pre_tokenizers/*: each pre-tokenizer built from its tokenizer.json object.
#include <gtest/gtest.h>

#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;
using strings = std::vector<std::string>;

namespace {
strings run(std::string_view spec, std::string s, bool at_origin = true) {
    auto p = make_pre_tokenizer(json(spec));
    EXPECT_TRUE(p) << spec;
    pre_tokenized pt{std::move(s), at_origin};
    if (p && *p) (*p)->pre_tokenize(pt);
    return pt.strings();
}
std::string split(std::string_view behavior, bool invert = false) {
    return std::string(R"({"type":"Split","pattern":{"String":"-"},"behavior":")") + std::string(behavior) +
           R"(","invert":)" + (invert ? "true" : "false") + "}";
}
}  // namespace

TEST(pre_tokenizers, split_behaviors) {
    const std::string in = "a-b--c-";
    EXPECT_EQ(run(split("Removed"), in), (strings{"a", "b", "c"}));
    EXPECT_EQ(run(split("Isolated"), in), (strings{"a", "-", "b", "-", "-", "c", "-"}));
    EXPECT_EQ(run(split("MergedWithPrevious"), in), (strings{"a-", "b-", "-", "c-"}));  // each "-" is its own match
    EXPECT_EQ(run(split("MergedWithNext"), in), (strings{"a", "-b", "-", "-c", "-"}));
    EXPECT_EQ(run(split("Contiguous"), in), (strings{"a", "-", "b", "--", "c", "-"}));
    EXPECT_EQ(run(split("Removed", true), in), (strings{"-", "-", "-", "-"}));
}

TEST(pre_tokenizers, split_regex_llama3) {
    const char* spec = R"({"type":"Split","pattern":{"Regex":"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},"behavior":"Isolated","invert":false})";
    EXPECT_EQ(run(spec, "I'LL pay 12345 now!!\n\n  ok"),
              (strings{"I", "'LL", " pay", " ", "123", "45", " now", "!!\n\n", " ", " ok"}));
}

TEST(pre_tokenizers, byte_level) {
    EXPECT_EQ(run(R"({"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true})",
                  "Hello world"),
              (strings{"Hello", "Ġworld"}));
    EXPECT_EQ(run(R"({"type":"ByteLevel","add_prefix_space":true,"use_regex":true})", "Hi"), (strings{"ĠHi"}));
    EXPECT_EQ(run(R"({"type":"ByteLevel","add_prefix_space":false,"use_regex":false})", "a b\xC3\xA9"),
              (strings{"aĠbÃ©"}));
}

TEST(pre_tokenizers, byte_level_twice_maps_twice) {
    // Two ByteLevel stages map twice, as in HF: "é" -> "Ã©" -> "ÃĥÂ©".
    EXPECT_EQ(run(R"({"type":"Sequence","pretokenizers":[{"type":"ByteLevel","add_prefix_space":false,"use_regex":false},
                     {"type":"ByteLevel","add_prefix_space":false,"use_regex":false}]})", "\xC3\xA9"),
              (strings{"ÃĥÂ©"}));
}

TEST(pre_tokenizers, metaspace_prepend_schemes) {
    const char* always = R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true})";
    EXPECT_EQ(run(always, "Hey friend"), (strings{"▁Hey", "▁friend"}));
    const char* first = R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":false})";
    EXPECT_EQ(run(first, "Hey you", true), (strings{"▁Hey▁you"}));
    EXPECT_EQ(run(first, "Hey you", false), (strings{"Hey▁you"}));
    const char* never = R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"never","split":true})";
    EXPECT_EQ(run(never, "a b"), (strings{"a", "▁b"}));
}

TEST(pre_tokenizers, digits) {
    EXPECT_EQ(run(R"({"type":"Digits","individual_digits":true})", "ab12c"), (strings{"ab", "1", "2", "c"}));
    EXPECT_EQ(run(R"({"type":"Digits","individual_digits":false})", "ab12c"), (strings{"ab", "12", "c"}));
}

TEST(pre_tokenizers, punctuation) {
    EXPECT_EQ(run(R"({"type":"Punctuation","behavior":"Isolated"})", "Hey, you!?"),
              (strings{"Hey", ",", " you", "!", "?"}));
    EXPECT_EQ(run(R"({"type":"Punctuation","behavior":"Contiguous"})", "a!?b"), (strings{"a", "!?", "b"}));
}

TEST(pre_tokenizers, whitespace_and_whitespace_split) {
    EXPECT_EQ(run(R"({"type":"Whitespace"})", "Hey man!! How's it?"),
              (strings{"Hey", "man", "!!", "How", "'", "s", "it", "?"}));
    EXPECT_EQ(run(R"({"type":"WhitespaceSplit"})", " a\tb\u3000c "), (strings{"a", "b", "c"}));
}

TEST(pre_tokenizers, sequence) {
    EXPECT_EQ(run(R"({"type":"Sequence","pretokenizers":[{"type":"WhitespaceSplit"},
                     {"type":"Digits","individual_digits":true}]})",
                  "x1 22"),
              (strings{"x", "1", "2", "2"}));
}

TEST(pre_tokenizers, unknown_type_is_load_error) {
    auto p = make_pre_tokenizer(json(R"({"type":"UnicodeScripts"})"));
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message().find("UnicodeScripts"), std::string::npos);
}
