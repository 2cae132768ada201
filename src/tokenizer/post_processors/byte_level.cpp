// File: tokenizer/post_processors/byte_level.cpp
// ByteLevel post-processor: only trims offsets in HF; ids are unchanged, so this is a no-op here.
#include "tokenizer/post_processors/post_processor.hpp"

namespace tito::tokenizer {
namespace {

class byte_level final : public post_processor {
public:
    void process(std::vector<token_id>&, bool) const override {}
};

}  // namespace

result<post_processor_ptr> detail::make_byte_level_post_processor() {
    return post_processor_ptr{std::make_unique<byte_level>()};
}

}  // namespace tito::tokenizer
