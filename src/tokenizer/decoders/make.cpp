// File: tokenizer/decoders/make.cpp
// Factory keyed by "type" (HF decoders/mod.rs DecoderWrapper).
#include <fmt/format.h>

#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {

result<decoder_ptr> make_decoder(detail::json obj) {
    if (obj.is_null()) return decoder_ptr{};
    TITO_TRY(auto type, detail::get_type(obj, "decoder"));
    if (type == "ByteLevel") return detail::make_byte_level_decoder();
    if (type == "Metaspace") return detail::make_metaspace_decoder(obj);
    if (type == "ByteFallback") return detail::make_byte_fallback_decoder();
    if (type == "Fuse") return detail::make_fuse_decoder();
    if (type == "Strip") return detail::make_strip_decoder(obj);
    if (type == "Replace") return detail::make_replace_decoder(obj);
    if (type == "Sequence") return detail::make_decoder_sequence(obj);
    return detail::load_error(fmt::format("unsupported decoder type '{}'", type));
}

}  // namespace tito::tokenizer
