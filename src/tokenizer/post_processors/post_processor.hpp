// File: tokenizer/post_processors/post_processor.hpp
// Post-processor stage: adds special tokens around an encoded sequence when add_special_tokens is
// true (HF `PostProcessor`, single-sequence case). Built from the "post_processor" object of
// tokenizer.json by make_post_processor(), keyed by "type"; unknown types are load errors.
// Immutable and thread-safe.
// Usage:
//   TITO_TRY(auto p, make_post_processor(obj));   // TemplateProcessing "<s> $A"
//   std::vector<token_id> ids{42}; p->process(ids, true);   // {1, 42}
#pragma once

#include <memory>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"
#include "tokenizer/types.hpp"

namespace tito::tokenizer {

class post_processor {
public:
    virtual ~post_processor() = default;
    virtual void process(std::vector<token_id>& ids, bool add_special_tokens) const = 0;
};

using post_processor_ptr = std::unique_ptr<const post_processor>;

// Parses one post-processor object; a null JSON value yields nullptr (ids unchanged).
result<post_processor_ptr> make_post_processor(detail::json obj);

namespace detail {
result<post_processor_ptr> make_template_processing(json obj);
result<post_processor_ptr> make_byte_level_post_processor();
result<post_processor_ptr> make_post_processor_sequence(json obj);
}  // namespace detail

}  // namespace tito::tokenizer
