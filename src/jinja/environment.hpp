// File: jinja/environment.hpp
// Public API of the engine: a parsed template_ (immutable, render() is const and lock-free) and the
// render context (ordered variables + options). The environment is transformers' chat-template
// environment: ImmutableSandboxedEnvironment(trim_blocks, lstrip_blocks, loopcontrols,
// {% generation %}), tojson = json.dumps, raise_exception, strftime_now.
// Usage:
//   auto t = template_::parse(src, "qwen3").value();
//   context ctx; ctx.set("messages", from_json(msgs)); ctx.set("add_generation_prompt", value::from_bool(true));
//   tito::result<std::string> text = t->render(ctx);
// Thread safety: a template_ may be rendered from any number of threads at once; a context is
// read-only during render().
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "jinja/interpreter.hpp"
#include "jinja/value.hpp"

namespace tito::jinja {

struct render_options {
    std::optional<std::tm> now;  // fixed clock for strftime_now (local, naive); nullopt = system clock
    render_limits limits;
};

class context {
public:
    // Sets a variable; setting a name again replaces its value.
    void set(std::string name, value v);
    const std::vector<std::pair<std::string, value>>& vars() const noexcept { return vars_; }
    render_options options;

private:
    std::vector<std::pair<std::string, value>> vars_;
};

class template_ {
public:
    static tito::result<std::shared_ptr<const template_>> parse(std::string source, std::string name);
    tito::result<std::string> render(const context& ctx) const;
    const std::string& name() const noexcept { return name_; }

private:
    template_() = default;
    std::string name_;
    program prog_;
    std::vector<value> globals_;  // per symbol: builtin globals, undefined elsewhere
    std::unordered_map<std::string, symbol> symbols_;
    std::size_t output_hint_ = 256;
};

// Parses "YYYY-MM-DDTHH:MM:SS" (the goldens' `now` field) into a std::tm.
std::optional<std::tm> parse_iso_datetime(std::string_view s);

}  // namespace tito::jinja
