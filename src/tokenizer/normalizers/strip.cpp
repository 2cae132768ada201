// File: tokenizer/normalizers/strip.cpp
// Strip: removes leading and/or trailing Unicode whitespace (Rust char::is_whitespace).
#include "text/utf8.hpp"
#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class strip final : public normalizer {
public:
    strip(bool left, bool right) : left_(left), right_(right) {}
    void normalize(std::string& s) const override {
        std::size_t begin = 0, end = s.size();
        if (left_) {
            while (begin < end) {
                std::size_t i = begin;
                if (!text::is_whitespace(text::decode_one(s, i))) break;
                begin = i;
            }
        }
        if (right_) {
            while (end > begin) {
                std::size_t start = end - 1;
                while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
                std::size_t i = start;
                if (!text::is_whitespace(text::decode_one(s, i))) break;
                end = start;
            }
        }
        s = s.substr(begin, end - begin);
    }

private:
    bool left_, right_;
};

}  // namespace

result<normalizer_ptr> detail::make_strip(json obj) {
    TITO_TRY(bool left, get_bool(obj, "strip_left", true, "Strip normalizer"));
    TITO_TRY(bool right, get_bool(obj, "strip_right", true, "Strip normalizer"));
    return normalizer_ptr{std::make_unique<strip>(left, right)};
}

}  // namespace tito::tokenizer
