// File: tokenizer/tokenizer.cpp
// encode / decode (HF tokenizer/mod.rs encode_single_sequence, post_process, decode).
#include "tokenizer/tokenizer.hpp"

#include "text/utf8.hpp"
#include "tokenizer/added_vocabulary.hpp"
#include "tokenizer/decoders/decoder.hpp"
#include "tokenizer/fast_split.hpp"
#include "tokenizer/models/bpe.hpp"
#include "tokenizer/normalizers/normalizer.hpp"
#include "tokenizer/post_processors/post_processor.hpp"
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"
#include "tokenizer/segment_cache.hpp"

#include <atomic>

namespace tito::tokenizer {

namespace {
std::atomic<std::uint64_t> next_instance{1};
}

tokenizer::tokenizer() : instance_(next_instance.fetch_add(1, std::memory_order_relaxed)) {}
tokenizer::~tokenizer() = default;

void tokenizer::encode_segment(std::string& text, bool at_origin, std::vector<token_id>& out) const {
    if (direct_bpe_) {
        // Split(Isolated) pieces are exactly the matches (fast_split covers the whole text);
        // ByteLevel without prefix space or regex only defers the byte mapping to the model.
        thread_local std::vector<text::match> found;
        direct_split_->find_matches(text, found);
        direct_bpe_->tokenize_byte_level_pieces(text, found, out);
        return;
    }
    if (!pre_tokenizer_) {
        model_->tokenize(text, false, out);
        return;
    }
    thread_local pre_tokenized pt;
    pt.text.swap(text);
    pt.pieces.clear();
    pt.byte_level = false;
    if (!pt.text.empty()) pt.pieces.push_back(piece_span{0, static_cast<std::uint32_t>(pt.text.size()), at_origin});
    pre_tokenizer_->pre_tokenize(pt);
    for (const auto& p : pt.pieces) model_->tokenize(pt.view(p), pt.byte_level, out);
}

std::vector<token_id> tokenizer::encode(std::string_view text, bool add_special_tokens) const {
    std::string repaired;
    if (!text::is_valid_utf8(text)) {
        repaired = text::to_valid_utf8(text);
        text = repaired;
    }
    std::vector<token_id> ids;
    ids.reserve(text.size() / 3 + 4);
    std::vector<added_vocabulary::segment> segments;
    added_->extract_and_normalize(text, normalizer_.get(), segments);
    for (auto& seg : segments) {
        if (seg.id) {
            ids.push_back(*seg.id);
        } else if (segment_cache::eligible(seg.text)) {
            // A long segment seen again (a shared system prompt and tool list): its ids, not a new encode.
            auto& cache = segment_cache::local();
            if (cache.lookup(instance_, seg.at_origin, seg.text, ids)) continue;
            std::string keep;
            if (cache.seen_before()) keep = seg.text;  // encode_segment consumes the text
            const std::size_t first = ids.size();
            encode_segment(seg.text, seg.at_origin, ids);
            if (!keep.empty())
                cache.store(instance_, seg.at_origin, std::move(keep), std::span(ids).subspan(first));
        } else {
            encode_segment(seg.text, seg.at_origin, ids);
        }
    }
    if (post_processor_) post_processor_->process(ids, add_special_tokens);
    return ids;
}

std::string tokenizer::decode(std::span<const token_id> ids, bool skip_special_tokens) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (token_id id : ids) {
        auto t = added_->id_to_token(id);
        if (!t) t = model_->id_to_token(id);
        if (!t) continue;
        if (skip_special_tokens && added_->is_special(*t)) continue;
        tokens.emplace_back(*t);
    }
    if (!decoder_) {
        std::string out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i) out.push_back(' ');
            out.append(tokens[i]);
        }
        return out;
    }
    decoder_->decode_chain(tokens);
    std::string out;
    for (const auto& t : tokens) out.append(t);
    return out;
}

std::optional<token_id> tokenizer::token_to_id(std::string_view token) const {
    if (auto id = added_->token_to_id(token)) return id;
    return model_->token_to_id(token);
}

std::optional<std::string> tokenizer::id_to_token(token_id id) const {
    auto t = added_->id_to_token(id);
    if (!t) t = model_->id_to_token(id);
    if (!t) return std::nullopt;
    return std::string(*t);
}

std::size_t tokenizer::vocab_size() const { return vocab_size_; }

std::vector<token_id> tokenizer::special_added_ids() const { return added_->special_ids(); }

}  // namespace tito::tokenizer
