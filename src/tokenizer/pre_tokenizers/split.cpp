// File: tokenizer/pre_tokenizers/split.cpp
// Split: splits on a String/Regex pattern with a delimiter behavior, optionally inverted.
#include "tokenizer/pattern.hpp"
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

class split final : public pre_tokenizer {
public:
    split(pattern p, split_behavior b, bool invert) : pattern_(std::move(p)), behavior_(b), invert_(invert) {}
    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            pattern_.find_matches(s, found);
            split_pieces(s, p, found, behavior_, invert_, out);
        });
    }

private:
    pattern pattern_;
    split_behavior behavior_;
    bool invert_;
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_split(json obj) {
    TITO_TRY(auto spec, get_pattern(obj, "Split pre_tokenizer"));
    TITO_TRY(auto behavior_name, get_string(obj, "behavior", "Split pre_tokenizer"));
    TITO_TRY(auto behavior, parse_split_behavior(behavior_name));
    TITO_TRY(bool invert, get_bool(obj, "invert", false, "Split pre_tokenizer"));
    TITO_TRY(auto p, pattern::make(spec));
    return pre_tokenizer_ptr{std::make_unique<split>(std::move(p), behavior, invert)};
}

}  // namespace tito::tokenizer
