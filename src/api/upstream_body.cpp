#include "api/upstream_body.hpp"

#include <cstring>

#include "base/json.hpp"

namespace tito::api {

namespace {

constexpr std::string_view input_ids_key = "input_ids";
constexpr std::string_view start_len_key = "routed_experts_start_len";
constexpr std::string_view messages_key = "messages";

const json::raw_member* find_verbatim(std::span<const json::raw_member> members, std::string_view key) {
    for (auto it = members.rbegin(); it != members.rend(); ++it)
        if (it->key == key) return &*it;
    return nullptr;
}

bool starts_with(const chat::token_ids& ids, std::span<const chat::token_id> prefix) {
    return !prefix.empty() && prefix.size() <= ids.size() &&
           std::memcmp(ids.data(), prefix.data(), prefix.size() * sizeof(chat::token_id)) == 0;
}

}  // namespace

upstream_body write_upstream_body(const boost::json::object& body, const chat::token_ids& input_ids,
                                  std::optional<std::int64_t> routed_experts_start_len,
                                  const upstream_body_parts& parts) {
    upstream_body r;
    std::string& out = r.text;
    // The previous ids are reused when the new ones start with them (every turn that extends
    // the session without a rollback).
    std::span<const chat::token_id> rest(input_ids);
    const bool reuse = starts_with(input_ids, parts.previous.ids);
    if (reuse) rest = rest.subspan(parts.previous.ids.size());
    // Sized so that the text needs neither a regrowth nor, kept in a record, a shrinking copy:
    // the new ids are estimated at the previous ids' bytes per id (7 on a first turn).
    std::size_t ids_bytes = rest.size() * 7;
    if (reuse) {
        const std::size_t prev_ids = parts.previous.ids.size();
        ids_bytes = parts.previous.text.size() + 1 + rest.size() * (parts.previous.text.size() + prev_ids) / prev_ids +
                    rest.size() / 32;
    }
    out.reserve(parts.size_hint + ids_bytes + 256);
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
    auto ids = [&] {
        out += '[';
        r.ids_at = out.size();
        if (reuse) {
            out += parts.previous.text;
            if (!rest.empty()) out += ',';
        }
        json::append_uint_items(out, rest);
        r.ids_len = out.size() - r.ids_at;
        out += ']';
    };
    for (const auto& kv : body) {
        key(kv.key());
        if (kv.key() == input_ids_key) {
            ids();
            ids_written = true;
        } else if (routed_experts_start_len && kv.key() == start_len_key) {
            json::append_int(out, *routed_experts_start_len);
            start_written = true;
        } else {
            const std::size_t at = out.size();
            if (const auto* m = find_verbatim(parts.verbatim, kv.key()); m && m->compact) out += m->value;
            else json::append_compact(out, kv.value());
            if (kv.key() == messages_key) {
                r.messages_at = at;
                r.messages_len = out.size() - at;
            }
        }
    }
    if (!ids_written) {
        key(input_ids_key);
        ids();
    }
    if (!start_written) {
        key(start_len_key);
        json::append_int(out, *routed_experts_start_len);
    }
    out += '}';
    return r;
}

std::string upstream_body_json(const boost::json::object& body, const chat::token_ids& input_ids,
                               std::optional<std::int64_t> routed_experts_start_len, std::size_t size_hint) {
    return write_upstream_body(body, input_ids, routed_experts_start_len, {.size_hint = size_hint}).text;
}

}  // namespace tito::api
