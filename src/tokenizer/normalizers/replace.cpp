// File: tokenizer/normalizers/replace.cpp
// Replace: every match of a String/Regex pattern becomes `content`.
#include "tokenizer/normalizers/normalizer.hpp"
#include "tokenizer/pattern.hpp"

namespace tito::tokenizer {
namespace {

class replace final : public normalizer {
public:
    replace(pattern p, std::string content) : pattern_(std::move(p)), content_(std::move(content)) {}
    void normalize(std::string& s) const override {
        thread_local std::vector<text::match> found;
        pattern_.find_matches(s, found);
        if (found.empty()) return;
        std::string out;
        out.reserve(s.size() + found.size() * content_.size());
        std::size_t prev = 0;
        for (const auto& m : found) {
            out.append(s, prev, m.begin - prev).append(content_);
            prev = m.end;
        }
        out.append(s, prev, std::string::npos);
        s = std::move(out);
    }

private:
    pattern pattern_;
    std::string content_;
};

}  // namespace

result<normalizer_ptr> detail::make_replace(json obj) {
    TITO_TRY(auto spec, get_pattern(obj, "Replace normalizer"));
    TITO_TRY(auto content, get_string(obj, "content", "Replace normalizer"));
    TITO_TRY(auto p, pattern::make(spec));
    return normalizer_ptr{std::make_unique<replace>(std::move(p), std::string(content))};
}

}  // namespace tito::tokenizer
