// File: tokenizer/models/make.cpp
// Factory keyed by "type" (HF models/mod.rs ModelWrapper). A model object without "type" is
// treated as BPE when it has "merges", as HF's untagged deserialization does.
#include <fmt/format.h>

#include "tokenizer/models/bpe.hpp"
#include "tokenizer/models/model.hpp"

namespace tito::tokenizer {

result<model_ptr> make_model(detail::json obj) {
    if (!obj.is_object()) return detail::load_error("model: expected an object");
    TITO_TRY(auto type, detail::get_opt_string(obj, "type", "model"));
    std::string_view t = type.value_or(detail::get_member(obj, "merges") ? "BPE" : "");
    if (t == "BPE") {
        TITO_TRY(auto m, bpe::make(obj));
        return model_ptr{std::move(m)};
    }
    return detail::load_error(fmt::format("unsupported model type '{}'", t));
}

}  // namespace tito::tokenizer
