// File: unit/chat/glm47_test.cpp
// glm47 on a model folder assembled here: the GLM-4.7-Flash chat template (shared/testdata corpus)
// and a tokenizer.json made from Qwen3's plus GLM's special tokens ([gMASK], <sop>, <|system|>,
// <|user|>, <|assistant|>, <|observation|>). Checks the boundary rule (drop a trailing
// <|observation|> / <|user|>), a multi-turn session against the full render, and the comparator.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "chat/jinja_family.hpp"
#include "chat/model_dir.hpp"
#include "chat_test_support.hpp"

namespace bj = boost::json;
namespace fs = std::filesystem;
using namespace tito::chat;
using namespace tito::chat::test;

namespace {

void write(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
}

// Builds the folder once per process.
std::shared_ptr<const family> glm_family() {
    static std::shared_ptr<const family> fam = [] {
        const fs::path dir = fs::temp_directory_path() / ("tito_glm47_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        auto tok_text = read_text_file(qwen3_dir() + "/tokenizer.json");
        EXPECT_TRUE(tok_text);
        bj::object tok = bj::parse(*tok_text).as_object();
        auto& added = tok["added_tokens"].as_array();
        std::int64_t next = 0;
        for (const auto& t : added) next = std::max(next, t.at("id").as_int64() + 1);
        for (const char* s : {"[gMASK]", "<sop>", "<|system|>", "<|user|>", "<|assistant|>", "<|observation|>"}) {
            added.push_back(bj::object{{"id", next++}, {"content", s}, {"single_word", false}, {"lstrip", false},
                                       {"rstrip", false}, {"normalized", false}, {"special", true}});
        }
        for (const char* s : {"<arg_key>", "</arg_key>", "<arg_value>", "</arg_value>"}) {
            added.push_back(bj::object{{"id", next++}, {"content", s}, {"single_word", false}, {"lstrip", false},
                                       {"rstrip", false}, {"normalized", false}, {"special", false}});
        }
        write(dir / "tokenizer.json", bj::serialize(tok));
        auto tpl = read_text_file(std::string(TITO_TESTDATA_DIR) + "/templates/corpus/llamacpp-GLM-4.7-Flash.jinja");
        EXPECT_TRUE(tpl);
        bj::object cfg{{"eos_token", "<|endoftext|>"}, {"pad_token", "<|endoftext|>"}, {"chat_template", *tpl}};
        write(dir / "tokenizer_config.json", bj::serialize(cfg));
        family_config fc;
        fc.tito_model = "glm47";
        fc.hf_checkpoint = dir.string();
        auto f = make_family(fc);
        EXPECT_TRUE(f) << (f ? "" : f.error().message());
        fs::remove_all(dir);
        return f ? *f : nullptr;
    }();
    return fam;
}

const jinja_family& glm() { return dynamic_cast<const jinja_family&>(*glm_family()); }
token_id id_of(std::string_view t) { return *glm().get_tokenizer().token_to_id(t); }

// The model's completion for `assistant`: its canonical render after the generation prompt, then
// the stop token the model emitted.
token_ids completion_for(const bj::array& history, const bj::value& assistant, const bj::value& tools,
                         std::string_view stop) {
    const auto& r = glm().get_renderer();
    bj::array with = history;
    with.push_back(assistant);
    auto prompt = r.render(history, tools, true, glm().base_kwargs());
    auto full = r.render(with, tools, false, glm().base_kwargs());
    EXPECT_TRUE(prompt && full);
    EXPECT_TRUE(full->starts_with(*prompt)) << *prompt << "\n---\n" << *full;
    auto ids = glm().get_tokenizer().encode(full->substr(prompt->size()), false);
    ids.push_back(id_of(stop));
    return ids;
}

token_ids full_encode(const bj::array& msgs, const bj::value& tools) {
    auto text = glm().get_renderer().render(msgs, tools, true, glm().base_kwargs());
    EXPECT_TRUE(text) << text.error().message();
    return glm().get_tokenizer().encode(*text, false);
}

}  // namespace

TEST(chat_glm47, constants) {
    ASSERT_TRUE(glm_family());
    EXPECT_EQ(glm().max_trim_tokens(), 1u);
    EXPECT_EQ(glm().name(), "glm47");
    EXPECT_EQ(bj::serialize(glm().base_kwargs()), R"({"clear_thinking":false})");
}

TEST(chat_glm47, boundary_drops_observation_or_user) {
    ASSERT_TRUE(glm_family());
    EXPECT_EQ(glm().boundary({5, id_of("<|observation|>")}), (token_ids{5}));
    EXPECT_EQ(glm().boundary({5, id_of("<|user|>")}), (token_ids{5}));
    EXPECT_EQ(glm().boundary({5, id_of("<|assistant|>")}), (token_ids{5, id_of("<|assistant|>")}));
    EXPECT_EQ(glm().boundary({5, 6}), (token_ids{5, 6}));
}

TEST(chat_glm47, session_equals_full_render) {
    ASSERT_TRUE(glm_family());
    const auto& fam = glm();
    const bj::value tools = js(R"([{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}])");
    const auto kw = fam.base_kwargs();
    bj::array history = ja(R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Weather in Paris?"}])");
    auto p1 = fam.first_turn(history, tools, kw);
    ASSERT_TRUE(p1) << p1.error().message();
    EXPECT_EQ(*p1, full_encode(history, tools));

    const bj::value a1 = js(R"({"role":"assistant","content":"","reasoning_content":"Need the tool.","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"Paris\"}"}}]})");
    token_ids ckpt = *p1;
    auto c1 = completion_for(history, a1, tools, "<|observation|>");
    ckpt.insert(ckpt.end(), c1.begin(), c1.end());
    history.push_back(a1);

    // Tool result: the stored <|observation|> is dropped and re-opened by the suffix.
    bj::array request = history;
    request.push_back(js(R"({"role":"tool","tool_call_id":"c1","content":"Sunny"})"));
    auto p2 = fam.merge_tokens(history, request, ckpt, tools, kw);
    ASSERT_TRUE(p2) << p2.error().message();
    EXPECT_EQ(*p2, full_encode(request, tools));
    // The checkpoint and the next prompt agree on everything but the trimmed last token (4.6).
    EXPECT_TRUE(std::equal(ckpt.begin(), ckpt.end() - 1, p2->begin()));

    const bj::value a2 = js(R"({"role":"assistant","content":"It is sunny.","reasoning_content":"Done."})");
    ckpt = *p2;
    // The model stopped with <|observation|> although the next message is a user turn: the
    // ambiguity max_trim_tokens = 1 exists for.
    auto c2 = completion_for(request, a2, tools, "<|observation|>");
    ckpt.insert(ckpt.end(), c2.begin(), c2.end());
    history = request;
    history.push_back(a2);
    request = history;
    request.push_back(js(R"({"role":"user","content":"Thanks"})"));
    auto p3 = fam.merge_tokens(history, request, ckpt, tools, kw);
    ASSERT_TRUE(p3) << p3.error().message();
    EXPECT_EQ(*p3, full_encode(request, tools));
    EXPECT_NE(ckpt.back(), (*p3)[ckpt.size() - 1]);

    const bj::value a3 = js(R"({"role":"assistant","content":"You're welcome.","reasoning_content":"Polite."})");
    ckpt = *p3;
    auto c3 = completion_for(request, a3, tools, "<|user|>");
    ckpt.insert(ckpt.end(), c3.begin(), c3.end());
    history = request;
    history.push_back(a3);
    auto ms = fam.compare(history, tools, ckpt);
    ASSERT_TRUE(ms) << ms.error().message();
    EXPECT_TRUE(ms->empty()) << (ms->empty() ? "" : ms->front().type + " " + ms->front().detail + " " +
                                                        ms->front().expected_text + " | " + ms->front().actual_text);
}
