// File: tokenizer/models/model.hpp
// Model stage: turns one pre-tokenized word into ids (HF `Model`). Built from the "model" object
// of tokenizer.json by make_model(), keyed by "type" (only BPE today; others are load errors).
// Implementations are immutable after load; tokenize() is const and thread-safe.
// Usage:
//   TITO_TRY(auto m, make_model(obj));
//   std::vector<token_id> ids; m->tokenize("Ġhello", false, ids);   // == m->tokenize(" hello", true, ids)
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"
#include "tokenizer/types.hpp"

namespace tito::tokenizer {

class model {
public:
    virtual ~model() = default;
    // Appends the ids of `word` (non-empty) to out. With `byte_level`, `word` holds raw bytes that
    // the GPT-2 byte-level mapping turns into the model's characters (deferred ByteLevel stage).
    virtual void tokenize(std::string_view word, bool byte_level, std::vector<token_id>& out) const = 0;
    virtual std::optional<token_id> token_to_id(std::string_view token) const = 0;
    virtual std::optional<std::string_view> id_to_token(token_id id) const = 0;
    virtual std::size_t vocab_size() const = 0;
};

using model_ptr = std::unique_ptr<const model>;

result<model_ptr> make_model(detail::json obj);

}  // namespace tito::tokenizer
