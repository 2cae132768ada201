// File: tokenizer/post_processors/sequence.cpp
// Sequence: applies its post-processors in order.
#include "tokenizer/post_processors/post_processor.hpp"

namespace tito::tokenizer {
namespace {

class sequence final : public post_processor {
public:
    explicit sequence(std::vector<post_processor_ptr> parts) : parts_(std::move(parts)) {}
    void process(std::vector<token_id>& ids, bool add_special_tokens) const override {
        for (const auto& p : parts_) p->process(ids, add_special_tokens);
    }

private:
    std::vector<post_processor_ptr> parts_;
};

}  // namespace

result<post_processor_ptr> detail::make_post_processor_sequence(json obj) {
    auto list = get_member(obj, "processors");
    if (!list || !list->is_array()) return load_error("Sequence post_processor: missing 'processors' array");
    std::vector<post_processor_ptr> parts;
    for (json item : list->get_array()) {
        TITO_TRY(auto p, make_post_processor(item));
        if (p) parts.push_back(std::move(p));
    }
    return post_processor_ptr{std::make_unique<sequence>(std::move(parts))};
}

}  // namespace tito::tokenizer
