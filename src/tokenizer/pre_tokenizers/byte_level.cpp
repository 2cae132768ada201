// File: tokenizer/pre_tokenizers/byte_level.cpp
// ByteLevel: optional prefix space, optional GPT-2 regex split, then bytes -> byte-level chars.
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

constexpr std::string_view gpt2_pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

class byte_level final : public pre_tokenizer {
public:
    byte_level(bool add_prefix_space, std::optional<text::regex> re)
        : add_prefix_space_(add_prefix_space), regex_(std::move(re)) {}

    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        if (add_prefix_space_) {
            detail::rewrite_each(pt, [](std::string_view s, bool, std::string& out) {
                if (s[0] != ' ') out.push_back(' ');
                out.append(s);
            });
        }
        if (regex_) {
            detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
                regex_->find_all(s, found);
                split_pieces(s, p, found, split_behavior::isolated, false, out);
            });
        }
        pt.materialize();       // a mapping deferred by an earlier ByteLevel applies first
        pt.byte_level = true;   // deferred: the model maps (and caches) raw bytes
    }

private:
    bool add_prefix_space_;
    std::optional<text::regex> regex_;
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_byte_level_pre_tokenizer(json obj) {
    TITO_TRY(bool add_prefix_space, get_bool(obj, "add_prefix_space", true, "ByteLevel pre_tokenizer"));
    TITO_TRY(bool use_regex, get_bool(obj, "use_regex", true, "ByteLevel pre_tokenizer"));
    std::optional<text::regex> re;
    if (use_regex) {
        TITO_TRY(auto compiled, text::regex::compile(gpt2_pattern));
        re.emplace(std::move(compiled));
    }
    return pre_tokenizer_ptr{std::make_unique<byte_level>(add_prefix_space, std::move(re))};
}

}  // namespace tito::tokenizer
