// File: tokenizer/added_vocabulary.hpp
// Added and special tokens (HF tokenizer/added_vocabulary.rs). Tokens with normalized=false are
// matched in the raw input; the text between them is normalized, then tokens with normalized=true
// are matched in the normalized text. single_word, lstrip and rstrip are honoured. Ids follow HF's
// add_tokens: an existing model id wins, otherwise ids continue after the model vocabulary.
// Immutable after build; all methods const and thread-safe.
// Usage:
//   auto av = added_vocabulary::build(tokens, model, normalizer);
//   std::vector<added_vocabulary::segment> segs; av.extract_and_normalize(text, normalizer, segs);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tokenizer/models/model.hpp"
#include "tokenizer/normalized_string.hpp"
#include "tokenizer/normalizers/normalizer.hpp"
#include "tokenizer/token_trie.hpp"

namespace tito::tokenizer {

struct added_token {
    std::string content;
    bool single_word = false;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = true;
    bool special = false;
};

class added_vocabulary {
public:
    struct segment {
        std::string text;
        bool at_origin = false;      // starts at byte 0 of the input
        std::optional<token_id> id;  // set when the piece is an added token
    };

    // `tokens` in tokenizer.json order.
    static added_vocabulary build(const std::vector<added_token>& tokens, const model& m, const normalizer* n);

    // Splits `text` (valid UTF-8) into added-token segments and normalized text segments.
    void extract_and_normalize(std::string_view text, const normalizer* n, std::vector<segment>& out) const;

    std::optional<token_id> token_to_id(std::string_view content) const;
    std::optional<std::string_view> id_to_token(token_id id) const;
    bool is_special(std::string_view content) const { return special_.count(std::string(content)) != 0; }
    // Ids of the tokens flagged special, in tokenizer.json order.
    std::vector<token_id> special_ids() const;
    // Added contents that the model vocabulary does not already contain.
    std::size_t count_outside(const model& m) const;

private:
    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    void split(const std::string& s, bool at_origin, const token_trie& trie, std::vector<segment>& out) const;

    std::vector<added_token> by_index_;  // token list; tries map to indices here
    std::vector<token_id> ids_;          // id of by_index_[i]
    std::unordered_map<std::string, token_id, string_hash, std::equal_to<>> content_to_id_;
    std::unordered_map<token_id, std::size_t> id_to_index_;
    std::unordered_set<std::string> special_;
    token_trie raw_trie_;
    token_trie normalized_trie_;
};

}  // namespace tito::tokenizer
