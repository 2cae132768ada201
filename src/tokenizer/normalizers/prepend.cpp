// File: tokenizer/normalizers/prepend.cpp
// Prepend: adds a prefix to every non-empty piece.
#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class prepend final : public normalizer {
public:
    explicit prepend(std::string p) : prefix_(std::move(p)) {}
    void normalize(std::string& s) const override {
        if (!s.empty()) s.insert(0, prefix_);
    }

private:
    std::string prefix_;
};

}  // namespace

result<normalizer_ptr> detail::make_prepend(json obj) {
    TITO_TRY(auto p, get_string(obj, "prepend", "Prepend normalizer"));
    return normalizer_ptr{std::make_unique<prepend>(std::string(p))};
}

}  // namespace tito::tokenizer
