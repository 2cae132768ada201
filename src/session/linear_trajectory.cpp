// File: session/linear_trajectory.cpp
#include "session/linear_trajectory.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/json.hpp"

namespace tito::session {

namespace {
const chat::token_ids empty_ids;

std::string role_of(const boost::json::value& m) {
    if (!m.is_object()) return "";
    auto* r = m.get_object().if_contains("role");
    return (r && r->is_string()) ? std::string(r->get_string()) : std::string();
}

// Python repr of a role value for the 400 message: 'user', or None when absent.
std::string role_repr(const boost::json::value& m) {
    if (!m.is_object()) return "None";
    auto* r = m.get_object().if_contains("role");
    if (!r || r->is_null()) return "None";
    if (r->is_string()) return fmt::format("'{}'", std::string_view(r->get_string()));
    return json::compact(*r);
}
}  // namespace

const chat::token_ids& snapshot::token_ids() const { return records.empty() ? empty_ids : records.back()->checkpoint; }
std::span<const chat::token_id> record::prompt_ids() const {
    if (prompt_ids_count > checkpoint.size() || prompt_ids_at + prompt_ids_len > request_json.size()) return {};
    return std::span(checkpoint).first(prompt_ids_count);
}

std::string_view record::prompt_ids_text() const {
    if (prompt_ids_count > checkpoint.size() || prompt_ids_at + prompt_ids_len > request_json.size()) return {};
    return std::string_view(request_json).substr(prompt_ids_at, prompt_ids_len);
}

std::string_view record::messages_text() const {
    if (messages_len < 2 || messages_at + messages_len > request_json.size()) return {};
    return std::string_view(request_json).substr(messages_at, messages_len);
}

const chat::token_ids& prepared_turn::previous_checkpoint() const { return previous ? previous->checkpoint : empty_ids; }

boost::json::array snapshot::messages_array() const {
    boost::json::array out;
    out.reserve(messages->size());
    for (const auto& m : *messages) out.push_back(*m);
    return out;
}

linear_trajectory::linear_trajectory() : messages_(std::make_shared<const message_list>()) {}

snapshot linear_trajectory::snap() const {
    std::lock_guard lk{guard_};
    return snapshot{messages_, records_, ends_};
}

record_ptr linear_trajectory::latest() const {
    std::lock_guard lk{guard_};
    return records_.empty() ? nullptr : records_.back();
}

std::size_t linear_trajectory::num_assistant() const {
    std::lock_guard lk{guard_};
    return ends_.size();
}

bool linear_trajectory::extends_latest(const record_ptr& r, std::size_t count, const boost::json::array& request_messages,
                                       const matcher_fn& match) const {
    messages_ptr stored;
    {
        std::lock_guard lk{guard_};
        if (!r || records_.empty() || records_.back() != r || ends_.back() != count + 1 || messages_->size() != count + 1)
            return false;
        stored = messages_;
    }
    return request_messages.size() > count && match(*(*stored)[count], request_messages[count]);
}

result<std::size_t> linear_trajectory::rollback_if_needed(const boost::json::array& request, const matcher_fn& match) {
    auto s = snap();
    const auto& stored = *s.messages;
    if (stored.empty() || s.ends.empty()) return std::size_t{0};
    std::size_t match_len = 0;
    const std::size_t n = std::min(request.size(), stored.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!match(*stored[i], request[i])) break;
        match_len = i + 1;
    }
    if (match_len >= stored.size()) return stored.size();
    std::ptrdiff_t k = -1;
    for (std::size_t i = 0; i < s.ends.size(); ++i)
        if (s.ends[i] <= match_len) k = static_cast<std::ptrdiff_t>(i);
    const std::size_t keep = static_cast<std::size_t>(k + 1);
    const std::size_t rollback_end = k >= 0 ? s.ends[static_cast<std::size_t>(k)] : 0;
    const std::size_t discard = s.ends.size() - keep;
    constexpr std::size_t max_steps = 1;
    if (discard > max_steps)
        return error{errc::bad_request,
                     fmt::format("rollback failed: discard_count={} exceeds max_assistant_rollback_steps={} "
                                 "(stored has {} messages, request has {} messages)",
                                 discard, max_steps, stored.size(), request.size())};
    auto kept = std::make_shared<const message_list>(stored.begin(), stored.begin() + static_cast<std::ptrdiff_t>(rollback_end));
    std::lock_guard lk{guard_};
    messages_ = std::move(kept);
    records_.resize(keep);
    ends_.resize(keep);
    ++version_;
    return rollback_end;
}

