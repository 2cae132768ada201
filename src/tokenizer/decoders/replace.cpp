// File: tokenizer/decoders/replace.cpp
// Replace: every match of a String/Regex pattern in each token becomes `content`.
#include "tokenizer/decoders/decoder.hpp"
#include "tokenizer/pattern.hpp"

namespace tito::tokenizer {
namespace {

class replace final : public decoder {
public:
    replace(pattern p, std::string content) : pattern_(std::move(p)), content_(std::move(content)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        thread_local std::vector<text::match> found;
        for (auto& t : tokens) {
            pattern_.find_matches(t, found);
            if (found.empty()) continue;
            std::string out;
            std::size_t prev = 0;
            for (const auto& m : found) {
                out.append(t, prev, m.begin - prev).append(content_);
                prev = m.end;
            }
            out.append(t, prev, std::string::npos);
            t = std::move(out);
        }
    }

private:
    pattern pattern_;
    std::string content_;
};

}  // namespace

result<decoder_ptr> detail::make_replace_decoder(json obj) {
    TITO_TRY(auto spec, get_pattern(obj, "Replace decoder"));
    TITO_TRY(auto content, get_string(obj, "content", "Replace decoder"));
    TITO_TRY(auto p, pattern::make(spec));
    return decoder_ptr{std::make_unique<replace>(std::move(p), std::string(content))};
}

}  // namespace tito::tokenizer
