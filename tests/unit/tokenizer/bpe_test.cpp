// Tests for tokenizer/models/bpe*: merges by rank, byte_fallback, unk/fuse_unk, ignore_merges,
// continuing_subword_prefix / end_of_word_suffix, merge formats.
#include <gtest/gtest.h>

#include "tokenizer/models/bpe.hpp"
#include "tokenizer/models/model.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;
using ids = std::vector<token_id>;

namespace {
ids run(const model& m, std::string_view word) {
    ids out;
    m.tokenize(word, false, out);
    return out;
}
model_ptr make(std::string_view spec) {
    auto m = make_model(json(spec));
    EXPECT_TRUE(m) << (m ? "" : m.error().message());
    return m ? std::move(*m) : nullptr;
}
}  // namespace

TEST(bpe, merges_apply_by_rank_leftmost_first) {
    // "a a a": merge (a,a) has rank 0; leftmost pair wins -> "aa" + "a".
    auto m = make(R"({"type":"BPE","vocab":{"a":0,"b":1,"aa":2,"ab":3,"aab":4},
                     "merges":["a a","a b","aa b"]})");
    EXPECT_EQ(run(*m, "aaa"), (ids{2, 0}));
    EXPECT_EQ(run(*m, "aab"), (ids{4}));  // (a,a) rank 0 before (a,b) rank 1, then (aa,b)
    EXPECT_EQ(run(*m, "ab"), (ids{3}));
    EXPECT_EQ(run(*m, "ab"), (ids{3}));  // second call served by the cache
}

TEST(bpe, deferred_byte_level_mapping) {
    // " hi" as raw bytes is "Ġhi" in byte-level characters.
    auto m = make(R"({"type":"BPE","vocab":{"Ġ":0,"h":1,"i":2,"Ġh":3,"Ġhi":4},"merges":["Ġ h","Ġh i"]})");
    ids out;
    m->tokenize(" hi", true, out);
    EXPECT_EQ(out, (ids{4}));
    out.clear();
    m->tokenize(" hi", true, out);  // cached under the raw bytes
    EXPECT_EQ(out, (ids{4}));
    EXPECT_EQ(run(*m, "Ġhi"), (ids{4}));
}

TEST(bpe, metaspace_boundaries_split_only_where_no_token_spans) {
    // "a▁b" is a token, so a word is never split between "a" and "▁"; "c" has no such token.
    auto m = make(R"({"type":"BPE","vocab":{"▁":0,"a":1,"b":2,"c":3,"▁b":4,"a▁b":5,"c▁b":6},
                     "merges":["▁ b","a ▁b"]})");
    EXPECT_EQ(run(*m, "a▁b"), (ids{5}));
    EXPECT_EQ(run(*m, "c▁b"), (ids{3, 4}));  // no merge (c, ▁b): same as without splitting
    EXPECT_EQ(run(*m, "a▁bc▁ba▁b"), (ids{5, 3, 4, 5}));
}

TEST(bpe, tuple_merges_and_ignore_merges) {
    auto m = make(R"({"type":"BPE","ignore_merges":true,"vocab":{"h":0,"e":1,"he":2,"hehe":3},
                     "merges":[["h","e"]]})");
    EXPECT_EQ(run(*m, "hehe"), (ids{3}));  // whole word in vocab: no merging
    EXPECT_EQ(run(*m, "heh"), (ids{2, 0}));
}

TEST(bpe, byte_fallback_and_unk) {
    auto m = make(R"({"type":"BPE","unk_token":"<unk>","byte_fallback":true,"fuse_unk":true,
                     "vocab":{"<unk>":0,"<0xC3>":1,"<0xA9>":2,"a":3},"merges":[]})");
    EXPECT_EQ(run(*m, "a\xC3\xA9"), (ids{3, 1, 2}));  // é has no token: its bytes
    auto u = make(R"({"type":"BPE","unk_token":"<unk>","fuse_unk":true,"vocab":{"<unk>":0,"a":1},"merges":[]})");
    EXPECT_EQ(run(*u, "xya"), (ids{0, 1}));  // unknown x, y fused into one <unk>
    auto nf = make(R"({"type":"BPE","unk_token":"<unk>","fuse_unk":false,"vocab":{"<unk>":0,"a":1},"merges":[]})");
    EXPECT_EQ(run(*nf, "xya"), (ids{0, 0, 1}));
}

TEST(bpe, subword_prefix_and_suffix) {
    auto m = make(R"({"type":"BPE","continuing_subword_prefix":"##","end_of_word_suffix":"</w>",
                     "vocab":{"a":0,"##b":1,"##c</w>":2,"a##b":3,"ab":4,"##b##c</w>":5,"##bc</w>":6},
                     "merges":["a ##b","##b ##c</w>"]})");
    // "a ##b" merges to "ab" (prefix stripped from the right part), "##b ##c</w>" to "##bc</w>".
    EXPECT_EQ(run(*m, "abc"), (ids{4, 2}));
}

TEST(bpe, load_errors) {
    EXPECT_FALSE(make_model(json(R"({"type":"BPE","vocab":{"a":0},"merges":["a b"]})")));
    EXPECT_FALSE(make_model(json(R"({"type":"BPE","dropout":0.1,"vocab":{},"merges":[]})")));
    auto w = make_model(json(R"({"type":"WordPiece","vocab":{}})"));
    ASSERT_FALSE(w);
    EXPECT_NE(w.error().message().find("WordPiece"), std::string::npos);
}
