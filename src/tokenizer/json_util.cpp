// File: tokenizer/json_util.cpp
#include "tokenizer/json_util.hpp"

#include <fmt/format.h>

namespace tito::tokenizer::detail {

error load_error(std::string message) { return error{errc::tokenizer_load, std::move(message)}; }

std::optional<json> get_member(json obj, std::string_view key) {
    json v;
    if (obj.at_key(key).get(v) != simdjson::SUCCESS || v.is_null()) return std::nullopt;
    return v;
}

result<std::string_view> get_string(json obj, std::string_view key, std::string_view where) {
    auto v = get_member(obj, key);
    std::string_view s;
    if (!v || v->get_string().get(s) != simdjson::SUCCESS)
        return load_error(fmt::format("{}: missing or non-string field '{}'", where, key));
    return s;
}

result<std::optional<std::string_view>> get_opt_string(json obj, std::string_view key, std::string_view where) {
    auto v = get_member(obj, key);
    if (!v) return std::optional<std::string_view>{};
    std::string_view s;
    if (v->get_string().get(s) != simdjson::SUCCESS)
        return load_error(fmt::format("{}: field '{}' is not a string", where, key));
    return std::optional<std::string_view>{s};
}

result<bool> get_bool(json obj, std::string_view key, bool fallback, std::string_view where) {
    auto v = get_member(obj, key);
    if (!v) return fallback;
    bool b = false;
    if (v->get_bool().get(b) != simdjson::SUCCESS)
        return load_error(fmt::format("{}: field '{}' is not a boolean", where, key));
    return b;
}

result<std::int64_t> get_int(json obj, std::string_view key, std::int64_t fallback, std::string_view where) {
    auto v = get_member(obj, key);
    if (!v) return fallback;
    std::int64_t n = 0;
    if (v->get_int64().get(n) != simdjson::SUCCESS)
        return load_error(fmt::format("{}: field '{}' is not an integer", where, key));
    return n;
}

result<std::string_view> get_type(json obj, std::string_view where) {
    if (!obj.is_object()) return load_error(fmt::format("{}: expected an object", where));
    return get_string(obj, "type", where);
}

result<pattern_spec> get_pattern(json obj, std::string_view where) {
    auto p = get_member(obj, "pattern");
    if (!p || !p->is_object()) return load_error(fmt::format("{}: missing 'pattern' object", where));
    TITO_TRY(auto s, get_opt_string(*p, "String", where));
    if (s) return pattern_spec{false, std::string(*s)};
    TITO_TRY(auto r, get_opt_string(*p, "Regex", where));
    if (r) return pattern_spec{true, std::string(*r)};
    return load_error(fmt::format("{}: pattern must be {{\"String\": ...}} or {{\"Regex\": ...}}", where));
}

}  // namespace tito::tokenizer::detail
