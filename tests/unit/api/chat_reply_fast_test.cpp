// Tests for api/chat_reply_fast.hpp: whenever the fast reader vouches for a reply, the full
// validator accepts it too, with the same assistant message (values, key order, -0.0 vs 0.0) and
// completion ids, and the client body it writes is the reply as received. Checked on fixed replies
// and on random ones that mix the common shape with every kind of deviation.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "api/chat_reply.hpp"
#include "api/chat_reply_fast.hpp"
#include "base/json.hpp"

namespace tito::api {
namespace {

// The fast answer agrees with the full one; returns whether the fast reader answered.
bool agrees(const std::string& body) {
    auto fast = read_reply_fast(body);
    auto full = validate_upstream_reply(body);
    if (!fast) return false;
    EXPECT_TRUE(full) << body << "\n" << full.error().message();
    if (!full) return true;
    EXPECT_EQ(fast->completion_ids, full->completion_ids) << body;
    EXPECT_TRUE(json::identical(fast->assistant_message, full->assistant_message))
        << body << "\n" << json::compact(fast->assistant_message);
    EXPECT_EQ(client_json_body(full->doc, body, full->text_compact), body);
    return true;
}

const std::string stub_reply =
    R"({"id":"chatcmpl-stub-0","object":"chat.completion","created":1795787232,"model":"x","choices":[{"index":0,)"
    R"("message":{"role":"assistant","content":"","reasoning_content":"The conversation has 4 messages; deciding what to do.",)"
    R"("tool_calls":[{"id":"call_4","index":0,"type":"function","function":{"name":"search","arguments":"{\"query\": \"step 4\", \"limit\": 5}"}}]},)"
    R"("logprobs":null,"finish_reason":"tool_calls","meta_info":{"id":"stub-0","finish_reason":{"type":"stop"},"prompt_tokens":3,)"
    R"("completion_tokens":3,"cached_tokens":0,"output_token_logprobs":[[-0.015625,151667],[-0.140625,198],[0,785]],"e2e_latency":0.0}}],)"
    R"("usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}})";

TEST(chat_reply_fast, reads_the_stub_reply_as_the_full_validator_does) {
    ASSERT_TRUE(agrees(stub_reply));
    // Full-precision logprobs (float32 values in repr: 16-17 digits, exponents) are compact too.
    std::string full = stub_reply;
    full.replace(full.find("-0.015625"), 9, "-1.1920928955078125e-07");
    full.replace(full.find("-0.140625"), 9, "-0.6931471824645996");
    ASSERT_TRUE(agrees(full));
    auto v = validate_upstream_reply(full);
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->text_compact);
    auto fast = read_reply_fast(stub_reply);
    EXPECT_EQ(fast->completion_ids, (chat::token_ids{151667, 198, 785}));
    EXPECT_EQ(json::compact(fast->assistant_message),
              R"({"role":"assistant","content":"","reasoning_content":"The conversation has 4 messages; deciding what to do.",)"
              R"("tool_calls":[{"id":"call_4","index":0,"type":"function","function":{"name":"search","arguments":"{\"query\": \"step 4\", \"limit\": 5}"}}]})");
}

