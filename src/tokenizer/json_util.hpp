// File: tokenizer/json_util.hpp
// Small typed accessors over simdjson DOM elements used by every factory (make.cpp) while loading
// tokenizer.json. Each returns a tito::result whose error (errc::tokenizer_load) names the field.
// Usage:
//   TITO_TRY(auto type, detail::get_string(obj, "type", "normalizer"));
//   TITO_TRY(bool split, detail::get_bool(obj, "split", true, "Metaspace"));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/result.hpp"

namespace tito::tokenizer::detail {

using json = simdjson::dom::element;

error load_error(std::string message);

// Required string member `key` of object `obj`; `where` names the component for messages.
result<std::string_view> get_string(json obj, std::string_view key, std::string_view where);
// Optional string: nullopt when missing or null.
result<std::optional<std::string_view>> get_opt_string(json obj, std::string_view key, std::string_view where);
result<bool> get_bool(json obj, std::string_view key, bool fallback, std::string_view where);
result<std::int64_t> get_int(json obj, std::string_view key, std::int64_t fallback, std::string_view where);
// Member `key` if present and not null.
std::optional<json> get_member(json obj, std::string_view key);
// The "type" member of a component object.
result<std::string_view> get_type(json obj, std::string_view where);

// {"String": "..."} or {"Regex": "..."} as used by Split, Replace.
struct pattern_spec {
    bool is_regex = false;
    std::string text;
};
result<pattern_spec> get_pattern(json obj, std::string_view where);

}  // namespace tito::tokenizer::detail
