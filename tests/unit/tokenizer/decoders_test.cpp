// Tests for tokenizer/decoders/*.
#include <gtest/gtest.h>

#include "tokenizer/decoders/decoder.hpp"
#include "unit/tokenizer/json_fixture.hpp"

using namespace tito::tokenizer;
using test::json;
using strings = std::vector<std::string>;

namespace {
strings run(std::string_view spec, strings tokens) {
    auto d = make_decoder(json(spec));
    EXPECT_TRUE(d) << spec;
    if (d && *d) (*d)->decode_chain(tokens);
    return tokens;
}
}  // namespace

TEST(decoders, byte_level) {
    EXPECT_EQ(run(R"({"type":"ByteLevel"})", {"Hello", "Ġworld", "Ċ"}), (strings{"Hello world\n"}));
    // Truncated UTF-8 becomes U+FFFD; a token outside the byte alphabet is kept verbatim.
    EXPECT_EQ(run(R"({"type":"ByteLevel"})", {"Ã", "<|im_end|>"}), (strings{"\xEF\xBF\xBD<|im_end|>"}));
}

TEST(decoders, metaspace) {
    const char* spec = R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true})";
    EXPECT_EQ(run(spec, {"▁Hey", "▁friend"}), (strings{"Hey", " friend"}));
    const char* never = R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"never"})";
    EXPECT_EQ(run(never, {"▁Hey"}), (strings{" Hey"}));
}

TEST(decoders, byte_fallback) {
    EXPECT_EQ(run(R"({"type":"ByteFallback"})", {"a", "<0xC3>", "<0xA9>", "b"}), (strings{"a", "é", "b"}));
    EXPECT_EQ(run(R"({"type":"ByteFallback"})", {"<0xC3>", "x"}), (strings{"\xEF\xBF\xBD", "x"}));
    EXPECT_EQ(run(R"({"type":"ByteFallback"})", {"<0xE4>", "<0xB8>"}), (strings{"\xEF\xBF\xBD", "\xEF\xBF\xBD"}));
}

TEST(decoders, fuse_strip_replace) {
    EXPECT_EQ(run(R"({"type":"Fuse"})", {"a", "b", "c"}), (strings{"abc"}));
    EXPECT_EQ(run(R"({"type":"Strip","content":" ","start":1,"stop":0})", {"  a ", " b"}), (strings{" a ", "b"}));
    EXPECT_EQ(run(R"({"type":"Strip","content":"x","start":0,"stop":2})", {"axxx"}), (strings{"ax"}));
    EXPECT_EQ(run(R"({"type":"Replace","pattern":{"String":"▁"},"content":" "})", {"▁a▁b"}), (strings{" a b"}));
}

TEST(decoders, sequence_llama2_style) {
    const char* spec = R"({"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},
        {"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]})";
    EXPECT_EQ(run(spec, {"▁Hello", "<0x21>", "▁there"}), (strings{"Hello! there"}));
}

TEST(decoders, unknown_type_is_load_error) {
    auto d = make_decoder(json(R"({"type":"CTC"})"));
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message().find("CTC"), std::string::npos);
}
