// File: unit/chat/tools_test.cpp
// Tool canonicalization against SGLang v0.5.16's Tool/Function model_dump. The expected strings are
// the output of tests/tools/sglang_tool_dump.py (the pydantic models re-declared, pydantic 2.13).
#include "chat/tools.hpp"

#include <gtest/gtest.h>

#include "base/json.hpp"
#include "chat_test_support.hpp"

using namespace tito::chat;
using tito::chat::test::js;

namespace {
std::string canon(std::string_view tools) {
    auto r = canonicalize_tools(js(tools));
    if (!r) return "error: " + r.error().message();
    if (!*r) return "none";
    return tito::json::compact(boost::json::value(**r));
}

// Expected dumps are written for the pinned SGLang (with defer_loading); for an older SGLang the
// defer_loading keys are simply absent.
std::string expect(std::string s) {
    if (sglang_tool_defer_loading) return s;
    for (std::string_view k : {R"(,"defer_loading":null)", R"(,"defer_loading":true)", R"(,"defer_loading":false)"})
        for (std::size_t p; (p = s.find(k)) != std::string::npos;) s.erase(p, k.size());
    return s;
}
}  // namespace

TEST(chat_tools, falsy_is_none) {
    EXPECT_EQ(canon("null"), "none");
    EXPECT_EQ(canon("[]"), "none");
    EXPECT_EQ(canon("{}"), "none");
    EXPECT_EQ(canon("false"), "none");
    EXPECT_EQ(canon("\"\""), "none");
}

TEST(chat_tools, openai_shape_is_reordered_with_defaults) {
    EXPECT_EQ(canon(R"([{"function":{"name":"f","parameters":{"type":"object","properties":{"b":{},"a":{}}},"description":"d"},"type":"function"}])"),
              expect(R"([{"type":"function","function":{"description":"d","name":"f","parameters":{"type":"object","properties":{"b":{},"a":{}}},"strict":false},"defer_loading":null}])"));
}

TEST(chat_tools, missing_fields_get_defaults_and_unknown_keys_drop) {
    EXPECT_EQ(canon(R"([{"function":{"name":"f","extra":1},"x":2}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":false},"defer_loading":null}])"));
}

TEST(chat_tools, bare_function_is_wrapped) {
    EXPECT_EQ(canon(R"([{"name":"g","description":"x","parameters":{}}])"),
              expect(R"([{"type":"function","function":{"description":"x","name":"g","parameters":{},"strict":false},"defer_loading":null}])"));
}

TEST(chat_tools, strict_and_defer_loading) {
    EXPECT_EQ(canon(R"([{"type":"function","function":{"name":"f","strict":true,"defer_loading":false}}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":true,"defer_loading":false},"defer_loading":null}])"));
    // Tool-level defer_loading propagates to the function when the function's is unset.
    EXPECT_EQ(canon(R"([{"type":"function","defer_loading":true,"function":{"name":"f","strict":1}}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":true,"defer_loading":true},"defer_loading":true}])"));
    EXPECT_EQ(canon(R"([{"function":{"name":"f","strict":1.0}}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":true},"defer_loading":null}])"));
    EXPECT_EQ(canon(R"([{"function":{"name":"f","strict":"Off"}}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":false},"defer_loading":null}])"));
    EXPECT_EQ(canon(R"([{"function":{"name":"f","strict":"yes"}}])"),
              expect(R"([{"type":"function","function":{"description":null,"name":"f","parameters":null,"strict":true},"defer_loading":null}])"));
}

TEST(chat_tools, custom_type_string_is_kept) {
    EXPECT_EQ(canon(R"([{"type":"custom","function":{"name":"f"}}])"),
              expect(R"([{"type":"custom","function":{"description":null,"name":"f","parameters":null,"strict":false},"defer_loading":null}])"));
}

TEST(chat_tools, validation_failures) {
    EXPECT_TRUE(canon(R"([{"function":{"description":"no name"}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"function":{"name":1}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"function":{"name":"f","description":3}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"function":{"name":"f","strict":2}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"function":{"name":"f","strict":" true"}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"type":1,"function":{"name":"f"}}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"([{"function":"f"}])").starts_with("error: "));
    EXPECT_TRUE(canon(R"(["f"])").starts_with("error: "));
    EXPECT_TRUE(canon(R"({"a":1})").starts_with("error: "));
    auto r = canonicalize_tools(js(R"([{"function":{}}])"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::template_runtime);
}

TEST(chat_tools, bare_functions_for_the_fallback) {
    auto r = canonicalize_tools(js(R"([{"function":{"name":"f"}}])"));
    ASSERT_TRUE(r && *r);
    EXPECT_EQ(tito::json::compact(boost::json::value(bare_functions(**r))),
              expect(R"([{"description":null,"name":"f","parameters":null,"strict":false}])"));
}