// Each of these is the full validator's to answer: a reply it rejects, or one whose client body is
// not the reply as received.
TEST(chat_reply_fast, leaves_every_other_reply_to_the_full_validator) {
    auto with = [](std::string from, std::string to) {
        std::string s = stub_reply;
        const auto at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    };
    const std::vector<std::string> others = {
        with(R"("completion_tokens":3,"cached)", R"("completion_tokens":4,"cached)"),         // count differs
        with("[0,785]", "[0]"),                                                                  // short entry
        with("[0,785]", "[0,-1]"),                                                               // negative id
        with("[0,785]", "[0,4294967296]"),                                                       // id beyond 32 bits
        with("[0,785]", "[0,785.0]"),                                                            // float id
        with("[0,785]", R"(["0",785])"),                                                         // string logprob
        with("[0,785]", "{}"),                                                                   // entry not a list
        with(R"("content":"",)", ""),                                                           // no content
        with(R"("content":"",)", R"("content":null,)"),                                        // null content
        with(R"("meta_info":{"id")", R"("meta_info":{"routed_experts":"QUJD","id")"),          // R3: stripped
        with(R"("meta_info":{"id")", R"("meta_info":{"indexer_topk":[1],"id")"),               // R3: stripped
        with(R"("id":"chatcmpl)", R"("id":"x","id":"chatcmpl)"),                               // repeated key
        with(R"("id":"chatcmpl)", R"( "id":"chatcmpl)"),                                       // whitespace
        with("-0.015625", "-1.5625e-2"),                                                        // not repr
        with("-0.015625", "-0.0156250"),                                                        // not repr
        with("-0.015625", "-1.1920928955078125e-7"),                                            // not repr
        with("[0,785]", "[-0,785]"),                                                             // -0 is the integer 0
        with(R"("e2e_latency":0.0)", R"("e2e_latency":1e999)"),                                // not finite
        with(R"("content":"")", R"("content":"\u00e9")"),                                      // not ensure_ascii=False
        with(R"("choices":[{)", R"("choices":[7,{)"),                                          // choices[0] not an object
        with(R"("message":{"role")", R"("message":null,"x":{"role")"),                         // null message
        with(R"("output_token_logprobs")", R"("output_token_logprob")"),                       // no logprobs
        with("1795787232", "17957872320000000000000"),                                          // beyond 64 bits
        R"([1,2])",
        "",
        stub_reply + " ",
        stub_reply + "{}",
    };
    for (const auto& body : others) EXPECT_FALSE(agrees(body)) << body;
    // Deeper than the fast reader goes: the full validator reads it.
    std::string deep = stub_reply;
    deep.replace(deep.find(R"("logprobs":null)"), 15, R"("logprobs":)" + std::string(70, '[') + std::string(70, ']'));
    EXPECT_FALSE(read_reply_fast(deep));
    EXPECT_TRUE(validate_upstream_reply(deep));
}

TEST(chat_reply_fast, the_turn_reads_the_document_when_it_streams) {
    auto quick = read_upstream_reply(stub_reply, false);
    ASSERT_TRUE(quick);
    EXPECT_TRUE(quick->as_received());
    EXPECT_TRUE(quick->doc.is_null());
    auto streamed = read_upstream_reply(stub_reply, true);
    ASSERT_TRUE(streamed);
    EXPECT_FALSE(streamed->as_received());
    EXPECT_TRUE(streamed->doc.is_object());
    EXPECT_EQ(streamed->completion_ids, quick->completion_ids);
    auto bad = read_upstream_reply(R"({"choices":[]})", false);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "invalid chat completion response: choices must be a non-empty array");
}

// Random replies: mostly the common shape, each part sometimes replaced by a deviation.
class reply_generator {
public:
    explicit reply_generator(unsigned seed) : rng_(seed) {}

