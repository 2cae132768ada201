// Tests for api/chat_reply.hpp's client text (spec 3.8): the reply re-emitted compactly with
// meta_info.routed_experts and meta_info.indexer_topk removed from every choice, nothing else
// changed — in particular the other keys keep their order, wherever the removed ones stood.
#include <gtest/gtest.h>

#include <string>

#include "api/chat_reply.hpp"
#include "base/json.hpp"
#include "base/json_parse.hpp"

namespace tito::api {
namespace {

std::string client_text(const std::string& body) {
    auto v = validate_upstream_reply(body);
    EXPECT_TRUE(v) << (v ? "" : v.error().message());
    return v ? client_json_body(v->doc, body, v->text_compact) : "";
}

TEST(chat_reply, r3_payloads_leave_every_choice_and_the_other_keys_keep_their_order) {
    const std::string body =
        R"({"choices":[{"message":{"content":""},"meta_info":{"routed_experts":"QUJD","completion_tokens":1,"output_token_logprobs":[[-1,5]],"indexer_topk":[[1,2],[3]],"x":1}},)"
        R"({"message":{"content":"b"},"meta_info":{"indexer_topk":{"a":[1]},"y":2,"routed_experts":null,"z":3}},{"meta_info":3}]})";
    EXPECT_EQ(client_text(body),
              R"({"choices":[{"message":{"content":""},"meta_info":{"completion_tokens":1,"output_token_logprobs":[[-1,5]],"x":1}},)"
              R"({"message":{"content":"b"},"meta_info":{"y":2,"z":3}},{"meta_info":3}]})");
    // Only meta_info's own keys of a choice: elsewhere they stay.
    const std::string elsewhere =
        R"({"routed_experts":1,"choices":[{"message":{"content":"","routed_experts":2},"meta_info":{"completion_tokens":1,"output_token_logprobs":[[0.5,1]],"y":{"indexer_topk":3}}}]})";
    EXPECT_EQ(client_text(elsewhere), elsewhere);
}

TEST(chat_reply, without_r3_payloads_the_text_is_the_compact_reply) {
    const std::string body =
        R"({"id":"c","choices":[{"message":{"content":"hi \"x\"\n"},"meta_info":{"completion_tokens":2,"output_token_logprobs":[[-0.0156250,151667],[-1.2345678901234567E-5,198]]}}]})";
    EXPECT_EQ(client_text(body),
              R"({"id":"c","choices":[{"message":{"content":"hi \"x\"\n"},"meta_info":{"completion_tokens":2,"output_token_logprobs":[[-0.015625,151667],[-1.2345678901234568e-05,198]]}}]})");  // Python: repr(-1.2345678901234567E-5)
}

// A reply already in compact form goes out as received; any other spelling of it (whitespace
// between members, an exponent where repr writes fixed notation, a trailing zero, a duplicate key)
// is re-serialized to the same compact text.
TEST(chat_reply, a_compact_reply_is_the_body_and_other_spellings_are_rewritten_to_it) {
    const std::string head = R"({"id":"c",)";
    const std::string rest_of = R"("choices":[{"message":{"content":"CONTENT","tool_calls":null},"meta_info":{"completion_tokens":3,"output_token_logprobs":[[LP,151667],[-12.0,198],[0.0001,5]],"e2e_latency":0.0}}]})";
    auto reply = [&](std::string h, std::string content, std::string lp) {
        std::string r = rest_of;
        r.replace(r.find("CONTENT"), 7, content);
        r.replace(r.find("LP"), 2, lp);
        return h + r;
    };
    const std::string compact = reply(head, "\xC3\xA9 ok \\\"q\\\"", "-0.015625");
    EXPECT_EQ(client_text(compact), compact);
    for (const std::string& other : {reply(R"({"id":"c", )", "\xC3\xA9 ok \\\"q\\\"", "-0.015625"),  // whitespace
                                     reply(head, "\\u00e9 ok \\\"q\\\"", "-0.015625"),              // an escape repr does not write
                                     reply(head, "\xC3\xA9 ok \\\"q\\\"", "-1.5625e-2"),           // an exponent
                                     reply(head, "\xC3\xA9 ok \\\"q\\\"", "-0.0156250"),           // a trailing zero
                                     reply(R"({"id":"x","id":"c",)", "\xC3\xA9 ok \\\"q\\\"", "-0.015625")})  // a duplicate key
        EXPECT_EQ(client_text(other), compact) << other;
}

// A non-finite number only counts where the document keeps it: a repeated key's discarded value
// does not (the last value wins, as in Python).
TEST(chat_reply, a_discarded_non_finite_value_is_not_an_error) {
    const std::string good =
        R"({"usage":1e999,"choices":[{"message":{"content":""},"meta_info":{"completion_tokens":1,"output_token_logprobs":[[-0.5,7]]}}],"usage":{"total_tokens":1}})";
    auto v = validate_upstream_reply(good);
    ASSERT_TRUE(v) << v.error().message();
    EXPECT_EQ(client_json_body(v->doc, good, v->text_compact),
              R"({"usage":{"total_tokens":1},"choices":[{"message":{"content":""},"meta_info":{"completion_tokens":1,"output_token_logprobs":[[-0.5,7]]}}]})");
    auto bad = validate_upstream_reply(
        R"({"choices":[{"message":{"content":""},"meta_info":{"completion_tokens":1,"output_token_logprobs":[[-1e999,7]]}}]})");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "invalid chat completion response: non-finite number");
}

}  // namespace
}  // namespace tito::api
