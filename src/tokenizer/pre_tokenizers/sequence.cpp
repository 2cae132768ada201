// File: tokenizer/pre_tokenizers/sequence.cpp
// Sequence: applies its pre-tokenizers in order.
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

class sequence final : public pre_tokenizer {
public:
    explicit sequence(std::vector<pre_tokenizer_ptr> parts) : parts_(std::move(parts)) {}
    void pre_tokenize(pre_tokenized& pt) const override {
        for (const auto& p : parts_) p->pre_tokenize(pt);
    }

private:
    std::vector<pre_tokenizer_ptr> parts_;
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_pre_tokenizer_sequence(json obj) {
    auto list = get_member(obj, "pretokenizers");
    if (!list || !list->is_array()) return load_error("Sequence pre_tokenizer: missing 'pretokenizers' array");
    std::vector<pre_tokenizer_ptr> parts;
    for (json item : list->get_array()) {
        TITO_TRY(auto p, make_pre_tokenizer(item));
        if (p) parts.push_back(std::move(p));
    }
    return pre_tokenizer_ptr{std::make_unique<sequence>(std::move(parts))};
}

}  // namespace tito::tokenizer
