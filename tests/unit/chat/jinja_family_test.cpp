// File: unit/chat/jinja_family_test.cpp
// The qwen families end to end on the Qwen3 tokenizer: a multi-turn session with tools, reasoning
// and tool results accumulated the TITO way (first_turn, completions ending at <|im_end|>,
// merge_tokens) equals a from-scratch render + encode of the full history at every turn, and the
// comparator then reports no mismatch. Also: boundary rules, kwargs, roles, suffix failure.
#include "chat/jinja_family.hpp"

#include <gtest/gtest.h>

#include "chat/incremental.hpp"
#include "chat_test_support.hpp"

namespace bj = boost::json;
using namespace tito::chat;
using namespace tito::chat::test;

namespace {

const jinja_family& as_jinja(const std::shared_ptr<const family>& f) { return dynamic_cast<const jinja_family&>(*f); }

token_ids full_encode(const jinja_family& fam, const bj::array& msgs, const bj::value& tools, bool gen,
                      const bj::object& kwargs) {
    auto text = fam.get_renderer().render(msgs, tools, gen, kwargs);
    EXPECT_TRUE(text) << text.error().message();
    return text ? fam.get_tokenizer().encode(*text, false) : token_ids{};
}

// What the model would generate for `assistant` after `history`: its canonical render after the
// generation prompt, stopping at <|im_end|> (without the template's trailing "\n").
token_ids completion_for(const jinja_family& fam, const bj::array& history, const bj::value& assistant,
                         const bj::value& tools, const bj::object& kwargs) {
    bj::array with = history;
    with.push_back(assistant);
    auto prompt = fam.get_renderer().render(history, tools, true, kwargs);
    auto full = fam.get_renderer().render(with, tools, false, kwargs);
    EXPECT_TRUE(prompt && full);
    EXPECT_TRUE(full->starts_with(*prompt)) << *full;
    std::string seg = full->substr(prompt->size());
    EXPECT_TRUE(seg.ends_with("<|im_end|>\n")) << seg;
    seg.pop_back();
    return fam.get_tokenizer().encode(seg, false);
}

const char* tools_json = R"([{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"location":{"type":"string"},"days":{"type":"integer"}},"required":["location"]}}}])";

void run_session(const std::string& family_name, bool system_first) {
    auto f = qwen_family(family_name);
    ASSERT_TRUE(f);
    const auto& fam = as_jinja(f);
    const bj::value tools = js(tools_json);
    const bj::object kw = fam.base_kwargs();

    bj::array history = system_first ? ja(R"([{"role":"system","content":"You are terse."},{"role":"user","content":"Weather in Paris and Oslo?"}])")
                                     : ja(R"([{"role":"user","content":"Weather in Paris and Oslo?"}])");
    auto prompt = fam.first_turn(history, tools, kw);
    ASSERT_TRUE(prompt) << prompt.error().message();
    EXPECT_EQ(*prompt, full_encode(fam, history, tools, true, kw));

    // Turn 1: two tool calls (string arguments, as SGLang returns them) with reasoning.
    const bj::value a1 = js(R"({"role":"assistant","content":null,"reasoning_content":"Two cities, two calls.","tool_calls":[
        {"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"Paris\"}"}},
        {"id":"c2","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"Oslo\", \"days\": 2}"}}]})");
    token_ids ckpt = *prompt;
    auto c1 = completion_for(fam, history, a1, tools, kw);
    ckpt.insert(ckpt.end(), c1.begin(), c1.end());
    history.push_back(a1);

    // Turn 2: two tool results.
    bj::array request = history;
    request.push_back(js(R"({"role":"tool","tool_call_id":"c1","content":"Sunny, 21 C"})"));
    request.push_back(js(R"({"role":"tool","tool_call_id":"c2","content":"Snow\n-3 C"})"));
    auto p2 = fam.merge_tokens(history, request, ckpt, tools, kw);
    ASSERT_TRUE(p2) << p2.error().message();
    EXPECT_EQ(*p2, full_encode(fam, request, tools, true, kw)) << family_name << " turn 2";

    const bj::value a2 = js(R"({"role":"assistant","content":"Paris is sunny; Oslo has snow.","reasoning_content":"Both results are in."})");
    ckpt = *p2;
    auto c2 = completion_for(fam, request, a2, tools, kw);
    ckpt.insert(ckpt.end(), c2.begin(), c2.end());
    history = request;
    history.push_back(a2);

    // Turn 3: a user follow-up, then a plain answer.
    request = history;
    request.push_back(js(R"({"role":"user","content":"And tomorrow?"})"));
    auto p3 = fam.merge_tokens(history, request, ckpt, tools, kw);
    ASSERT_TRUE(p3) << p3.error().message();
    EXPECT_EQ(*p3, full_encode(fam, request, tools, true, kw)) << family_name << " turn 3";
    const bj::value a3 = js(R"({"role":"assistant","content":"Similar.","reasoning_content":"Same weather."})");
    ckpt = *p3;
    auto c3 = completion_for(fam, request, a3, tools, kw);
    ckpt.insert(ckpt.end(), c3.begin(), c3.end());
    history = request;
    history.push_back(a3);

    // Degenerate extension (4.3 example H): only the generation prompt is appended.
    auto p4 = fam.merge_tokens(history, history, ckpt, tools, kw);
    ASSERT_TRUE(p4);
    EXPECT_EQ(*p4, full_encode(fam, history, tools, true, kw)) << family_name << " empty append";

    // The comparator sees no difference between the TITO sequence and the canonical render.
    auto ms = fam.compare(history, tools, ckpt);
    ASSERT_TRUE(ms) << ms.error().message();
    EXPECT_TRUE(ms->empty()) << family_name << ": " << (ms->empty() ? "" : ms->front().type + " " + ms->front().detail);
}

}  // namespace

