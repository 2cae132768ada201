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

}  // namespace
}  // namespace tito::api
