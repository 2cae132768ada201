// File: jinja/token.hpp
// Tokens produced by the lexer. Expression tokens carry their text; data tokens carry the literal
// template text after whitespace control (trim_blocks / lstrip_blocks / '-' markers) was applied.
// Usage:
//   for (const token& t : tokens) if (t.kind == token_kind::name) use(t.text);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jinja/error.hpp"

namespace tito::jinja {

enum class token_kind : std::uint8_t {
    data,            // raw template text
    block_begin,     // {%
    block_end,       // %}
    variable_begin,  // {{
    variable_end,    // }}
    name,
    string,          // text = unescaped value
    integer,
    floating,
    op,              // text = the operator, e.g. "==", "(", "|"
    eof,
};

struct token {
    token_kind kind;
    std::string text;
    src_loc where;
};

using token_list = std::vector<token>;

}  // namespace tito::jinja
