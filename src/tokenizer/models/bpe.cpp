// File: tokenizer/models/bpe.cpp
// BPE construction from tokenizer.json and per-word tokenization (HF models/bpe/model.rs).
#include "tokenizer/models/bpe.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text/utf8.hpp"
#include "tokenizer/byte_level_map.hpp"

namespace tito::tokenizer {

void merge_map::reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    slots_.assign(cap, entry{no_merge, no_merge});
    count_ = 0;
}

static inline std::size_t mix64(std::uint64_t k) noexcept {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    k ^= k >> 33;
    return static_cast<std::size_t>(k);
}

void merge_map::insert(token_id a, token_id b, std::uint32_t rank, token_id merged) {
    if ((count_ + 1) * 2 > slots_.size()) {
        std::vector<entry> old;
        old.swap(slots_);
        reserve(old.empty() ? 8 : old.size());
        for (const auto& e : old)
            if (e.key != no_merge)
                insert(static_cast<token_id>(e.key >> 32), static_cast<token_id>(e.key),
                       static_cast<std::uint32_t>(e.value >> 32), static_cast<token_id>(e.value));
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | b;
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = mix64(key) & mask;
    while (slots_[slot].key != no_merge && slots_[slot].key != key) slot = (slot + 1) & mask;
    if (slots_[slot].key == no_merge) ++count_;
    slots_[slot] = entry{key, (static_cast<std::uint64_t>(rank) << 32) | merged};
}

std::uint64_t merge_map::find(token_id a, token_id b) const noexcept {
    const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | b;
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = mix64(key) & mask;
    while (true) {
        const entry& e = slots_[slot];
        if (e.key == key) return e.value;
        if (e.key == no_merge) return no_merge;
        slot = (slot + 1) & mask;
    }
}

namespace {

result<std::pair<std::string_view, std::string_view>> merge_parts(detail::json item) {
    std::string_view legacy;
    if (item.get_string().get(legacy) == simdjson::SUCCESS) {
        auto sp = legacy.find(' ');
        if (sp == std::string_view::npos || legacy.find(' ', sp + 1) != std::string_view::npos)
            return detail::load_error(fmt::format("BPE: invalid merge '{}'", legacy));
        return std::pair{legacy.substr(0, sp), legacy.substr(sp + 1)};
    }
    simdjson::dom::array pair;
    std::string_view a, b;
    if (item.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
        pair.at(0).get_string().get(a) != simdjson::SUCCESS || pair.at(1).get_string().get(b) != simdjson::SUCCESS)
        return detail::load_error("BPE: a merge must be \"a b\" or [\"a\", \"b\"]");
    return std::pair{a, b};
}

result<vocab_table> read_vocab(detail::json obj) {
    auto v = detail::get_member(obj, "vocab");
    simdjson::dom::object vocab;
    if (!v || v->get_object().get(vocab) != simdjson::SUCCESS) return detail::load_error("BPE: missing 'vocab' object");
    vocab_table table;
    table.reserve(vocab.size());
    for (auto field : vocab) {
        std::int64_t id = 0;
        if (field.value.get_int64().get(id) != simdjson::SUCCESS || id < 0 || id > 0x7FFFFFFF)
            return detail::load_error(fmt::format("BPE: vocab entry '{}' has no valid id", field.key));
        table.insert(field.key, static_cast<token_id>(id));
    }
    return table;
}

result<merge_map> read_merges(detail::json obj, const vocab_table& vocab, std::size_t prefix_len) {
    auto m = detail::get_member(obj, "merges");
    simdjson::dom::array merges;
    if (!m || m->get_array().get(merges) != simdjson::SUCCESS) return detail::load_error("BPE: missing 'merges' array");
    merge_map map;
    map.reserve(merges.size());
    std::uint32_t rank = 0;
    std::string joined;
    for (detail::json item : merges) {
        TITO_TRY(auto parts, merge_parts(item));
        auto a = vocab.find(parts.first);
        auto b = vocab.find(parts.second);
        if (!a || !b) return detail::load_error(fmt::format("BPE: merge token not in vocab: '{} {}'", parts.first, parts.second));
        joined.assign(parts.first);
        joined.append(parts.second.substr(std::min(prefix_len, parts.second.size())));
        auto merged = vocab.find(joined);
        if (!merged) return detail::load_error(fmt::format("BPE: merged token not in vocab: '{}'", joined));
        map.insert(*a, *b, rank++, *merged);
    }
    return map;
}

}  // namespace

result<std::unique_ptr<bpe>> bpe::make(detail::json obj) {
    constexpr std::string_view where = "BPE model";
    if (auto dropout = detail::get_member(obj, "dropout")) {
        double d = 0;
        if (dropout->get_double().get(d) != simdjson::SUCCESS || d != 0.0)
            return detail::load_error("BPE: dropout is not supported (only null or 0)");
    }
    bpe_options o;
    TITO_TRY(auto unk, detail::get_opt_string(obj, "unk_token", where));
    if (unk) o.unk_token = std::string(*unk);
    TITO_TRY(auto prefix, detail::get_opt_string(obj, "continuing_subword_prefix", where));
    o.continuing_subword_prefix = std::string(prefix.value_or(""));
    TITO_TRY(auto suffix, detail::get_opt_string(obj, "end_of_word_suffix", where));
    o.end_of_word_suffix = std::string(suffix.value_or(""));
    TITO_TRY(o.fuse_unk, detail::get_bool(obj, "fuse_unk", false, where));
    TITO_TRY(o.byte_fallback, detail::get_bool(obj, "byte_fallback", false, where));
    TITO_TRY(o.ignore_merges, detail::get_bool(obj, "ignore_merges", false, where));
    TITO_TRY(auto vocab, read_vocab(obj));
    TITO_TRY(auto merges, read_merges(obj, vocab, o.continuing_subword_prefix.size()));
    return std::make_unique<bpe>(std::move(vocab), std::move(merges), std::move(o));
}

bpe::bpe(vocab_table vocab, merge_map merges, bpe_options options)
    : vocab_(std::move(vocab)), merges_(std::move(merges)), options_(std::move(options)),
      cache_(std::make_unique<bpe_cache<3, 3>>(65536)),
      long_cache_(std::make_unique<bpe_cache<32, 64>>(4096)) {
    if (options_.unk_token) unk_id_ = vocab_.find(*options_.unk_token);
    find_boundaries();
    for (int b = 0; b < 256; ++b) {
        auto id = vocab_.find(fmt::format("<0x{:02X}>", b));
        byte_ids_[b] = id ? static_cast<std::int64_t>(*id) : -1;
    }
    char_ids_.assign(65536, 0);
    std::string buf;
    for (char32_t c = 0; c < 65536; ++c) {
        if (c >= 0xD800 && c < 0xE000) continue;
        buf.clear();
        text::append_utf8(buf, c);
        if (auto id = vocab_.find(buf)) char_ids_[c] = *id + 1;
    }
}

void bpe::split_word(std::string_view word, std::vector<symbol>& symbols) const {
    symbols.clear();
    const bool affixes = !options_.continuing_subword_prefix.empty() || !options_.end_of_word_suffix.empty();
    std::optional<std::pair<token_id, std::uint32_t>> unk;  // pending unk (id, byte length)
    auto add = [&](token_id id, std::uint32_t len) {
        auto n = static_cast<std::int32_t>(symbols.size());
        if (n > 0) symbols.back().next = n;
        symbols.push_back(symbol{id, n - 1, -1, len});
    };
    std::string piece;
    std::size_t i = 0;
    while (i < word.size()) {
        const std::size_t start = i;
        const char32_t c = text::decode_one(word, i);
        const auto byte_len = static_cast<std::uint32_t>(i - start);
        std::string_view s = word.substr(start, byte_len);
        std::optional<token_id> id;
        if (affixes) {
            piece.clear();
            if (start != 0) piece.append(options_.continuing_subword_prefix);
            piece.append(s);
            if (i == word.size()) piece.append(options_.end_of_word_suffix);
            s = piece;
            id = vocab_.find(s);
        } else if (c < 65536) {
            if (char_ids_[c] != 0) id = char_ids_[c] - 1;
        } else {
            id = vocab_.find(s);
        }
        if (id) {
            if (unk) add(unk->first, unk->second), unk.reset();
            add(*id, byte_len);
            continue;
        }
        if (options_.byte_fallback) {
            bool all = true;
            for (char b : s) all = all && byte_ids_[static_cast<unsigned char>(b)] >= 0;
            if (all) {
                for (char b : s) add(static_cast<token_id>(byte_ids_[static_cast<unsigned char>(b)]), 1);
                continue;
            }
        }
        if (!unk_id_) continue;  // HF fails the whole encode here; we drop the character
        if (unk && options_.fuse_unk) {
            unk->second += byte_len;
        } else {
            if (unk) add(unk->first, unk->second);
            unk = std::pair{*unk_id_, byte_len};
        }
    }
    if (unk) add(unk->first, unk->second);
}

void bpe::tokenize_uncached(std::string_view word, std::vector<token_id>& out) const {
    thread_local std::vector<symbol> symbols;
    split_word(word, symbols);
    merge_all(symbols);
    for (const auto& s : symbols) out.push_back(s.id);
}

// Word boundaries for SentencePiece-style vocabularies (a whole text reaches the model as one
// word, e.g. gemma3, llama2): a position where "▁" follows a character c other than "▁" can be
// split on when c is a vocabulary token and no vocabulary token contains c followed by "▁"; then
// no symbol can ever span it, the merges on each side are independent, and the result is the
// same as merging the whole word -- but each side is short and cacheable.
void bpe::find_boundaries() {
    constexpr std::string_view meta = "\xE2\x96\x81";  // U+2581
    if (!options_.continuing_subword_prefix.empty() || !options_.end_of_word_suffix.empty()) return;
    if (!vocab_.find(meta)) return;
    std::vector<char32_t> before;
    vocab_.for_each([&](std::string_view t, token_id) {
        for (std::size_t pos = t.find(meta, 1); pos != std::string_view::npos; pos = t.find(meta, pos + 1)) {
            std::size_t start = pos - 1;
            while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
            std::size_t i = start;
            char32_t c = text::decode_one(t, i);
            if (c != 0x2581) before.push_back(c);
        }
    });
    std::sort(before.begin(), before.end());
    before.erase(std::unique(before.begin(), before.end()), before.end());
    no_split_before_.swap(before);
    split_on_meta_ = true;
}

bool bpe::can_split_after(char32_t c, std::string_view ch) const {
    if (c == 0x2581 || std::binary_search(no_split_before_.begin(), no_split_before_.end(), c)) return false;
    return c < 65536 ? char_ids_[c] != 0 : vocab_.find(ch).has_value();
}

void bpe::tokenize(std::string_view word, bool byte_level, std::vector<token_id>& out) const {
    if (word.empty()) return;
    if (split_on_meta_ && !byte_level && word.size() > 3) {
        constexpr std::string_view meta = "\xE2\x96\x81";
        std::size_t part = 0;
        for (std::size_t pos = word.find(meta, 1); pos != std::string_view::npos; pos = word.find(meta, pos + 3)) {
            std::size_t start = pos - 1;
            while (start > 0 && (static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) --start;
            std::size_t i = start;
            char32_t c = text::decode_one(word, i);
            if (start < part || !can_split_after(c, word.substr(start, pos - start))) continue;
            tokenize_word(word.substr(part, pos - part), false, out);
            part = pos;
        }
        if (part != 0) return tokenize_word(word.substr(part), false, out);
    }
    tokenize_word(word, byte_level, out);
}

namespace {
constexpr std::uint64_t byte_level_salt = 0x5BD1E9955BD1E995ull;
}  // namespace

void bpe::tokenize_short(std::string_view word, std::uint64_t a, std::uint64_t b, bool byte_level,
                         std::vector<token_id>& out) const {
    const std::uint64_t h = hash_two_words(a, b, word.size()) ^ (byte_level ? byte_level_salt : 0);
    if (!cache_->lookup16(a, b, word.size(), h, out)) tokenize_missed(word, byte_level, h, out);
}

void bpe::tokenize_byte_level_pieces(std::string_view text, std::span<const text::match> pieces,
                                     std::vector<token_id>& out) const {
    // Byte-level words never take tokenize()'s "▁" boundary split. Short words are read with two
    // whole loads while 16 bytes of `text` remain from their start.
    for (const auto& m : pieces) {
        const std::string_view word = text.substr(m.begin, m.end - m.begin);
        if (word.size() > 16) {
            tokenize_word(word, true, out);
            continue;
        }
        std::uint64_t a, b;
        if (text.size() - m.begin >= 16) small_cache::pad16_overread(word, a, b);
        else small_cache::pad16(word, a, b);
        tokenize_short(word, a, b, true, out);
    }
}

void bpe::tokenize_word(std::string_view word, bool byte_level, std::vector<token_id>& out) const {
    // The cache key is the word as given (raw bytes when byte_level); the flag salts the hash.
    // Words of at most 16 bytes hash their zero-padded words (as the direct pipeline does).
    if (word.size() <= 16) {
        std::uint64_t a, b;
        small_cache::pad16(word, a, b);
        return tokenize_short(word, a, b, byte_level, out);
    }
    const std::uint64_t h = hash_bytes(word) ^ (byte_level ? byte_level_salt : 0);
    const bool is_long = word.size() > small_cache::key_bytes;
    if (is_long ? long_cache_->lookup(word, h, out) : cache_->lookup(word, h, out)) return;
    tokenize_missed(word, byte_level, h, out);
}

void bpe::tokenize_missed(std::string_view word, bool byte_level, std::uint64_t h, std::vector<token_id>& out) const {
    thread_local std::string mapped;
    std::string_view w = word;
    if (byte_level) {
        mapped.clear();
        byte_level_map::encode_append(word, mapped);
        w = mapped;
    }
    const std::size_t first = out.size();
    std::optional<token_id> whole;
    if (options_.ignore_merges) whole = vocab_.find(w);
    if (whole) out.push_back(*whole);
    else tokenize_uncached(w, out);
    const std::span<const token_id> ids(out.data() + first, out.size() - first);
    if (word.size() > small_cache::key_bytes) long_cache_->store(word, h, ids);
    else cache_->store(word, h, ids);
}

}  // namespace tito::tokenizer
