// Tests for tokenizer/added_vocabulary + token_trie: matching before normalization, the
// normalized flag, single_word, lstrip, rstrip, leftmost-longest, id assignment.
#include <gtest/gtest.h>

#include "tokenizer/added_vocabulary.hpp"
#include "tokenizer/models/model.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;

namespace {

struct seg {
    std::string text;
    std::optional<token_id> id;
    bool operator==(const seg&) const = default;
};
std::ostream& operator<<(std::ostream& os, const seg& s) {
    return os << "{" << s.text << "," << (s.id ? std::to_string(*s.id) : "-") << "}";
}

model_ptr tiny_model() {
    return std::move(*make_model(json(R"({"type":"BPE","vocab":{"a":0,"b":1,"yes":2},"merges":[]})")));
}

std::vector<seg> run(const added_vocabulary& av, std::string_view text, const normalizer* n = nullptr) {
    std::vector<added_vocabulary::segment> out;
    av.extract_and_normalize(text, n, out);
    std::vector<seg> r;
    for (auto& s : out) r.push_back({s.text, s.id});
    return r;
}

added_token tok(std::string c, bool special = true, bool normalized = false) {
    added_token t;
    t.content = std::move(c);
    t.special = special;
    t.normalized = normalized;
    return t;
}

}  // namespace

TEST(token_trie, leftmost_longest) {
    token_trie t;
    t.add("<a>", 0);
    t.add("<a><b>", 1);
    t.add("b>", 2);
    auto m = t.find("x<a><b>y", 0);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->begin, 1u);
    EXPECT_EQ(m->end, 7u);
    EXPECT_EQ(m->value, 1u);
    EXPECT_FALSE(t.find("xyz", 0));
}

TEST(added_vocabulary, ids_follow_model_vocab) {
    auto m = tiny_model();
    auto av = added_vocabulary::build({tok("<s>"), tok("yes"), tok("</s>")}, *m, nullptr);
    EXPECT_EQ(av.token_to_id("<s>"), 3u);
    EXPECT_EQ(av.token_to_id("yes"), 2u);  // already in the model: keeps the model id
    EXPECT_EQ(av.token_to_id("</s>"), 4u);
    EXPECT_EQ(av.id_to_token(4), "</s>");
    EXPECT_TRUE(av.is_special("<s>"));
    EXPECT_EQ(av.count_outside(*m), 2u);
}

TEST(added_vocabulary, splits_raw_text) {
    auto m = tiny_model();
    auto av = added_vocabulary::build({tok("<s>"), tok("<s>x")}, *m, nullptr);
    EXPECT_EQ(run(av, "a<s>b<s>xc"), (std::vector<seg>{{"a", {}}, {"<s>", 3}, {"b", {}}, {"<s>x", 4}, {"c", {}}}));
    EXPECT_EQ(run(av, ""), std::vector<seg>{});
}

TEST(added_vocabulary, single_word_lstrip_rstrip) {
    auto m = tiny_model();
    added_token w = tok("yes", false);
    w.single_word = true;
    added_token l = tok("<L>");
    l.lstrip = true;
    added_token r = tok("<R>");
    r.rstrip = true;
    auto av = added_vocabulary::build({w, l, r}, *m, nullptr);
    EXPECT_EQ(run(av, "eyes yes"), (std::vector<seg>{{"eyes ", {}}, {"yes", 2}}));
    EXPECT_EQ(run(av, "a  <L>b"), (std::vector<seg>{{"a", {}}, {"  <L>", 3}, {"b", {}}}));
    EXPECT_EQ(run(av, "a<R> \tb"), (std::vector<seg>{{"a", {}}, {"<R> \t", 4}, {"b", {}}}));
}

TEST(added_vocabulary, normalized_tokens_match_after_normalization) {
    auto m = tiny_model();
    auto lower = make_normalizer(json(R"({"type":"Lowercase"})"));
    ASSERT_TRUE(lower);
    // "<raw>" is matched before normalization, "hello" after it (so "HELLO" matches too).
    auto av = added_vocabulary::build({tok("<RAW>"), tok("hello", false, true)}, *m, lower->get());
    EXPECT_EQ(run(av, "A<RAW>HELLO", lower->get()),
              (std::vector<seg>{{"a", {}}, {"<RAW>", 3}, {"hello", 4}}));
}