    std::string reply() {
        std::string s = "{";
        s += member("id", quoted("chatcmpl-" + std::to_string(pick(100))));
        if (rare()) s += "," + member("id", "\"again\"");
        s += "," + member("object", "\"chat.completion\"");
        s += "," + member(rare() ? "choice" : "choices", rare() ? "[]" : choices());
        if (pick(2)) s += "," + member("usage", R"({"prompt_tokens":3,"total_tokens":9})");
        return s + ws() + "}";
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool rare() { return pick(80) == 0; }
    std::string ws() { return pick(300) ? "" : " "; }
    std::string quoted(const std::string& s) { return "\"" + s + "\""; }
    std::string member(const std::string& k, const std::string& v) { return ws() + quoted(k) + ws() + ":" + ws() + v; }

    std::string choices() {
        std::string s = "[" + (rare() ? std::string("null") : choice(true));
        for (int n = pick(6) == 0 ? 1 + pick(2) : 0; n > 0; --n) s += "," + (pick(4) ? choice(false) : "3");
        return s + "]";
    }
    std::string choice(bool first) {
        std::string s = "{" + member("index", "0");
        if (!rare()) s += "," + member("message", message());
        s += "," + member("finish_reason", pick(2) ? "\"stop\"" : "null");
        if (!rare()) s += "," + member(rare() ? "meta" : "meta_info", meta(first));
        return s + "}";
    }
    // The first 13 are Python's own spellings (json.dumps, ensure_ascii=False); then one the
    // compact verdict does not vouch for (a hex letter: "\\u001F" is as long), then two others.
    std::string text() {
        static const char* const pool[] = {"a", "é", "中", "🙂", " ", "\\n", "\\\"", "\\\\", "\\t", "\\u0001",
                                           "x", "hello", "{\\\"k\\\": 1}", "\\u001f", "\\u00e9", "\\/"};
        std::string s = "\"";
        for (int n = pick(10); n > 0; --n) s += pool[pick(pick(40) ? 13 : 16)];
        return s + "\"";
    }
    // The first 14 are repr's spellings (the last four long: full-precision logprobs); the rest
    // are not, or are beyond what the fast reader takes.
    std::string number() {
        static const char* const pool[] = {"0.5", "-0.015625", "1.0", "-0.0", "0.0", "-12.0", "0.0001", "7", "-3",
                                           "9223372036854775808", "-0.6931471824645996", "0.30000000000000004",
                                           "-1.1920928955078125e-07", "1e+16", "1e5", "2.50", "1E-7", "3.0e+2",
                                           "-1.1920928955078125e-7", "0.3000000000000000444", "-0.69314718246459960",
                                           "123456789012345678901", "-0", "1e999"};
        return pool[pick(pick(60) ? 14 : 24)];
    }
    std::string message() {
        if (rare()) return pick(2) ? "null" : "[]";
        std::string s = "{" + member("role", "\"assistant\"");
        if (!rare()) s += "," + member("content", rare() ? "null" : text());
        if (pick(2)) s += "," + member("reasoning_content", pick(3) ? text() : "null");
        if (pick(2))
            s += "," + member("tool_calls", R"([{"id":"call_1","type":"function","function":{"name":"f","arguments":)" +
                                                text() + "}}]");
        if (pick(4) == 0) s += "," + member("score", number());
        if (pick(6) == 0) s += "," + member("flags", pick(2) ? "[true,false,null,{}]" : R"({"a":[],"b":{"c":1}})");
        if (rare()) s += "," + member("role", "\"user\"");
        return s + "}";
    }
    std::string meta(bool first) {
        if (rare()) return "3";
        const int n = pick(8);
        std::string s = "{" + member("id", "\"stub\"");
        if (!rare()) s += "," + member("completion_tokens", std::to_string(rare() ? n + 1 : n) + (rare() ? ".0" : ""));
        if (pick(16) == 0) s += "," + member(pick(2) ? "routed_experts" : "indexer_topk", pick(2) ? "\"QUJD\"" : "[[1,2]]");
        std::string lps = "[";
        for (int i = 0; i < n; ++i) {
            if (i) lps += ",";
            lps += entry();
        }
        if (!rare()) s += "," + member("output_token_logprobs", rare() ? "{}" : lps + "]");
        if (pick(2)) s += "," + member("e2e_latency", number());
        (void)first;
        return s + "}";
    }
    std::string entry() {
        if (rare()) return pick(2) ? "[0.5]" : "7";
        std::string id = std::to_string(pick(200000));
        if (rare()) id = pick(2) ? "-1" : "4294967296";
        if (rare()) id = "5.0";
        std::string e = "[" + (rare() ? std::string("\"x\"") : number()) + "," + id;
        if (pick(10) == 0) e += ",null";
        return e + "]";
    }

    std::mt19937 rng_;
};

TEST(chat_reply_fast, agrees_with_the_full_validator_on_random_replies) {
    reply_generator g(20261127);
    int answered = 0, left = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string body = g.reply();
        (agrees(body) ? answered : left)++;
        if (::testing::Test::HasFailure()) break;
    }
    // Both outcomes are exercised.
    EXPECT_GT(answered, 4000);
    EXPECT_GT(left, 4000);
    std::printf("fast reader answered %d of %d replies\n", answered, answered + left);
}

}  // namespace
}  // namespace tito::api
