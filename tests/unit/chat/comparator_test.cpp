// File: unit/chat/comparator_test.cpp
// The mismatch comparator (spec 7.3) on the Qwen3 tokenizer, including the spec's example.
#include "chat/comparator.hpp"

#include <gtest/gtest.h>

#include "chat/jinja_family.hpp"
#include "chat_test_support.hpp"

namespace bj = boost::json;
using namespace tito::chat;
using namespace tito::chat::test;

namespace {
const jinja_family& qwen3() { return dynamic_cast<const jinja_family&>(*qwen_family("qwen3")); }
token_ids enc(std::string_view s) { return qwen3().get_tokenizer().encode(s, false); }
const char* history = R"([{"role":"user","content":"hi"},
    {"role":"assistant","content":"","tool_calls":[{"type":"function","function":{"name":"f","arguments":{"x":1}}}]}])";
}  // namespace

TEST(chat_comparator, spec_example_assistant_text) {
    const token_ids actual = enc(
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n<tool_call>\n"
        "{\"name\": \"f\", \"arguments\": {\"x\":1}}\n</tool_call><|im_end|>");
    auto ms = qwen3().compare(ja(history), bj::value(), actual);
    ASSERT_TRUE(ms) << ms.error().message();
    ASSERT_EQ(ms->size(), 1u);
    const auto& m = ms->front();
    EXPECT_EQ(m.type, "assistant_text");
    EXPECT_EQ(m.segment_index, 5);
    EXPECT_EQ(m.expected_text,
              "assistant\n<think>\n\n</think>\n\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"x\": 1}}\n</tool_call>");
    EXPECT_EQ(m.actual_text,
              "assistant\n<think>\n\n</think>\n\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"x\":1}}\n</tool_call>");
    EXPECT_EQ(m.detail, "");
}

TEST(chat_comparator, identical_sequences_have_no_mismatch) {
    token_ids actual = enc(
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n<tool_call>\n"
        "{\"name\": \"f\", \"arguments\": {\"x\": 1}}\n</tool_call><|im_end|>");
    const token_id nl = enc("\n").at(0);
    actual.insert(actual.end(), {nl, nl});  // every trailing "\n" id is trimmed
    auto ms = qwen3().compare(ja(history), bj::value(), actual);
    ASSERT_TRUE(ms);
    EXPECT_TRUE(ms->empty());
}

TEST(chat_comparator, non_assistant_text) {
    const token_ids actual = enc(
        "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n<tool_call>\n"
        "{\"name\": \"f\", \"arguments\": {\"x\": 1}}\n</tool_call><|im_end|>");
    auto ms = qwen3().compare(ja(history), bj::value(), actual);
    ASSERT_TRUE(ms);
    ASSERT_EQ(ms->size(), 1u);
    EXPECT_EQ(ms->front().type, "non_assistant_text");
    EXPECT_EQ(ms->front().segment_index, 1);
    EXPECT_EQ(ms->front().expected_text, "user\nhi");
    EXPECT_EQ(ms->front().actual_text, "user\nhello");
}

TEST(chat_comparator, structure_and_special_type) {
    const auto& cmp = qwen3().get_comparator();
    const token_ids e = enc("<|im_start|>user\nhi<|im_end|>\n");
    const token_ids a = enc("<|im_start|>user\nhi");
    auto ms = cmp.compare(e, a);
    ASSERT_EQ(ms.size(), 1u);
    EXPECT_EQ(ms[0].type, "special_token_count");
    EXPECT_EQ(ms[0].segment_index, -1);
    EXPECT_EQ(ms[0].expected_text, "[<|im_start|>] (3 tokens) [<|im_end|>]");
    EXPECT_EQ(ms[0].actual_text, "[<|im_start|>] (3 tokens)");
    EXPECT_EQ(ms[0].detail, "segment count differs: expected 3, got 2");

    ms = cmp.compare(enc("<|im_start|>a<|im_end|>"), enc("a<|im_start|><|im_end|>"));
    ASSERT_EQ(ms.size(), 1u);
    EXPECT_EQ(ms[0].detail, "segment structure (special/content pattern) differs");

    ms = cmp.compare(enc("<|im_start|>a<|im_end|>"), enc("<|im_start|>a<|endoftext|>"));
    ASSERT_EQ(ms.size(), 1u);
    EXPECT_EQ(ms[0].type, "special_token_type");
    EXPECT_EQ(ms[0].segment_index, 2);
    EXPECT_EQ(ms[0].expected_text, "<|im_end|>");
    EXPECT_EQ(ms[0].actual_text, "<|endoftext|>");
}

TEST(chat_comparator, segments_and_assistant_detection) {
    const auto& cmp = qwen3().get_comparator();
    auto segs = cmp.segments(enc("<|im_start|>assistant\nHi<|im_end|>\n"));
    ASSERT_EQ(segs.size(), 4u);
    EXPECT_TRUE(segs[0].is_special);
    EXPECT_FALSE(segs[1].is_special);
    EXPECT_TRUE(cmp.is_assistant(segs, 1));
    EXPECT_FALSE(cmp.is_assistant(segs, 3));
    EXPECT_FALSE(cmp.is_assistant(cmp.segments(enc("<|im_start|>user\nHi")), 1));
    EXPECT_TRUE(cmp.segments({}).empty());
}

TEST(chat_comparator, default_family_never_classifies_assistant) {
    auto def = qwen_family("default");
    const token_ids actual = enc("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nX<|im_end|>\n");
    auto ms = def->compare(ja(R"([{"role":"user","content":"hi"},{"role":"assistant","content":"Y"}])"), bj::value(), actual);
    ASSERT_TRUE(ms) << ms.error().message();
    ASSERT_FALSE(ms->empty());
    for (const auto& m : *ms) EXPECT_NE(m.type, "assistant_text");
}

TEST(chat_comparator, clean_up_tokenization) {
    EXPECT_EQ(clean_up_tokenization("a . b ? c ! d , e ' f n't g 'm 's 've 're"), "a. b? c! d, e'fn't g'm's've're");
}
