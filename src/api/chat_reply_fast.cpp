// File: api/chat_reply_fast.cpp
// See chat_reply_fast.hpp. The handler keeps a stack of the open containers, each knowing its
// place in the reply (root, choices[0], its meta_info, output_token_logprobs[i], ...); a value in
// a place it may not take ends the pass. The compact verdict is parse_exact's own tracker, fed
// the same events; the assistant message is built with a value_stack, as parse_exact builds a
// document, and doubles in it are read exactly (json::exact_double).
#include "api/chat_reply_fast.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <cstdint>

#include "base/json_compact_tracker.hpp"
#include "base/json_parse.hpp"

namespace tito::api {

namespace {

namespace bj = boost::json;

// Where a value sits in the reply; everything not named here is `other`.
enum class place : unsigned char {
    other,
    root,
    choices,     // root.choices
    choice0,     // choices[0]
    choice,      // choices[i], i > 0
    meta0,       // choices[0].meta_info
    meta,        // choices[i].meta_info, i > 0
    message,     // choices[0].message (built as the assistant message)
    completion,  // choices[0].meta_info.completion_tokens
    logprobs,    // choices[0].meta_info.output_token_logprobs
    entry,       // output_token_logprobs[i]
    entry_lp,    // output_token_logprobs[i][0]
    entry_id,    // output_token_logprobs[i][1]
};

// Deeper replies go to the full validator (its limit is 512).
constexpr std::size_t max_depth = 64;

place member_place(place parent, std::string_view key) {
    switch (parent) {
        case place::root: return key == "choices" ? place::choices : place::other;
        case place::choice0:
            if (key == "message") return place::message;
            return key == "meta_info" ? place::meta0 : place::other;
        case place::choice: return key == "meta_info" ? place::meta : place::other;
        case place::meta0:
            if (key == "completion_tokens") return place::completion;
            return key == "output_token_logprobs" ? place::logprobs : place::other;
        default: return place::other;
    }
}

place element_place(place parent, std::size_t i) {
    switch (parent) {
        case place::choices: return i == 0 ? place::choice0 : place::choice;
        case place::logprobs: return place::entry;
        case place::entry: return i == 0 ? place::entry_lp : i == 1 ? place::entry_id : place::other;
        default: return place::other;
    }
}

bool object_allowed(place at) {
    return at == place::other || at == place::root || at == place::choice0 || at == place::choice ||
           at == place::meta0 || at == place::meta || at == place::message;
}

bool array_allowed(place at) {
    return at == place::other || at == place::choices || at == place::logprobs || at == place::entry;
}

struct frame {
    place at;
    bool object;
    bool build;         // inside the assistant message
    std::size_t n = 0;  // an array's elements so far
};

class handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    handler(unsigned char* temp, std::size_t size) : st_(bj::storage_ptr(), temp, size) { compact.start(); }

    json::compact_tracker compact;
    chat::token_ids ids;
    bj::value message;
    // What the checks after the pass look at.
    bool choices = false;
    bool meta0 = false;
    bool logprobs = false;
    bool completion = false;
    std::int64_t completion_tokens = 0;
    std::size_t entries = 0;

    using ec = boost::system::error_code;
    using sv = bj::string_view;

    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }

    bool on_object_begin(ec& e) {
        const auto [at, build] = enter();
        if (!object_allowed(at) || depth_ == max_depth) return stop(e);
        if (at == place::meta0) meta0 = true;
        if (at == place::message) st_.reset(bj::storage_ptr{});  // the session keeps it: heap storage
        frames_[depth_++] = {at, true, build || at == place::message};
        compact.object_begin();
        return true;
    }
    bool on_object_end(std::size_t n, ec& e) {
        const frame f = frames_[--depth_];
        compact.object_end(n);
        if (f.build) st_.push_object(n);
        if (f.at == place::message) message = st_.release();
        return left(e);
    }
    bool on_array_begin(ec& e) {
        const auto [at, build] = enter();
        if (!array_allowed(at) || depth_ == max_depth) return stop(e);
        if (at == place::logprobs) logprobs = true;
        frames_[depth_++] = {at, false, build};
        return true;
    }
    bool on_array_end(std::size_t n, ec& e) {
        const frame f = frames_[--depth_];
        if ((f.at == place::choices && n == 0) || (f.at == place::entry && n < 2)) return stop(e);
        if (f.at == place::logprobs) entries = n;
        compact.array_end(n);
        if (f.build) st_.push_array(n);
        return left(e);
    }

    bool on_key_part(sv s, std::size_t, ec&) {
        key_.append(s.data(), s.size());
        compact.key_part(s);
        if (frames_[depth_ - 1].build) st_.push_chars(s);
        return true;
    }
    bool on_key(sv s, std::size_t, ec& e) {
        compact.key(s);
        if (!compact.ok) return stop(e);
        frame& f = frames_[depth_ - 1];
        if (f.build) st_.push_key(s);
        std::string_view key = s;
        if (!key_.empty()) key = key_.append(s.data(), s.size());
        // An R3 payload would have to be stripped from the client's copy: the full path does that.
        if ((f.at == place::meta0 || f.at == place::meta) && (key == "routed_experts" || key == "indexer_topk"))
            return stop(e);
        member_ = member_place(f.at, key);
        if (member_ == place::choices) choices = true;
        key_.clear();
        return true;
    }