result<prepared_turn> linear_trajectory::prepare(const boost::json::array& request_messages,
                                                 const boost::json::value& tools, const boost::json::object& kwargs,
                                                 const chat::family& fam, const matcher_fn& match,
                                                 std::size_t known_equal) {
    std::size_t verified = 0;
    if (known_equal > 0) {
        // extends_latest held under the caller's turn lock: the stored history is the known
        // messages plus one assistant message, which the request matched.
        std::lock_guard lk{guard_};
        if (ends_.empty() || messages_->size() != known_equal + 1 || request_messages.size() <= known_equal)
            return error{errc::internal, "known request history does not fit the stored history"};
        verified = known_equal + 1;
    } else {
        TITO_TRY(verified, rollback_if_needed(request_messages, match));
    }
    auto s = snap();
    prepared_turn turn;
    turn.expected_num_assistant = s.ends.size();
    {
        std::lock_guard lk{guard_};
        turn.expected_version = version_;
    }
    if (!s.records.empty()) turn.previous = s.records.back();
    if (turn.previous_checkpoint().empty()) {
        if (known_equal > 0) return error{errc::internal, "known request history without a stored checkpoint"};
        TITO_TRY(turn.prompt_token_ids, fam.first_turn(request_messages, tools, kwargs));
        return turn;
    }
    // Append-only validation (4.5). After the rollback scan the stored prefix matches; only the
    // appended roles can fail.
    const auto& stored = *s.messages;
    if (stored.empty() || request_messages.size() < stored.size())
        return error{errc::internal, "append-only validation: request shorter than stored history after rollback"};
    // The rollback scan already matched the first `verified` stored messages.
    for (std::size_t i = verified; i < stored.size(); ++i)
        if (!match(*stored[i], request_messages[i]))
            return error{errc::bad_request,
                         fmt::format("message mismatch at index {} (role: stored={}, new={}); the selected TITO fixed "
                                     "template does not support appending this role",
                                     i, role_repr(*stored[i]), role_repr(request_messages[i]))};
    for (std::size_t j = stored.size(); j < request_messages.size(); ++j) {
        const auto role = role_of(request_messages[j]);
        const bool has_role = request_messages[j].is_object() && request_messages[j].get_object().contains("role");
        if (!has_role || !fam.append_role_allowed(role))
            return error{errc::bad_request,
                         fmt::format("appended message at index {} has role={}, allowed={}; the selected TITO fixed "
                                     "template does not support appending this role",
                                     j, role_repr(request_messages[j]), fam.allowed_roles_repr())};
    }
    // The stored spellings of the matched prefix stay; only the last stored message and the
    // appended ones are rendered (6.2), so the request list is passed as is.
    TITO_TRY(turn.prompt_token_ids, fam.merge_tokens(*stored.back(), stored.size(), request_messages,
                                                     turn.previous_checkpoint(), tools, kwargs));
    return turn;
}

std::string prefix_mismatch_message(const chat::token_ids& prev, const chat::token_ids& all, std::size_t check_len,
                                    std::size_t trim, std::string_view request_messages_json,
                                    const boost::json::value& assistant_message) {
    std::size_t i = 0;
    const std::size_t limit = std::min(all.size(), check_len);
    while (i < limit && all[i] == prev[i]) ++i;
    return fmt::format(
        "pretokenized prefix mismatch: stored {} tokens (checking first {}, allowing {} trailing) are not a prefix of "
        "prompt_token_ids + completion_token_ids ({} tokens), first mismatch at index {}, matched {}/{} prefix "
        "tokens\nrequest_messages={}\nassistant_message={}",
        prev.size(), check_len, trim, all.size(), i, i, check_len, request_messages_json, json::compact(assistant_message));
}

result<void> linear_trajectory::commit(prepared_turn turn, boost::json::array request_messages,
                                       boost::json::value assistant_message, const chat::token_ids& completion_ids,
                                       record rec, std::size_t max_trim_tokens, std::string_view request_messages_text) {
    chat::token_ids all = std::move(turn.prompt_token_ids);
    all.insert(all.end(), completion_ids.begin(), completion_ids.end());
    std::lock_guard lk{guard_};
    if (ends_.size() != turn.expected_num_assistant || version_ != turn.expected_version)
        return error{errc::conflict, fmt::format("expected num_assistant={}, got {}", turn.expected_num_assistant,
                                                 ends_.size())};
    const auto& prev = turn.previous_checkpoint();
    if (!prev.empty() && prev.size() > max_trim_tokens) {
        const std::size_t check_len = prev.size() - max_trim_tokens;
        if (all.size() < check_len ||
            !std::equal(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(check_len), all.begin()))
            return error{errc::internal,
                         prefix_mismatch_message(prev, all, check_len, max_trim_tokens,
                                                 request_messages_text.empty() ? json::compact(request_messages)
                                                                               : std::string(request_messages_text),
                                                 assistant_message)};
    }
    rec.checkpoint = std::move(all);
    const std::size_t request_size = request_messages.size();
    auto next = std::make_shared<message_list>();
    next->reserve(std::max(messages_->size(), request_size) + 1);
    next->assign(messages_->begin(), messages_->end());
    // Kept messages live on the heap: a move when they already do, a copy out of a request arena.
    const boost::json::storage_ptr heap;
    for (std::size_t j = next->size(); j < request_size; ++j)
        next->push_back(std::make_shared<const boost::json::value>(std::move(request_messages[j]), heap));
    next->push_back(std::make_shared<const boost::json::value>(std::move(assistant_message), heap));
    messages_ = std::move(next);
    records_.push_back(std::make_shared<const record>(std::move(rec)));
    ends_.push_back(request_size + 1);
    ++version_;
    return {};
}

}  // namespace tito::session
