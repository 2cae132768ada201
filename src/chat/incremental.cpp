// File: chat/incremental.cpp
// See incremental.hpp (miles TITOTokenizer._tokenize_rendered_suffix / tokenize_additional_messages).
#include "chat/incremental.hpp"

#include <unordered_map>

#include <boost/json/monotonic_resource.hpp>

#include <fmt/format.h>

#include "base/json.hpp"
#include "chat/python_values.hpp"
#include "tokenizer/models/vocab_table.hpp"

namespace tito::chat {
namespace {

namespace bj = boost::json;

// Python repr of a role for the failure message ('user'; a missing role is a KeyError in Python,
// shown here as None).
std::string role_repr(const bj::value& msg) {
    const auto* o = msg.if_object();
    const bj::value* r = o ? o->if_contains("role") : nullptr;
    return r ? py_repr(*r) : "None";
}

// The render without the appended messages depends only on the renderer, the tools, the kwargs and
// the dummy assistant (the last stored message's tool_calls): in an RL rollout it is the same for
// most turns of most sessions. Each thread keeps the latest ones (no locks, bounded), keyed by the
// renderer, the thread's number for the tools (renderer::tools_generation: the list itself is
// several KB of JSON to write per turn) and the compact JSON of the rest; only for renderers whose
// output is a function of the inputs.
class without_cache {
public:
    static constexpr std::size_t max_entries = 128;

    static std::string key(const renderer& r, std::uint64_t tools, const bj::object& kwargs, const bj::value& dummy) {
        std::string k = fmt::format("{}\x1f{}\x1f", r.instance_id(), tools);
        json::append_compact(k, kwargs);
        k += '\x1f';
        json::append_compact(k, dummy);
        return k;
    }
    static const std::string* find(const std::string& k) {
        auto& m = map();
        auto it = m.find(k);
        return it == m.end() ? nullptr : &it->second;
    }
    static const std::string* put(std::string k, std::string text) {
        auto& m = map();
        if (m.size() >= max_entries) m.clear();
        return &m.emplace(std::move(k), std::move(text)).first->second;
    }

private:
    // The key is ~0.5 KB of JSON hashed every turn: the tokenizer's word-at-a-time hash, not
    // std::hash's byte-oriented one.
    struct key_hash {
        std::size_t operator()(const std::string& k) const noexcept { return tokenizer::hash_bytes(k); }
    };
    static std::unordered_map<std::string, std::string, key_hash>& map() {
        thread_local std::unordered_map<std::string, std::string, key_hash> m;
        return m;
    }
};

}  // namespace

bj::object dummy_assistant(const bj::value& last, bj::storage_ptr sp) {
    bj::object a(std::move(sp));
    a["role"] = "assistant";
    a["content"] = "";
    a["reasoning_content"] = " ";
    const bj::value* tc = last.is_object() ? last.get_object().if_contains("tool_calls") : nullptr;
    if (tc && py_truthy(*tc)) a["tool_calls"] = *tc;  // copied into a's storage
    else a["tool_calls"] = bj::array{};
    return a;
}

result<std::string> rendered_suffix(const renderer& r, const bj::value& last_stored, std::size_t stored_count,
                                    const bj::array& messages, const bj::value& tools, const bj::object& kwargs) {
    if (stored_count == 0) return error{errc::internal, "incremental render needs a stored history"};
    if (messages.size() < stored_count)
        return error{errc::internal, fmt::format("new messages ({}) are fewer than stored messages ({})",
                                                 messages.size(), stored_count)};
    // The render's input list copies the appended messages: into a stack arena, freed at once.
    unsigned char arena_block[8192];
    bj::monotonic_resource arena(arena_block, sizeof arena_block);
    const bj::storage_ptr arena_ptr(&arena);
    bj::array base(arena_ptr);
    base.reserve(2 + messages.size() - stored_count);
    base.push_back(bj::object{{"role", "system"}, {"content", "dummy system"}});
    base.push_back(dummy_assistant(last_stored, arena_ptr));
    // The cached text is used in place (no copy); an uncached render lives in `rendered`.
    std::string rendered;
    const std::string* without = &rendered;
    if (r.deterministic()) {
        TITO_TRY(const std::uint64_t tools_number, renderer::tools_generation(tools));
        auto k = without_cache::key(r, tools_number, kwargs, base[1]);
        without = without_cache::find(k);
        if (!without) {
            TITO_TRY(rendered, r.render(base, tools, false, kwargs));
            without = without_cache::put(std::move(k), std::move(rendered));
        }
    } else {
        TITO_TRY(rendered, r.render(base, tools, false, kwargs));
    }
    for (std::size_t i = stored_count; i < messages.size(); ++i) base.push_back(messages[i]);
    TITO_TRY(std::string with, r.render(base, tools, true, kwargs));
    if (!with.starts_with(*without)) {
        std::string roles;
        for (std::size_t i = stored_count; i < messages.size(); ++i) {
            if (!roles.empty()) roles += ", ";
            roles += role_repr(messages[i]);
        }
        if (roles.empty()) roles = "'generation_prompt'";
        return error{errc::template_runtime, fmt::format("rendered suffix diff failed for [{}]", roles)};
    }
    return with.substr(without->size());
}

result<std::vector<tokenizer::token_id>> tokenize_additional(const renderer& r, const tokenizer::tokenizer& tok,
                                                             const bj::value& last_stored, std::size_t stored_count,
                                                             const bj::array& messages, const bj::value& tools,
                                                             const bj::object& kwargs) {
    TITO_TRY(std::string suffix, rendered_suffix(r, last_stored, stored_count, messages, tools, kwargs));
    return tok.encode(suffix, false);
}

}  // namespace tito::chat
