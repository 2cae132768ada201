// File: api/upstream_body.cpp
#include "api/upstream_body.hpp"

#include "base/json.hpp"

namespace tito::api {

namespace {

constexpr std::string_view input_ids_key = "input_ids";
constexpr std::string_view start_len_key = "routed_experts_start_len";

}  // namespace

std::string upstream_body_json(const boost::json::object& body, const chat::token_ids& input_ids,
                               std::optional<std::int64_t> routed_experts_start_len, std::size_t size_hint) {
    std::string out;
    out.reserve(size_hint + input_ids.size() * 7 + 256);
    out += '{';
    bool first = true;
    bool ids_written = false;
    bool start_written = !routed_experts_start_len;
    auto key = [&](std::string_view k) {
        if (!first) out += ',';
        first = false;
        json::append_quoted(out, k);
        out += ':';
    };
    for (const auto& kv : body) {
        key(kv.key());
        if (kv.key() == input_ids_key) {
            json::append_uint_list(out, input_ids);
            ids_written = true;
        } else if (routed_experts_start_len && kv.key() == start_len_key) {
            json::append_int(out, *routed_experts_start_len);
            start_written = true;
        } else {
            json::append_compact(out, kv.value());
        }
    }
    if (!ids_written) {
        key(input_ids_key);
        json::append_uint_list(out, input_ids);
    }
    if (!start_written) {
        key(start_len_key);
        json::append_int(out, *routed_experts_start_len);
    }
    out += '}';
    return out;
}

}  // namespace tito::api
