// File: chat/renderer.hpp
// The rendering contract of spec 6.1: one function render(messages, tools, add_generation_prompt,
// kwargs) -> text, the way miles' template.apply_chat_template drives transformers'
// apply_chat_template for Jinja-driven checkpoints:
//   1. messages normalized on a copy (messages.hpp), tools canonicalized (tools.hpp);
//   2. the template chosen like transformers (a list of named templates: `tool_use` when tools are
//      passed and it exists, else `default`);
//   3. variables: messages, tools (None when absent), documents (None), add_generation_prompt, the
//      special-tokens map, then every kwarg (kwargs win);
//   4. on a template error with tools, one more render with the bare `function` objects.
// Templates are parsed once, at construction.
// Thread safety: immutable; render() is const and may run concurrently from any thread.
// Usage:
//   TITO_TRY(auto r, renderer::create(md.templates, md.special_tokens_map, "qwen3"));
//   TITO_TRY(std::string text, r->render(messages, tools, true, kwargs));
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "chat/model_dir.hpp"
#include "jinja/environment.hpp"

namespace tito::chat {

class renderer {
public:
    // Parses every template. No template, a syntax error, or a list without `default` (and the
    // list has more than one entry) is an errc::config error.
    static result<std::shared_ptr<const renderer>> create(const std::vector<named_template>& templates,
                                                          const boost::json::object& special_tokens_map,
                                                          std::string name);

    // Spec 6.1. Errors: errc::template_runtime / template_syntax for template and normalization
    // failures (message "Chat template rendering failed: ..." for Jinja template errors), all HTTP 500.
    result<std::string> render(const boost::json::array& messages, const boost::json::value& tools,
                               bool add_generation_prompt, const boost::json::object& kwargs) const;

    // transformers' render alone: no normalization, no canonicalization, no fallback, no special
    // tokens (the caller's kwargs are the only extra variables). `tools` / `documents` null = None.
    result<std::string> render_raw(const boost::json::array& messages, const boost::json::value& tools,
                                   const boost::json::value& documents, bool add_generation_prompt,
                                   const boost::json::object& kwargs) const;

    // True when the output depends only on the inputs: no template mentions strftime_now (the one
    // clock-reading global), so a render may be reused for equal inputs.
    bool deterministic() const noexcept { return deterministic_; }
    // Unique per renderer ever created in this process (a cache key that an address is not).
    std::uint64_t instance_id() const noexcept { return instance_id_; }
    // A number naming `tools` on the calling thread, for cache keys: the same number means an
    // identical list (json::identical). It is the generation of the thread's tools memo entry
    // that render() reads (the memo keeps the last 8 lists seen), so asking costs a comparison
    // per entry (no text is written), and a list the memo does not hold takes over its least
    // recently used entry with a new number. Errors: render()'s for tools it cannot canonicalize.
    static result<std::uint64_t> tools_generation(const boost::json::value& tools);

private:
    renderer() = default;
    const jinja::template_& pick(bool has_tools) const;
    result<std::string> render_values(const jinja::value& messages, const jinja::value& tools, bool has_tools,
                                      const jinja::value& documents, bool add_generation_prompt, const boost::json::object& kwargs,
                                      bool with_special) const;

    std::shared_ptr<const jinja::template_> default_;
    std::shared_ptr<const jinja::template_> tool_use_;  // null when the checkpoint has none
    std::vector<std::pair<std::string, jinja::value>> special_;
    bool deterministic_ = true;
    std::uint64_t instance_id_ = 0;
};

// True when `e` is what Python would raise as a jinja2.TemplateError (syntax, undefined, security,
// runtime or raise_exception), as opposed to a TypeError and the like that escape unwrapped.
bool is_jinja_template_error(const error& e);

}  // namespace tito::chat
