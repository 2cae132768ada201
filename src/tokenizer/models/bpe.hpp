// File: tokenizer/models/bpe.hpp
// Byte-pair-encoding model, bit-exact with HF tokenizers `models/bpe` (merge by rank, leftmost
// on ties; byte_fallback; ignore_merges; continuing_subword_prefix; end_of_word_suffix;
// unk_token with fuse_unk). Immutable after make(); tokenize() is const, lock-free and
// thread-safe (the word cache is a lock-free seqlock table, see bpe_cache.hpp).
// Usage:
//   TITO_TRY(auto m, bpe::make(model_json));
//   std::vector<token_id> ids; m->tokenize("Ġhello", false, ids);
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tokenizer/models/bpe_cache.hpp"
#include "tokenizer/models/model.hpp"
#include "tokenizer/models/vocab_table.hpp"
#include "text/regex.hpp"

namespace tito::tokenizer {

struct bpe_options {
    std::optional<std::string> unk_token;
    std::string continuing_subword_prefix;  // empty = none
    std::string end_of_word_suffix;         // empty = none
    bool fuse_unk = false;
    bool byte_fallback = false;
    bool ignore_merges = false;
};

// (left id, right id) -> (rank, merged id); open addressing over 64-bit keys.
class merge_map {
public:
    void reserve(std::size_t n);
    void insert(token_id a, token_id b, std::uint32_t rank, token_id merged);  // later insert wins
    // Returns rank << 32 | merged id, or no_merge.
    std::uint64_t find(token_id a, token_id b) const noexcept;
    static constexpr std::uint64_t no_merge = ~0ull;

private:
    struct entry {
        std::uint64_t key;    // a << 32 | b, no_merge = empty
        std::uint64_t value;  // rank << 32 | merged id
    };
    std::vector<entry> slots_;  // key and value side by side: one cache line per probe
    std::size_t count_ = 0;
};

class bpe final : public model {
public:
    static result<std::unique_ptr<bpe>> make(detail::json obj);
    bpe(vocab_table vocab, merge_map merges, bpe_options options);

    void tokenize(std::string_view word, bool byte_level, std::vector<token_id>& out) const override;
    // tokenize(piece, true, out) for each piece text[m.begin, m.end), in order: the words of a
    // split whose pieces reach the model as raw bytes (tokenizer's direct pipeline).
    void tokenize_byte_level_pieces(std::string_view text, std::span<const text::match> pieces,
                                    std::vector<token_id>& out) const;
    std::optional<token_id> token_to_id(std::string_view token) const override { return vocab_.find(token); }
    std::optional<std::string_view> id_to_token(token_id id) const override { return vocab_.token(id); }
    std::size_t vocab_size() const override { return vocab_.size(); }

private:
    struct symbol {
        token_id id;
        std::int32_t prev;
        std::int32_t next;
        std::uint32_t len;  // bytes; 0 = merged away
    };
    // Initial symbols of a word (characters, byte fallback, unk) -- HF BPE::merge_word.
    void split_word(std::string_view word, std::vector<symbol>& symbols) const;
    void merge_all(std::vector<symbol>& symbols) const;    // bpe_word.cpp
    void merge_small(std::vector<symbol>& symbols) const;  // bpe_word.cpp
    void tokenize_uncached(std::string_view word, std::vector<token_id>& out) const;
    void tokenize_word(std::string_view word, bool byte_level, std::vector<token_id>& out) const;
    // A word of at most 16 bytes given also as its two zero-padded words (bpe_cache::pad16).
    void tokenize_short(std::string_view word, std::uint64_t a, std::uint64_t b, bool byte_level,
                        std::vector<token_id>& out) const;
    // A cache miss: the ids computed, appended and cached under hash h.
    void tokenize_missed(std::string_view word, bool byte_level, std::uint64_t h, std::vector<token_id>& out) const;
    void find_boundaries();
    bool can_split_after(char32_t c, std::string_view ch) const;

    vocab_table vocab_;
    merge_map merges_;
    bpe_options options_;
    std::optional<token_id> unk_id_;
    std::array<std::int64_t, 256> byte_ids_{};  // <0xNN> token ids, -1 if absent
    std::vector<token_id> char_ids_;            // code point < 65536 -> id + 1 (0 = absent)
    bool split_on_meta_ = false;            // see find_boundaries() in bpe.cpp
    std::vector<char32_t> no_split_before_;  // c such that some token contains c + "▁"
    using small_cache = bpe_cache<3, 3>;
    std::unique_ptr<small_cache> cache_;         // words up to 24 bytes, 6 ids (one 64 B line per slot)
    std::unique_ptr<bpe_cache<32, 64>> long_cache_;  // up to 256 bytes, 128 ids (HF caches < 256 B)
};

}  // namespace tito::tokenizer
