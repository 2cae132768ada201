// File: tokenizer/post_processors/make.cpp
// Factory keyed by "type" (HF processors/mod.rs PostProcessorWrapper).
#include <fmt/format.h>

#include "tokenizer/post_processors/post_processor.hpp"

namespace tito::tokenizer {

result<post_processor_ptr> make_post_processor(detail::json obj) {
    if (obj.is_null()) return post_processor_ptr{};
    TITO_TRY(auto type, detail::get_type(obj, "post_processor"));
    if (type == "TemplateProcessing") return detail::make_template_processing(obj);
    if (type == "ByteLevel") return detail::make_byte_level_post_processor();
    if (type == "Sequence") return detail::make_post_processor_sequence(obj);
    return detail::load_error(fmt::format("unsupported post_processor type '{}'", type));
}

}  // namespace tito::tokenizer
