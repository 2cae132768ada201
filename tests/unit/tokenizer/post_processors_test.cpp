// Tests for tokenizer/post_processors/*.
#include <gtest/gtest.h>

#include "tokenizer/post_processors/post_processor.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;
using ids = std::vector<token_id>;

namespace {
ids run(std::string_view spec, ids in, bool add) {
    auto p = make_post_processor(json(spec));
    EXPECT_TRUE(p) << spec;
    if (p && *p) (*p)->process(in, add);
    return in;
}
constexpr const char* bos_template = R"({"type":"TemplateProcessing",
    "single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
    "pair":[],"special_tokens":{"<s>":{"id":"<s>","ids":[1],"tokens":["<s>"]}}})";
}  // namespace

TEST(post_processors, template_processing) {
    EXPECT_EQ(run(bos_template, {5, 6}, true), (ids{1, 5, 6}));
    EXPECT_EQ(run(bos_template, {5, 6}, false), (ids{5, 6}));
    const char* string_form = R"({"type":"TemplateProcessing","single":"[CLS] $A [SEP]",
        "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[101]},"[SEP]":{"id":"[SEP]","ids":[102]}}})";
    EXPECT_EQ(run(string_form, {7}, true), (ids{101, 7, 102}));
}

TEST(post_processors, byte_level_and_sequence) {
    EXPECT_EQ(run(R"({"type":"ByteLevel","add_prefix_space":true,"trim_offsets":false})", {3}, true), (ids{3}));
    std::string seq = std::string(R"({"type":"Sequence","processors":[{"type":"ByteLevel"},)") + bos_template + "]}";
    EXPECT_EQ(run(seq, {9}, true), (ids{1, 9}));
}

TEST(post_processors, missing_special_token_is_load_error) {
    auto p = make_post_processor(json(R"({"type":"TemplateProcessing","single":"<s> $A","special_tokens":{}})"));
    EXPECT_FALSE(p);
    EXPECT_FALSE(make_post_processor(json(R"({"type":"BertProcessing"})")));
}
