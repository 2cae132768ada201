// File: tokenizer/decoders/metaspace.cpp
// Metaspace: replacement -> ' '; in the first token the replacement is dropped unless
// prepend_scheme is "never".
#include "tokenizer/decoders/decoder.hpp"
#include "tokenizer/pre_tokenizers/metaspace_options.hpp"

namespace tito::tokenizer {
namespace {

class metaspace final : public decoder {
public:
    explicit metaspace(metaspace_options o) : opt_(std::move(o)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        const std::string& rep = opt_.replacement;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string& t = tokens[i];
            if (t.find(rep) == std::string::npos) continue;
            const bool drop = i == 0 && opt_.scheme != prepend_scheme::never;
            std::string out;
            for (std::size_t p = 0; p < t.size();) {
                if (t.compare(p, rep.size(), rep) == 0) {
                    if (!drop) out.push_back(' ');
                    p += rep.size();
                } else {
                    out.push_back(t[p++]);
                }
            }
            t = std::move(out);
        }
    }

private:
    metaspace_options opt_;
};

}  // namespace

result<decoder_ptr> detail::make_metaspace_decoder(json obj) {
    TITO_TRY(auto o, parse_metaspace_options(obj, "Metaspace decoder"));
    return decoder_ptr{std::make_unique<metaspace>(std::move(o))};
}

}  // namespace tito::tokenizer
