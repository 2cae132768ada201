// File: chat/families.hpp
// The family registry (spec 6.3): one row per supported `--tito-model`, with the miles class name
// (used in kwarg-conflict messages), the bundled template, fixed kwargs, allowed append roles,
// max_trim_tokens, boundary rule and comparator settings. tito-server supports the Jinja-driven
// families default, qwen3, qwen35, qwennext and glm47; any other name is a start-up error.
// Usage:
//   const family_spec* s = find_family_spec("qwen3");   // nullptr when not supported
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tito::chat {

// How the stored prefix is adjusted before the new tokens are appended (spec 6.4).
enum class boundary_rule {
    none,             // default: plain concatenation
    im_end_newline,   // qwen*: append the "\n" id when the prefix ends with <|im_end|>
    glm_drop_opener,  // glm47: drop a trailing <|observation|> or <|user|>
};

struct family_spec {
    std::string_view name;              // --tito-model value
    std::string_view class_name;        // miles class, e.g. Qwen3TITOTokenizer
    std::string_view bundled_template;  // file under src/chat/templates/, or "" for the native template
    bool fixed_clear_thinking_false;    // fixed kwargs {"clear_thinking": false}
    std::vector<std::string_view> allowed_roles;  // in the order the miles frozenset is declared
    std::size_t max_trim_tokens;
    boundary_rule boundary;
    std::string_view assistant_start;   // comparator assistant_start_str, "" = none
};

// nullptr when `name` is not a supported family.
const family_spec* find_family_spec(std::string_view name);
// "default, qwen3, qwen35, qwennext, glm47"
std::string supported_family_names();

}  // namespace tito::chat
