// File: tokenizer/decoders/strip.cpp
// Strip: removes up to `start` leading and `stop` trailing occurrences of one character from each
// token.
#include "text/utf8.hpp"
#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {
namespace {

class strip final : public decoder {
public:
    strip(std::string content, std::size_t start, std::size_t stop)
        : content_(std::move(content)), start_(start), stop_(stop) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        const std::size_t n = content_.size();
        for (auto& t : tokens) {
            std::size_t begin = 0, end = t.size();
            for (std::size_t k = 0; k < start_ && end - begin >= n && t.compare(begin, n, content_) == 0; ++k)
                begin += n;
            // HF counts from the end of the original token, independently of the front cut.
            std::size_t back = t.size();
            for (std::size_t k = 0; k < stop_ && back >= n && t.compare(back - n, n, content_) == 0; ++k) back -= n;
            end = back;
            t = begin < end ? t.substr(begin, end - begin) : std::string();
        }
    }

private:
    std::string content_;
    std::size_t start_, stop_;
};

}  // namespace

result<decoder_ptr> detail::make_strip_decoder(json obj) {
    TITO_TRY(auto content, get_string(obj, "content", "Strip decoder"));
    if (text::count_chars(content) != 1) return load_error("Strip decoder: 'content' must be one character");
    TITO_TRY(auto start, get_int(obj, "start", 0, "Strip decoder"));
    TITO_TRY(auto stop, get_int(obj, "stop", 0, "Strip decoder"));
    if (start < 0 || stop < 0) return load_error("Strip decoder: negative start/stop");
    return decoder_ptr{std::make_unique<strip>(std::string(content), static_cast<std::size_t>(start),
                                               static_cast<std::size_t>(stop))};
}

}  // namespace tito::tokenizer