TEST(chat_jinja_family, qwen3_session_equals_full_render) { run_session("qwen3", true); }
TEST(chat_jinja_family, qwennext_session_equals_full_render) { run_session("qwennext", true); }
TEST(chat_jinja_family, qwen35_session_equals_full_render) { run_session("qwen35", true); }
TEST(chat_jinja_family, qwen3_session_without_system) { run_session("qwen3", false); }

TEST(chat_jinja_family, qwen3_boundary_appends_newline_after_im_end) {
    const auto& fam = as_jinja(qwen_family("qwen3"));
    const token_id im_end = *fam.get_tokenizer().token_to_id("<|im_end|>");
    const token_id nl = fam.get_tokenizer().encode("\n", false).at(0);
    EXPECT_EQ(fam.boundary({1, 2, im_end}), (token_ids{1, 2, im_end, nl}));
    EXPECT_EQ(fam.boundary({1, 2, 3}), (token_ids{1, 2, 3}));  // length-truncated: no repair
    EXPECT_EQ(fam.boundary({}), token_ids{});
}

TEST(chat_jinja_family, boundary_rule_per_family) {
    for (const char* name : {"qwen3", "qwen35", "qwennext"}) {
        const auto& fam = as_jinja(qwen_family(name));
        const token_id im_end = *fam.get_tokenizer().token_to_id("<|im_end|>");
        EXPECT_EQ(fam.boundary({7, im_end}), (token_ids{7, im_end, 198})) << name;
        EXPECT_EQ(fam.boundary({7, 8}), (token_ids{7, 8})) << name;
    }
    // default: plain concatenation, even after <|im_end|>.
    const auto& def = as_jinja(qwen_family("default"));
    const token_id im_end = *def.get_tokenizer().token_to_id("<|im_end|>");
    EXPECT_EQ(def.boundary({7, im_end}), (token_ids{7, im_end}));
    const auto old = ja(R"([{"role":"user","content":"u"},{"role":"assistant","content":"a"}])");
    auto neu = old;
    neu.push_back(js(R"({"role":"user","content":"v"})"));
    auto merged = def.merge_tokens(old, neu, {7, im_end}, bj::value(), def.base_kwargs());
    ASSERT_TRUE(merged) << merged.error().message();
    ASSERT_GE(merged->size(), 3u);
    EXPECT_EQ((*merged)[1], im_end);
    // No newline repair: the suffix opens the next message right away.
    EXPECT_EQ((*merged)[2], *def.get_tokenizer().token_to_id("<|im_start|>"));
}

TEST(chat_jinja_family, registry_constants) {
    auto q3 = qwen_family("qwen3");
    EXPECT_EQ(q3->name(), "qwen3");
    EXPECT_EQ(q3->max_trim_tokens(), 0u);
    EXPECT_TRUE(q3->append_role_allowed("system"));
    EXPECT_FALSE(q3->append_role_allowed("developer"));
    EXPECT_EQ(q3->allowed_roles_repr(), "frozenset({'tool', 'user', 'system', 'assistant'})");
    auto q35 = qwen_family("qwen35");
    EXPECT_FALSE(q35->append_role_allowed("system"));
    EXPECT_TRUE(q35->append_role_allowed("tool"));
    EXPECT_EQ(q35->allowed_roles_repr(), "frozenset({'tool', 'user', 'assistant'})");
    auto def = qwen_family("default");
    EXPECT_TRUE(def->append_role_allowed("system"));
    EXPECT_TRUE(def->base_kwargs().empty());
}

