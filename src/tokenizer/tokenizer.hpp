// File: tokenizer/tokenizer.hpp
// A HuggingFace tokenizer.json loaded into an immutable object, bit-exact with the `tokenizers`
// crate (0.22) for encode(text, add_special_tokens) and decode(ids, skip_special_tokens).
// Pipeline: added tokens -> normalizer -> pre-tokenizer -> BPE model -> post-processor; decode:
// ids -> token strings -> decoder chain.
// Thread safety: immutable after load; encode/decode are const, take no lock, and may run
// concurrently from any number of threads on one shared instance.
// Usage:
//   TITO_TRY(auto tok, tito::tokenizer::tokenizer::load_file("models/tokenizer.json"));
//   std::vector<tito::tokenizer::token_id> ids = tok->encode("Hello", false);
//   std::string text = tok->decode(ids, true);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/types.hpp"

namespace tito::tokenizer {

class model;
class normalizer;
class pre_tokenizer;
class decoder;
class post_processor;
class added_vocabulary;
class bpe;
class fast_split;

class tokenizer {
public:
    // Loads a tokenizer.json file. Unsupported components/options are errc::tokenizer_load errors
    // naming them; I/O failures are errc::io.
    static result<std::shared_ptr<const tokenizer>> load_file(const std::string& tokenizer_json_path);
    // Same, from the JSON text itself.
    static result<std::shared_ptr<const tokenizer>> load_json(std::string_view json_text);

    ~tokenizer();

    // Invalid UTF-8 in `text` is first replaced by U+FFFD (one per maximal invalid subpart).
    std::vector<token_id> encode(std::string_view text, bool add_special_tokens) const;
    // Unknown ids are dropped; with skip_special_tokens, special added tokens are dropped.
    std::string decode(std::span<const token_id> ids, bool skip_special_tokens) const;
    std::optional<token_id> token_to_id(std::string_view token) const;
    std::optional<std::string> id_to_token(token_id id) const;
    std::size_t vocab_size() const;  // including added tokens
    // Ids of the added tokens flagged `special: true` (tokenizer.json order).
    std::vector<token_id> special_added_ids() const;
    // True when encode() takes the direct path: the Llama 3 / Qwen split, byte-level mapping and
    // BPE in one loop over the split's matches (see load.cpp); the ids are those of the staged
    // pipeline, which every other tokenizer.json takes.
    bool direct_pipeline() const { return direct_bpe_ != nullptr; }

private:
    tokenizer();
    void encode_segment(std::string& text, bool at_origin, std::vector<token_id>& out) const;

    std::unique_ptr<const normalizer> normalizer_;
    std::unique_ptr<const pre_tokenizer> pre_tokenizer_;
    std::unique_ptr<const model> model_;
    std::unique_ptr<const post_processor> post_processor_;
    std::unique_ptr<const decoder> decoder_;
    std::unique_ptr<const added_vocabulary> added_;
    // Set together when the pre-tokenizer is exactly Split(fast_split pattern, Isolated) then
    // ByteLevel(no prefix space, no regex) and the model is BPE.
    std::unique_ptr<const fast_split> direct_split_;
    const bpe* direct_bpe_ = nullptr;
    std::uint64_t instance_;  // process-unique: keys this tokenizer's entries in segment_cache
    std::size_t vocab_size_ = 0;
};

}  // namespace tito::tokenizer
