// File: tokenizer/normalizers/make.cpp
// Factory keyed by "type" (HF normalizers/mod.rs NormalizerWrapper).
#include <fmt/format.h>

#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {

result<normalizer_ptr> make_normalizer(detail::json obj) {
    if (obj.is_null()) return normalizer_ptr{};
    TITO_TRY(auto type, detail::get_type(obj, "normalizer"));
    if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD")
        return detail::make_unicode_normalizer(type);
    if (type == "Lowercase") return detail::make_lowercase();
    if (type == "Replace") return detail::make_replace(obj);
    if (type == "Prepend") return detail::make_prepend(obj);
    if (type == "Strip") return detail::make_strip(obj);
    if (type == "ByteLevel") return detail::make_byte_level_normalizer();
    if (type == "Sequence") return detail::make_normalizer_sequence(obj);
    return detail::load_error(fmt::format("unsupported normalizer type '{}'", type));
}

}  // namespace tito::tokenizer
