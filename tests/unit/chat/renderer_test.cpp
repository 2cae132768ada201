// File: unit/chat/renderer_test.cpp
// The rendering contract (spec 6.1) on small templates: variables, template choice, the tool-format
// fallback and its error texts, normalization and canonicalization as the template sees them.
#include "chat/renderer.hpp"
#include "chat/tools.hpp"

#include <gtest/gtest.h>

#include "chat_test_support.hpp"

namespace bj = boost::json;
using namespace tito::chat;
using namespace tito::chat::test;

namespace {

std::shared_ptr<const renderer> make(std::string text, std::string special = "{}") {
    auto r = renderer::create({{"", std::move(text)}}, jo(special), "t");
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    return r ? *r : nullptr;
}

std::string render(const renderer& r, std::string_view msgs, std::string_view tools = "null", bool gen = false,
                   std::string_view kwargs = "{}") {
    auto out = r.render(ja(msgs), js(tools), gen, jo(kwargs));
    return out ? *out : "error: " + out.error().message();
}

const char* user = R"([{"role":"user","content":"hi"}])";

}  // namespace

TEST(chat_renderer, variables_special_tokens_and_kwargs) {
    auto r = make("{{ eos_token }}|{{ bos_token }}|{{ tools is none }}|{{ documents is none }}|{{ add_generation_prompt }}|{{ x }}",
                  R"({"eos_token":"E","bos_token":"B"})");
    EXPECT_EQ(render(*r, user), "E|B|True|True|False|");
    EXPECT_EQ(render(*r, user, "[]", true, R"({"eos_token":"K","x":[1,2.0]})"), "K|B|True|True|True|[1, 2.0]");
}

TEST(chat_renderer, reserved_kwarg_names_fail) {
    auto r = make("x");
    EXPECT_TRUE(render(*r, user, "null", false, R"({"tools":1})").starts_with("error: TypeError"));
    EXPECT_TRUE(render(*r, user, "null", false, R"({"messages":1})").starts_with("error: TypeError"));
}

TEST(chat_renderer, messages_and_tools_are_normalized) {
    auto r = make("{% for m in messages %}{{ m.content is string }}{% for c in m.tool_calls or [] %}"
                  "{{ c.function.arguments.a }}{% endfor %};{% endfor %}{{ tools | tojson }}");
    EXPECT_EQ(render(*r, R"([{"role":"assistant","content":null,"tool_calls":[{"function":{"name":"f","arguments":"{\"a\": 7}"}}]}])",
                     R"([{"name":"f"}])"),
              std::string(R"(True7;[{"type": "function", "function": {"description": null, "name": "f", "parameters": null, "strict": false})") +
                  (sglang_tool_defer_loading ? R"(, "defer_loading": null}])" : "}]"));
}

TEST(chat_renderer, tool_use_template_is_chosen_with_tools) {
    auto r = renderer::create({{"default", "D"}, {"tool_use", "T"}}, {}, "t");
    ASSERT_TRUE(r);
    EXPECT_EQ(render(**r, user), "D");
    EXPECT_EQ(render(**r, user, "[]"), "D");
    EXPECT_EQ(render(**r, user, R"([{"name":"f"}])"), "T");
    auto only_tool_use = renderer::create({{"tool_use", "T"}}, {}, "t");
    ASSERT_TRUE(only_tool_use);
    EXPECT_TRUE(render(**only_tool_use, user).starts_with("error: "));
    EXPECT_FALSE(renderer::create({{"a", "A"}, {"b", "B"}}, {}, "t"));
    EXPECT_FALSE(renderer::create({}, {}, "t"));
    EXPECT_FALSE(renderer::create({{"", "{% if %}"}}, {}, "t"));
}

TEST(chat_renderer, tool_format_fallback) {
    // Canonical dicts have a "type" key; the bare functions do not.
    auto r = make("{% for t in tools %}{% if t.type is defined %}{{ raise_exception('canonical') }}{% endif %}{{ t.name }}{% endfor %}");
    EXPECT_EQ(render(*r, user, R"([{"type":"function","function":{"name":"f"}}])"), "f");
    auto always = make("{{ raise_exception('boom') }}");
    EXPECT_EQ(render(*always, user, R"([{"name":"f"}])"), "error: Chat template rendering failed (tool format fallback): boom");
    EXPECT_EQ(render(*always, user), "error: Chat template rendering failed: boom");
}

TEST(chat_renderer, undefined_errors_are_wrapped_like_python) {
    auto r = make("{{ x.y }}");
    EXPECT_EQ(render(*r, user), "error: Chat template rendering failed: 'x' is undefined");
}

TEST(chat_renderer, type_errors_are_not_retried_or_wrapped) {
    auto r = make("{{ 'a' + 1 }}");
    auto out = r->render(ja(user), js(R"([{"name":"f"}])"), false, {});
    ASSERT_FALSE(out);
    EXPECT_TRUE(out.error().message().starts_with("TypeError")) << out.error().message();
    EXPECT_EQ(out.error().code(), tito::errc::template_runtime);
}

