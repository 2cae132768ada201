// File: tokenizer/decoders/byte_fallback.cpp
// ByteFallback: runs of <0xNN> tokens become their bytes; an invalid run becomes one U+FFFD per
// byte.
#include "base/hex.hpp"
#include "text/utf8.hpp"
#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {
namespace {

// Byte value of a "<0xNN>" token, or -1.
int byte_token(const std::string& t) {
    if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
    int hi = hex_digit(t[3]), lo = hex_digit(t[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

class byte_fallback final : public decoder {
public:
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::vector<std::string> out;
        out.reserve(tokens.size());
        std::string pending;
        auto flush = [&] {
            if (pending.empty()) return;
            if (text::is_valid_utf8(pending)) out.push_back(pending);
            else
                for (std::size_t k = 0; k < pending.size(); ++k) out.emplace_back("\xEF\xBF\xBD");
            pending.clear();
        };
        for (auto& t : tokens) {
            int b = byte_token(t);
            if (b >= 0) {
                pending.push_back(static_cast<char>(b));
                continue;
            }
            flush();
            out.push_back(std::move(t));
        }
        flush();
        tokens.swap(out);
    }
};

}  // namespace

result<decoder_ptr> detail::make_byte_fallback_decoder() { return decoder_ptr{std::make_unique<byte_fallback>()}; }

}  // namespace tito::tokenizer
