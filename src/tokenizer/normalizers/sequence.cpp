// File: tokenizer/normalizers/sequence.cpp
// Sequence: applies its normalizers in order.
#include <vector>

#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class sequence final : public normalizer {
public:
    explicit sequence(std::vector<normalizer_ptr> parts) : parts_(std::move(parts)) {}
    void normalize(std::string& s) const override {
        for (const auto& p : parts_) p->normalize(s);
    }

private:
    std::vector<normalizer_ptr> parts_;
};

}  // namespace

result<normalizer_ptr> detail::make_normalizer_sequence(json obj) {
    auto list = get_member(obj, "normalizers");
    if (!list || !list->is_array()) return load_error("Sequence normalizer: missing 'normalizers' array");
    std::vector<normalizer_ptr> parts;
    for (json item : list->get_array()) {
        TITO_TRY(auto n, make_normalizer(item));
        if (n) parts.push_back(std::move(n));
    }
    return normalizer_ptr{std::make_unique<sequence>(std::move(parts))};
}

}  // namespace tito::tokenizer