TEST(chat_renderer, render_failures_from_inputs) {
    auto r = make("x");
    EXPECT_TRUE(render(*r, R"([{"role":"assistant","tool_calls":[{"function":{"arguments":"{"}}]}])").starts_with("error: "));
    EXPECT_TRUE(render(*r, user, R"([{"function":{"name":5}}])").starts_with("error: "));
}

// The incremental algorithm reuses the render without the appended messages for equal inputs on
// the same renderer (chat/incremental.cpp); that is only sound for templates that do not read
// the clock, and two renderers never share entries.
#include "chat/incremental.hpp"

namespace {

TEST(chat_renderer, deterministic_unless_a_template_reads_the_clock) {
    EXPECT_TRUE(make("{{ messages[0].content }}")->deterministic());
    EXPECT_FALSE(make("{{ strftime_now('%Y') }}{{ messages[0].content }}")->deterministic());
    EXPECT_NE(make("a")->instance_id(), make("a")->instance_id());
}

TEST(chat_renderer, suffix_render_reuse_keeps_renderers_and_inputs_apart) {
    // Same inputs, two renderers with different headers, and different kwargs: a render reused
    // across them would not be a prefix of the full render (an error) or would cut it wrongly.
    const char* tpl = "%s{%% for m in messages %%}[{{ m.role }}:{{ m.content }}]{%% endfor %%}"
                      "{%% if add_generation_prompt %%}<gen>{%% endif %%}";
    char a[512], b[512];
    std::snprintf(a, sizeof a, tpl, "{{ tools | length if tools else 0 }}");
    std::snprintf(b, sizeof b, tpl, "|{{ extra | default('') }}");
    auto ra = make(a), rb = make(b);
    const auto stored = ja(R"([{"role":"user","content":"u"},{"role":"assistant","content":"x"}])");
    const auto request = ja(R"([{"role":"user","content":"u"},{"role":"assistant","content":"x"},{"role":"user","content":"next"}])");
    for (int round = 0; round < 2; ++round) {  // the second round hits the reuse
        auto sa = rendered_suffix(*ra, stored.back(), 2, request, js("null"), jo("{}"));
        auto sb = rendered_suffix(*rb, stored.back(), 2, request, js("null"), jo(R"({"extra":"E"})"));
        auto sb2 = rendered_suffix(*rb, stored.back(), 2, request, js("null"), jo(R"({"extra":"F"})"));
        ASSERT_TRUE(sa && sb && sb2);
        EXPECT_EQ(*sa, "[user:next]<gen>");
        EXPECT_EQ(*sb, "[user:next]<gen>");
        EXPECT_EQ(*sb2, "[user:next]<gen>");
    }
}

}  // namespace

TEST(chat_renderer, converted_tools_are_reused_only_for_equal_tools) {
    // The per-thread tools memo: same text -> same output; any change in the tools (order,
    // number type, a bad list in between) is seen by the next render.
    auto r = make("{% for t in tools %}{{ t.function.name }}={{ t.function.parameters | tojson }};{% endfor %}");
    const char* a = R"([{"name":"f","parameters":{"x":1}},{"name":"g"}])";
    const char* b = R"([{"name":"g"},{"name":"f","parameters":{"x":1.0}}])";
    EXPECT_EQ(render(*r, user, a), R"(f={"x": 1};g=null;)");
    EXPECT_EQ(render(*r, user, a), R"(f={"x": 1};g=null;)");
    EXPECT_EQ(render(*r, user, b), R"(g=null;f={"x": 1.0};)");
    EXPECT_TRUE(render(*r, user, R"({"name":"f"})").starts_with("error: "));
    EXPECT_EQ(render(*r, user, b), R"(g=null;f={"x": 1.0};)");
    EXPECT_TRUE(render(*r, user, "null").starts_with("error: TypeError"));  // None is not iterable
    EXPECT_EQ(render(*r, user, a), R"(f={"x": 1};g=null;)");
}

// The tools numbers that key render caches: equal for an identical list, different otherwise, kept
// for a list while sessions with other lists take turns on the thread (up to 8 lists), a new
// number once the list has been pushed out.
TEST(chat_renderer, tools_generation_names_recent_lists) {
    auto tools = [](int i) {
        return js(R"([{"type":"function","function":{"name":"f)" + std::to_string(i) +
                  R"(","parameters":{"type":"object","properties":{}}}}])");
    };
    auto number = [&](int i) {
        auto n = renderer::tools_generation(tools(i));
        EXPECT_TRUE(n) << (n ? "" : n.error().message());
        return n ? *n : 0;
    };
    const auto a = number(1000);
    const auto b = number(1001);
    EXPECT_NE(a, b);
    EXPECT_EQ(number(1000), a);  // A, B, A: A keeps its number
    EXPECT_EQ(number(1001), b);
    for (int i = 0; i < 8; ++i) EXPECT_NE(number(2000 + i), a);  // eight other lists push A out
    const auto again = number(1000);
    EXPECT_NE(again, a);
    EXPECT_NE(again, b);
    EXPECT_EQ(number(1000), again);
}
