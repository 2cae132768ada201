// File: app/tito_tokenize/golden_check.hpp
// Runs a tokenizer golden file (rows as described in shared/testdata/tokenizers/MODELS.md)
// against a loaded tokenizer and reports failing rows.
// Usage:
//   auto r = check_golden_file(*tok, "qwen3.jsonl", std::cout);   // r.passed, r.failed
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "tokenizer/tokenizer.hpp"

namespace tito::app {

struct golden_result {
    std::size_t passed = 0;
    std::size_t failed = 0;
    bool io_error = false;
};

golden_result check_golden_file(const tokenizer::tokenizer& tok, const std::string& path, std::ostream& report);

}  // namespace tito::app
