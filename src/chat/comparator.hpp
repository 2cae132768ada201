// File: chat/comparator.hpp
// The mismatch comparator of spec 7.3 (miles TokenSeqComparator): both sequences are trimmed of
// trailing ids in the family's trim set, split into segments at special ids (each special id is its
// own segment; maximal runs of other ids are content segments), checked for equal structure, then
// compared segment by segment (special ids by id, content by decoded text).
// Thread safety: immutable after construction; compare() is const and lock-free.
// Usage:
//   comparator cmp(tok, special_ids, "<|im_start|>assistant", {newline_id}, false);
//   std::vector<mismatch> ms = cmp.compare(expected_ids, actual_ids);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "chat/family.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::chat {

struct segment {
    token_ids ids;
    bool is_special = false;
};

class comparator {
public:
    // `clean_up_spaces`: transformers' clean_up_tokenization_spaces applied by decode().
    comparator(std::shared_ptr<const tokenizer::tokenizer> tok, std::unordered_set<token_id> special_ids,
               std::optional<std::string> assistant_start, std::unordered_set<token_id> trim_ids, bool clean_up_spaces);

    std::vector<mismatch> compare(token_ids expected, token_ids actual) const;

    std::vector<segment> segments(const token_ids& ids) const;
    // "[<|im_start|>] (3 tokens) [<|im_end|>]"
    std::string describe(const std::vector<segment>& segs) const;
    // transformers' decode(ids, skip_special_tokens=False).
    std::string decode(const token_ids& ids) const;
    bool is_assistant(const std::vector<segment>& segs, std::size_t i) const;

private:
    std::shared_ptr<const tokenizer::tokenizer> tok_;
    std::unordered_set<token_id> special_;
    std::optional<std::string> assistant_start_;
    std::unordered_set<token_id> trim_;
    bool clean_up_spaces_ = false;
};

// transformers' clean_up_tokenization: " ." -> "." and friends.
std::string clean_up_tokenization(std::string s);

}  // namespace tito::chat