    bool on_string_part(sv s, std::size_t, ec&) {
        compact.text_part(s);
        if (depth_ && frames_[depth_ - 1].build) st_.push_chars(s);
        return true;
    }
    bool on_string(sv s, std::size_t, ec& e) {
        const auto [at, build] = enter();
        if (at != place::other) return stop(e);
        compact.string(s);
        if (build) st_.push_string(s);
        return left(e);
    }

    bool on_number_part(sv s, ec&) {
        num_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, sv s, ec& e) {
        const auto [at, build] = enter();
        if (at == place::completion) {
            completion = true;
            completion_tokens = i;
        } else if (at == place::entry_id) {
            if (i < 0 || i > 0xFFFFFFFFll) return stop(e);
            ids.push_back(static_cast<chat::token_id>(i));
        } else if (at != place::other && at != place::entry_lp) {
            return stop(e);
        }
        compact.integer(number_text(s));
        if (build) st_.push_int64(i);
        return left(e);
    }
    bool on_uint64(std::uint64_t u, sv s, ec& e) {
        const auto [at, build] = enter();
        if (at != place::other && at != place::entry_lp) return stop(e);  // never a count or an id
        compact.integer(number_text(s));
        if (build) st_.push_uint64(u);
        return left(e);
    }
    bool on_double(double d, sv s, ec& e) {
        const auto [at, build] = enter();
        if (at != place::other && at != place::entry_lp) return stop(e);
        const std::string_view text = number_text(s);
        // A compact text is repr of a finite value (repr of inf is not a JSON number). Only the
        // message keeps values.
        if (build) {
            const auto r = json::read_double(d, text);
            compact.floating(text, r.is_repr);
            st_.push_double(r.value);
        } else {
            compact.floating(text, json::is_repr(d, text));
        }
        return left(e);
    }
    bool on_bool(bool b, ec& e) {
        const auto [at, build] = enter();
        if (at != place::other) return stop(e);
        compact.size += b ? 4 : 5;
        if (build) st_.push_bool(b);
        return left(e);
    }
    bool on_null(ec& e) {
        const auto [at, build] = enter();
        if (at != place::other) return stop(e);  // a null message is the full validator's case
        compact.size += 4;
        if (build) st_.push_null();
        return left(e);
    }
    bool on_comment_part(sv, ec&) { return true; }
    bool on_comment(sv, ec&) { return true; }

private:
    struct entering {
        place at;
        bool build;
    };

    // A value starts: its place, and whether it is part of the assistant message.
    entering enter() {
        if (depth_ == 0) return {place::root, false};
        const frame& f = frames_[depth_ - 1];
        if (f.object) return {member_, f.build};
        return {element_place(f.at, f.n), f.build};
    }
    // A value ended: its array counts it; a number's parts are dropped. Not compact: stop here.
    bool left(ec& e) {
        num_.clear();
        if (!compact.ok) return stop(e);
        if (depth_ && !frames_[depth_ - 1].object) ++frames_[depth_ - 1].n;
        return true;
    }
    std::string_view number_text(sv s) {
        if (num_.empty()) return s;
        num_.append(s.data(), s.size());
        return num_;
    }
    static bool stop(ec& e) {
        e = bj::error::syntax;  // never reported: the full validator reads the reply again
        return false;
    }

    bj::value_stack st_;
    std::string key_;  // a key's earlier parts
    std::string num_;  // a number's earlier parts
    place member_ = place::other;
    std::array<frame, max_depth> frames_;  // the open containers, outermost first
    std::size_t depth_ = 0;
};

}  // namespace

std::optional<fast_reply> read_reply_fast(std::string_view body) {
    if (body.empty() || body.size() > fast_reply_max_bytes) return std::nullopt;
    // The message's values not yet in their container start in this buffer.
    alignas(16) unsigned char temp[2048];
    bj::basic_parser<handler> p{bj::parse_options{}, temp, sizeof temp};
    auto& h = p.handler();
    h.ids.reserve(body.size() / 16);  // room for the ids at once ([-0.015625,151667], is 18 bytes)
    boost::system::error_code ec;
    const auto n = p.write_some(false, body.data(), body.size(), ec);
    if (ec || n < body.size() || !h.compact.ok || h.compact.size != body.size()) return std::nullopt;
    // The checks of validate_upstream_reply not made on the way (any failure is its to report).
    if (!h.choices || !h.meta0 || !h.logprobs || !h.completion || !h.message.is_object()) return std::nullopt;
    const auto* content = h.message.get_object().if_contains("content");
    if (!content || content->is_null()) return std::nullopt;
    if (h.completion_tokens < 0 || static_cast<std::uint64_t>(h.completion_tokens) != h.entries) return std::nullopt;
    if (h.ids.size() != h.entries) return std::nullopt;
    return fast_reply{std::move(h.message), std::move(h.ids)};
}

}  // namespace tito::api
