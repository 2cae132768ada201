// File: tokenizer/decoders/decoder.hpp
// Decoder stage: rewrites the list of token strings; the tokenizer joins the result (HF
// `Decoder::decode_chain`). Built from the "decoder" object of tokenizer.json by make_decoder(),
// keyed by "type"; unknown types are load errors naming them. Immutable and thread-safe.
// Usage:
//   TITO_TRY(auto d, make_decoder(obj));   // {"type": "Fuse"}
//   std::vector<std::string> t{"a", "b"}; d->decode_chain(t);   // {"ab"}
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"

namespace tito::tokenizer {

class decoder {
public:
    virtual ~decoder() = default;
    virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
};

using decoder_ptr = std::unique_ptr<const decoder>;

// Parses one decoder object; a null JSON value yields nullptr (tokens joined with ' ').
result<decoder_ptr> make_decoder(detail::json obj);

namespace detail {
result<decoder_ptr> make_byte_level_decoder();
result<decoder_ptr> make_metaspace_decoder(json obj);
result<decoder_ptr> make_byte_fallback_decoder();
result<decoder_ptr> make_fuse_decoder();
result<decoder_ptr> make_strip_decoder(json obj);
result<decoder_ptr> make_replace_decoder(json obj);
result<decoder_ptr> make_decoder_sequence(json obj);
}  // namespace detail

}  // namespace tito::tokenizer
