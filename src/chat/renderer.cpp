// File: chat/renderer.cpp
// See renderer.hpp. Error texts follow miles: "Chat template rendering failed: <e>" and
// "Chat template rendering failed (tool format fallback): <e>" for Jinja template errors; other
// exceptions (TypeError, ...) escape Python unwrapped, so their message is kept as is.
#include "chat/renderer.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <optional>

#include "base/json.hpp"
#include "chat/messages.hpp"
#include "chat/tools.hpp"

namespace tito::chat {
namespace {

namespace bj = boost::json;

// apply_chat_template's own parameters: a kwarg with one of these names makes the Python call
// fail ("got multiple values for keyword argument").
constexpr std::string_view reserved_kwargs[] = {"messages", "tools", "add_generation_prompt", "tokenize", "tokenizer",
                                                "return_dict", "conversation"};

// Python's str(TemplateError) is the bare message; the engine prefixes subclasses with their name.
std::string_view bare_message(const error& e) {
    std::string_view m = e.message();
    for (std::string_view p : {"UndefinedError: ", "SecurityError: ", "TemplateRuntimeError: ", "TemplateSyntaxError: "})
        if (m.starts_with(p)) return m.substr(p.size());
    return m;
}

error wrap(const error& e, std::string_view prefix) {
    if (!is_jinja_template_error(e)) return e;
    std::string msg = fmt::format("{}: {}", prefix, bare_message(e));
    if (e.has_location()) return error{e.code(), std::move(msg), e.location()};
    return error{e.code(), std::move(msg)};
}

// from_json for an array without copying it into a boost::json::value first.
jinja::value list_from_json(const bj::array& a) {
    std::vector<jinja::value> items;
    items.reserve(a.size());
    for (const auto& e : a) items.push_back(jinja::from_json(e));
    return jinja::value::from_list(std::move(items));
}

// The request's tools, canonicalized and converted to a template value, for the last few tools
// lists a thread has seen, each keyed by its list (json::identical: the same compact JSON text,
// found by walking both values, without writing the text): an agent sends the same tools on every
// turn, sessions of different agents take turns on a thread, and both are pure functions of that
// text. Template values are immutable (the sandbox rejects mutating methods), so one converted
// list serves every render. A slot is refilled in place (least recently used first), so a memo
// pointer stays valid until tools_slots other lists have been seen.
struct tools_memo {
    bj::value key;  // a heap copy of the tools it was made from
    bool valid = false;
    std::uint64_t generation = 0;  // the thread's fill count when filled: unique per fill
    std::uint64_t used = 0;        // the thread's lookup count when last found
    std::optional<bj::array> canonical;
    jinja::value value;
};
constexpr std::size_t tools_slots = 8;

result<const tools_memo*> memoized_tools(const bj::value& tools) {
    thread_local std::array<tools_memo, tools_slots> memos;
    thread_local std::uint64_t lookups = 0;
    thread_local std::uint64_t fills = 0;
    ++lookups;
    tools_memo* oldest = &memos[0];
    for (auto& m : memos) {
        if (m.valid && json::identical(m.key, tools)) {
            m.used = lookups;
            return &m;
        }
        if (m.used < oldest->used) oldest = &m;
    }
    tools_memo& memo = *oldest;
    memo.valid = false;
    TITO_TRY(auto canonical, canonicalize_tools(tools));
    memo.value = canonical ? list_from_json(*canonical) : jinja::value::none();
    memo.canonical = std::move(canonical);
    memo.key = bj::value(tools, bj::storage_ptr{});
    memo.valid = true;
    memo.generation = ++fills;
    memo.used = lookups;
    return &memo;
}

}  // namespace

result<std::uint64_t> renderer::tools_generation(const bj::value& tools) {
    TITO_TRY(const tools_memo* t, memoized_tools(tools));
    return t->generation;
}

bool is_jinja_template_error(const error& e) {
    if (e.code() == errc::template_syntax) return true;
    if (e.code() != errc::template_runtime) return false;
    // The engine prefixes messages of non-TemplateError exceptions with their Python class.
    for (std::string_view p : {"TypeError: ", "ValueError: ", "ZeroDivisionError: ", "IndexError: ", "LimitExceeded: "})
        if (e.message().starts_with(p)) return false;
    return true;
}

result<std::shared_ptr<const renderer>> renderer::create(const std::vector<named_template>& templates,
                                                         const bj::object& special_tokens_map, std::string name) {
    if (templates.empty())
        return error{errc::config, fmt::format("{}: the checkpoint has no chat template", name)};
    std::shared_ptr<renderer> r(new renderer());
    static std::atomic<std::uint64_t> next_id{1};
    r->instance_id_ = next_id.fetch_add(1, std::memory_order_relaxed);
    const named_template* def = nullptr;
    const named_template* tool_use = nullptr;
    if (templates.size() == 1 && templates[0].name.empty()) def = &templates[0];
    for (const auto& t : templates) {
        if (t.name == "default") def = &t;
        if (t.name == "tool_use") tool_use = &t;
    }
    if (!def && !tool_use)
        return error{errc::config, fmt::format("{}: the checkpoint has multiple chat templates with no default", name)};
    auto parse = [&](const named_template& t) -> result<std::shared_ptr<const jinja::template_>> {
        auto p = jinja::template_::parse(t.text, t.name.empty() ? name : name + ":" + t.name);
        if (!p) return error{errc::config, fmt::format("chat template {} does not parse: {}", name, p.error().describe())};
        return *p;
    };
    if (def) {
        TITO_TRY(r->default_, parse(*def));
    }
    for (const auto& t : templates)
        if (t.text.find("strftime_now") != std::string::npos) r->deterministic_ = false;
    if (tool_use) {
        TITO_TRY(r->tool_use_, parse(*tool_use));
    }
    for (const auto& kv : special_tokens_map) r->special_.emplace_back(std::string(kv.key()), jinja::from_json(kv.value()));
    return std::shared_ptr<const renderer>(std::move(r));
}

const jinja::template_& renderer::pick(bool has_tools) const {
    if (has_tools && tool_use_) return *tool_use_;
    return default_ ? *default_ : *tool_use_;
}

result<std::string> renderer::render_values(const jinja::value& messages, const jinja::value& tools, bool has_tools,
                                            const jinja::value& documents, bool add_generation_prompt, const bj::object& kwargs,
                                            bool with_special) const {
    if (!default_ && !has_tools)
        return error{errc::template_runtime, "This model has multiple chat templates with no default specified!"};
    for (const auto& kv : kwargs)
        for (auto r : reserved_kwargs)
            if (kv.key() == r)
                return error{errc::template_runtime,
                             fmt::format("TypeError: apply_chat_template() got multiple values for keyword argument '{}'", r)};
    jinja::context ctx;
    ctx.set("messages", messages);
    ctx.set("tools", tools);
    ctx.set("documents", documents);
    ctx.set("add_generation_prompt", jinja::value::from_bool(add_generation_prompt));
    if (with_special)
        for (const auto& [k, v] : special_) ctx.set(k, v);
    for (const auto& kv : kwargs) ctx.set(std::string(kv.key()), jinja::from_json(kv.value()));
    return pick(has_tools).render(ctx);
}

result<std::string> renderer::render_raw(const bj::array& messages, const bj::value& tools, const bj::value& documents,
                                         bool add_generation_prompt, const bj::object& kwargs) const {
    return render_values(list_from_json(messages), jinja::from_json(tools), !tools.is_null(), jinja::from_json(documents),
                         add_generation_prompt, kwargs, false);
}

result<std::string> renderer::render(const bj::array& messages, const bj::value& tools, bool add_generation_prompt,
                                     const bj::object& kwargs) const {
    // The normalized copies of assistant messages only feed the conversion to template values: a
    // stack arena, no frees.
    unsigned char arena_block[8192];
    bj::monotonic_resource arena(arena_block, sizeof arena_block);
    TITO_TRY(const jinja::value msgs, normalized_message_values(messages, bj::storage_ptr(&arena)));
    TITO_TRY(const tools_memo* t, memoized_tools(tools));
    const auto& canonical = t->canonical;
    auto first = render_values(msgs, t->value, canonical.has_value(), jinja::value::none(), add_generation_prompt,
                               kwargs, true);
    if (first) return first;
    if (!canonical || !is_jinja_template_error(first.error()))
        return wrap(first.error(), "Chat template rendering failed");
    auto second = render_values(msgs, list_from_json(bare_functions(*canonical)), true, jinja::value::none(),
                                add_generation_prompt, kwargs, true);
    if (second) return second;
    return wrap(second.error(), "Chat template rendering failed (tool format fallback)");
}

}  // namespace tito::chat
