// Tests for base/error.hpp and base/result.hpp.
#include <gtest/gtest.h>

#include "base/result.hpp"

namespace {

tito::result<int> parse_positive(int v) {
    if (v <= 0) return tito::error{tito::errc::bad_request, "not positive"};
    return v;
}

tito::result<int> doubled(int v) {
    TITO_TRY(int n, parse_positive(v));
    return n * 2;
}

TEST(error, describe_without_location) {
    tito::error e{tito::errc::not_found, "session not found"};
    EXPECT_EQ(e.describe(), "session not found");
    EXPECT_EQ(tito::to_string(e.code()), "not_found");
}

TEST(error, describe_with_location) {
    tito::error e{tito::errc::template_syntax, "unexpected end", {"qwen3.jinja", 3, 14}};
    EXPECT_EQ(e.describe(), "qwen3.jinja:3:14: unexpected end");
}

TEST(result, try_propagates_error_and_value) {
    EXPECT_EQ(doubled(4).value(), 8);
    auto r = doubled(-1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::bad_request);
    EXPECT_THROW((void)r.value(), tito::error_exception);
}

}  // namespace