TEST(chat_jinja_family, kwargs_base_and_request) {
    auto f = qwen_family("qwen3", R"({"enable_thinking":false})");
    ASSERT_TRUE(f);
    EXPECT_EQ(boost::json::serialize(f->base_kwargs()), R"({"enable_thinking":false,"clear_thinking":false})");
    auto r = f->request_kwargs(jo(R"({"enable_thinking":true,"x":1})"));
    ASSERT_TRUE(r);
    EXPECT_EQ(boost::json::serialize(*r), R"({"enable_thinking":true,"clear_thinking":false,"x":1})");
    auto bad = f->request_kwargs(jo(R"({"clear_thinking":true})"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), tito::errc::bad_request);
    EXPECT_EQ(bad.error().message(),
              "chat template kwarg clear_thinking=True conflicts with the value registered for Qwen3TITOTokenizer: False");
    // The default family has no fixed kwargs: requests override anything.
    auto d = qwen_family("default", R"({"enable_thinking":false})");
    auto dr = d->request_kwargs(jo(R"({"enable_thinking":true})"));
    ASSERT_TRUE(dr);
    EXPECT_EQ(boost::json::serialize(*dr), R"({"enable_thinking":true})");
}

TEST(chat_jinja_family, request_kwargs_change_the_render) {
    auto f = qwen_family("qwen3");
    const auto msgs = ja(R"([{"role":"user","content":"hi"}])");
    auto on = f->first_turn(msgs, bj::value(), f->base_kwargs());
    auto kw = f->request_kwargs(jo(R"({"enable_thinking":false})"));
    ASSERT_TRUE(on && kw);
    auto off = f->first_turn(msgs, bj::value(), *kw);
    ASSERT_TRUE(off);
    EXPECT_EQ(off->size(), on->size() + 4);  // <think>\n\n</think>\n\n
}

TEST(chat_jinja_family, suffix_diff_failure_message) {
    // qwen35 raises for a non-leading system message: a render failure, not a suffix diff.
    auto f = qwen_family("qwen35");
    const auto old = ja(R"([{"role":"user","content":"u"},{"role":"assistant","content":"a"}])");
    auto neu = old;
    neu.push_back(js(R"({"role":"system","content":"s"})"));
    auto r = f->merge_tokens(old, neu, {1}, bj::value(), f->base_kwargs());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::template_runtime);
    EXPECT_NE(r.error().message().find("System message must be at the beginning."), std::string::npos) << r.error().message();
}

TEST(chat_jinja_family, dummy_assistant_copies_tool_calls) {
    EXPECT_EQ(boost::json::serialize(dummy_assistant(js(R"({"role":"assistant","tool_calls":[{"id":"x"}]})"))),
              R"({"role":"assistant","content":"","reasoning_content":" ","tool_calls":[{"id":"x"}]})");
    EXPECT_EQ(boost::json::serialize(dummy_assistant(js(R"({"role":"assistant","tool_calls":null})"))),
              R"({"role":"assistant","content":"","reasoning_content":" ","tool_calls":[]})");
}

TEST(chat_jinja_family, startup_errors) {
    family_config cfg;
    cfg.hf_checkpoint = qwen3_dir();
    cfg.tito_model = "kimi25";
    auto r = make_family(cfg);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::config);
    EXPECT_NE(r.error().message().find("not supported"), std::string::npos);
    cfg.tito_model = "qwen3";
    cfg.chat_template_path = "/tmp/x.jinja";
    r = make_family(cfg);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(),
              "--chat-template-path cannot override the template registered for --tito-model=qwen3; use "
              "--tito-model=default for a custom template");
    cfg.chat_template_path.clear();
    cfg.chat_template_kwargs = jo(R"({"clear_thinking":true})");
    r = make_family(cfg);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(),
              "--apply-chat-template-kwargs clear_thinking=True conflicts with the value registered for "
              "--tito-model=qwen3: False");
    cfg = {};
    cfg.hf_checkpoint = "/nonexistent/dir";
    r = make_family(cfg);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::config);
}
