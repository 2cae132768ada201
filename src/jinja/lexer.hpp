// File: jinja/lexer.hpp
// Splits template source into tokens with Jinja2's whitespace rules as configured by transformers:
// trim_blocks, lstrip_blocks, keep_trailing_newline=False, '-' / '+' markers, comments dropped,
// {% raw %} blocks passed through as data.
// Usage:
//   jres<token_list> toks = tokenize(source);
#pragma once

#include <string_view>

#include "jinja/token.hpp"

namespace tito::jinja {

struct lexer_options {
    bool trim_blocks = true;
    bool lstrip_blocks = true;
    bool keep_trailing_newline = false;
};

jres<token_list> tokenize(std::string_view source, const lexer_options& opts = {});

// Python unicode-escape decoding of a string literal body (exposed for tests).
std::string unescape_string_literal(std::string_view body);

}  // namespace tito::jinja
