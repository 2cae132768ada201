// File: tokenizer/pattern.cpp
#include "tokenizer/pattern.hpp"

namespace tito::tokenizer {

result<pattern> pattern::make(const detail::pattern_spec& spec) {
    pattern p;
    if (spec.is_regex || spec.text.empty()) {
        // An empty literal behaves like the empty regex (matches between every character).
        TITO_TRY(auto re, text::regex::compile(spec.text));
        p.regex_.emplace(std::move(re));
        if (spec.is_regex) p.fast_ = fast_split::recognize(spec.text);
    } else {
        p.literal_ = spec.text;
    }
    return p;
}

void pattern::find_matches(std::string_view s, std::vector<text::match>& out) const {
    if (fast_) {
        fast_->find_matches(s, out);
        return;
    }
    if (regex_) {
        regex_->find_all(s, out);
        return;
    }
    out.clear();
    std::size_t pos = 0;
    while ((pos = s.find(literal_, pos)) != std::string_view::npos) {
        out.push_back({pos, pos + literal_.size()});
        pos += literal_.size();
    }
}

}  // namespace tito::tokenizer
