// File: tokenizer/pre_tokenizers/make.cpp
// Factory keyed by "type" (HF pre_tokenizers/mod.rs PreTokenizerWrapper).
#include <fmt/format.h>

#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {

result<pre_tokenizer_ptr> make_pre_tokenizer(detail::json obj) {
    if (obj.is_null()) return pre_tokenizer_ptr{};
    TITO_TRY(auto type, detail::get_type(obj, "pre_tokenizer"));
    if (type == "Split") return detail::make_split(obj);
    if (type == "ByteLevel") return detail::make_byte_level_pre_tokenizer(obj);
    if (type == "Metaspace") return detail::make_metaspace(obj);
    if (type == "Digits") return detail::make_digits(obj);
    if (type == "Punctuation") return detail::make_punctuation(obj);
    if (type == "Whitespace") return detail::make_whitespace();
    if (type == "WhitespaceSplit") return detail::make_whitespace_split();
    if (type == "Sequence") return detail::make_pre_tokenizer_sequence(obj);
    return detail::load_error(fmt::format("unsupported pre_tokenizer type '{}'", type));
}

}  // namespace tito::tokenizer
