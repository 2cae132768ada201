// File: tests/unit/tokenizer/json_fixture.hpp
// Parses JSON snippets for component tests; parsed documents live until the test binary exits.
#pragma once

#include <deque>
#include <string_view>

#include <simdjson.h>

namespace tito::tokenizer::test {

inline simdjson::dom::element json(std::string_view text) {
    static std::deque<simdjson::dom::parser> parsers;
    parsers.emplace_back();
    return parsers.back().parse(text.data(), text.size()).value();
}

}  // namespace tito::tokenizer::test
