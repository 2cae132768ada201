// File: chat/model_dir.hpp
// A checkpoint folder as transformers' AutoTokenizer sees it (spec 1.2, 6.1): tokenizer.json, the
// chat template(s) (tokenizer_config.json `chat_template` as a string or a list of named
// templates, or a separate chat_template.jinja, which wins like in transformers), the
// special-tokens map exactly as `tokenizer.special_tokens_map`, and config.json `model_type`.
// `hf_checkpoint` may also be a hub id (`Qwen/Qwen3-4B`) resolved offline in the local HF cache.
// Usage:
//   TITO_TRY(auto md, tito::chat::load_model_dir("/models/Qwen3-4B"));
//   auto ids = md.tok->encode("hi", false);
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::chat {

// One chat template; `name` is empty for a plain string template.
struct named_template {
    std::string name;
    std::string text;
};

// Everything the families need from a checkpoint folder. Plain data; the tokenizer is shared
// and immutable.
struct model_dir {
    std::string path;                                   // the resolved local folder
    std::shared_ptr<const tokenizer::tokenizer> tok;
    std::vector<named_template> templates;              // empty when the checkpoint has none
    // bos/eos/unk/sep/pad/cls/mask_token (strings) and additional_special_tokens (list of
    // strings), only those set, in transformers' SPECIAL_TOKENS_ATTRIBUTES order.
    boost::json::object special_tokens_map;
    std::string model_type;                             // config.json model_type, or ""
    bool clean_up_tokenization_spaces = false;          // tokenizer_config.json (decode option)
};

// Resolves `hf_checkpoint` to a local folder: an existing directory as is, else a hub id looked up
// in $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub (snapshot named by refs/main).
// errc::config when nothing is found.
result<std::string> resolve_checkpoint(const std::string& hf_checkpoint);

// Loads the folder (after resolve_checkpoint). Missing tokenizer.json or malformed JSON files are
// errc::config errors naming the file.
result<model_dir> load_model_dir(const std::string& hf_checkpoint);

// Reads a whole file; errc::io naming the path on failure.
result<std::string> read_text_file(const std::string& path);

}  // namespace tito::chat
