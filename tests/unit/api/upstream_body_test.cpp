// Tests for api/upstream_body: the text sent upstream keeps Python dict order, writes the
// server's ids over a client value in place, and appends new keys last.
#include "api/upstream_body.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "base/json_parse.hpp"

namespace tito::api {
namespace {

boost::json::object obj(std::string_view text) {
    boost::system::error_code ec;
    auto v = json::parse_exact(text, ec);
    EXPECT_FALSE(ec);
    return v.get_object();
}

TEST(upstream_body, appends_input_ids_last) {
    auto b = obj(R"({"model":"m","messages":[{"role":"user","content":"h\u00e9\n\"q\""}],"temperature":0.1})");
    EXPECT_EQ(upstream_body_json(b, {1, 22, 4294967295u}, std::nullopt),
              R"({"model":"m","messages":[{"role":"user","content":"hé\n\"q\""}],"temperature":0.1,"input_ids":[1,22,4294967295]})");
}

TEST(upstream_body, client_input_ids_keep_their_position_with_server_values) {
    auto b = obj(R"({"input_ids":[9,9,9],"messages":[],"n":1})");
    EXPECT_EQ(upstream_body_json(b, {5}, std::nullopt), R"({"input_ids":[5],"messages":[],"n":1})");
    EXPECT_EQ(upstream_body_json(b, {}, std::nullopt), R"({"input_ids":[],"messages":[],"n":1})");
}

TEST(upstream_body, routed_experts_start_len_after_input_ids_or_in_place) {
    auto b = obj(R"({"messages":[],"return_routed_experts":true})");
    EXPECT_EQ(upstream_body_json(b, {1, 2}, 7),
              R"({"messages":[],"return_routed_experts":true,"input_ids":[1,2],"routed_experts_start_len":7})");
    auto c = obj(R"({"routed_experts_start_len":99,"messages":[]})");
    EXPECT_EQ(upstream_body_json(c, {3}, 0), R"({"routed_experts_start_len":0,"messages":[],"input_ids":[3]})");
    // Without addition R3 a client value passes through untouched.
    EXPECT_EQ(upstream_body_json(c, {3}, std::nullopt), R"({"routed_experts_start_len":99,"messages":[],"input_ids":[3]})");
}

TEST(upstream_body, control_characters_and_numbers_like_python) {
    auto b = obj(R"({"s":"\u0001\b\f\t\r\\","x":1e16,"y":-0.0,"z":3.0,"u":18446744073709551615,"i":-9223372036854775808})");
    EXPECT_EQ(upstream_body_json(b, {}, std::nullopt),
              R"({"s":"\u0001\b\f\t\r\\","x":1e+16,"y":-0.0,"z":3.0,"u":18446744073709551615,"i":-9223372036854775808,"input_ids":[]})");
}

// The client's text is copied only where it is what re-serializing writes; the result is the
// same text either way.
TEST(upstream_body, verbatim_members_give_the_re_serialized_text) {
    for (std::string_view text : {
             R"({"model":"m","messages":[{"role":"user","content":"h\u00e9 \/ x"}],"tools":[{"t":1.50}],"n":1})",
             R"({"messages":[{"role":"user","content":"a\nb \"q\" \u0001 é"}],"tools":[{"type":"function"}]})",
             R"({"messages": [ {"role" : "user", "content":"spaced"} ], "input_ids":[1]})",
             R"({"messages":[{"role":"user","content":"first"}],"messages":[{"role":"user","content":"last"}]})",
         }) {
        auto b = obj(text);
        std::vector<json::raw_member> members;
        ASSERT_TRUE(json::split_members(text, members));
        auto w = write_upstream_body(b, {7, 8}, std::nullopt, {.verbatim = members});
        EXPECT_EQ(w.text, upstream_body_json(b, {7, 8}, std::nullopt)) << text;
        EXPECT_EQ(w.text.substr(w.ids_at, w.ids_len), "7,8");
    }
}

TEST(upstream_body, a_verbatim_member_is_copied_as_given) {
    // Only a member marked compact is copied; this one is marked but spelled differently from the
    // DOM, which shows that the copy, not a re-serialization, went out.
    auto b = obj(R"({"messages":[],"n":1})");
    const json::raw_member fake[] = {{"messages", R"(["as given"])", true}, {"n", "2", false}};
    EXPECT_EQ(write_upstream_body(b, {}, std::nullopt, {.verbatim = fake}).text,
              R"({"messages":["as given"],"n":1,"input_ids":[]})");
}

TEST(upstream_body, reuses_the_previous_ids_text_when_the_ids_extend_them) {
    auto b = obj(R"({"messages":[]})");
    const chat::token_ids before{11, 22, 33};
    // The previous text is trusted for the ids it stands for: a marker shows it was reused.
    const written_ids prev{before, "11,22,33"};
    auto w = write_upstream_body(b, {11, 22, 33, 44, 5}, std::nullopt, {.previous = prev});
    EXPECT_EQ(w.text, R"({"messages":[],"input_ids":[11,22,33,44,5]})");
    EXPECT_EQ(w.text.substr(w.ids_at, w.ids_len), "11,22,33,44,5");
    const written_ids marked{before, "MARK"};
    EXPECT_EQ(write_upstream_body(b, {11, 22, 33, 44}, std::nullopt, {.previous = marked}).text,
              R"({"messages":[],"input_ids":[MARK,44]})");
    EXPECT_EQ(write_upstream_body(b, {11, 22, 33}, std::nullopt, {.previous = marked}).text,
              R"({"messages":[],"input_ids":[MARK]})");
    // Not a prefix (a rollback, a trimmed prompt, a shorter list): every id written anew.
    for (const chat::token_ids& ids : {chat::token_ids{11, 22, 34, 44}, chat::token_ids{11, 22}, chat::token_ids{}}) {
        auto r = write_upstream_body(b, ids, std::nullopt, {.previous = marked});
        EXPECT_EQ(r.text, upstream_body_json(b, ids, std::nullopt));
        EXPECT_EQ(r.text.find("MARK"), std::string::npos);
    }
}

}  // namespace
}  // namespace tito::api
