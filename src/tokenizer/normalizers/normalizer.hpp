// File: tokenizer/normalizers/normalizer.hpp
// Normalizer stage: rewrites one piece of text in place (HF `Normalizer`). Built from the
// "normalizer" object of tokenizer.json by make_normalizer(), keyed by "type"; an unknown type or
// option is a load error naming it. Implementations are immutable and thread-safe.
// Usage:
//   TITO_TRY(auto n, make_normalizer(json_obj));   // {"type": "NFC"}
//   std::string s = "e\u0301"; n->normalize(s);     // "é"
#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"

namespace tito::tokenizer {

class normalizer {
public:
    virtual ~normalizer() = default;
    virtual void normalize(std::string& s) const = 0;
};

using normalizer_ptr = std::unique_ptr<const normalizer>;

// Parses one normalizer object; a null JSON value yields nullptr (no normalizer).
result<normalizer_ptr> make_normalizer(detail::json obj);

namespace detail {
result<normalizer_ptr> make_unicode_normalizer(std::string_view type);  // NFC NFD NFKC NFKD
result<normalizer_ptr> make_lowercase();
result<normalizer_ptr> make_replace(json obj);
result<normalizer_ptr> make_prepend(json obj);
result<normalizer_ptr> make_strip(json obj);
result<normalizer_ptr> make_byte_level_normalizer();
result<normalizer_ptr> make_normalizer_sequence(json obj);
}  // namespace detail

}  // namespace tito::tokenizer
