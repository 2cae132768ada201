// Tests for http/message: the gathered body builder keeps glue text and external ranges in order
// and keeps the owners of external ranges alive.
#include "http/message.hpp"

#include <gtest/gtest.h>

namespace tito::http {
namespace {

std::string joined(const gathered_body& g) {
    std::string out;
    for (auto p : g.parts) out += p;
    return out;
}

TEST(gathered_builder, glue_and_external_ranges_in_order) {
    auto big = std::make_shared<const std::string>(100000, 'x');
    std::weak_ptr<const std::string> watch = big;
    gathered_builder b;
    b.text() += "{\"a\":";
    b.external(*big, big);
    b.text() += ",\"b\":";
    b.external("", nullptr);
    b.text() += "1";
    b.external("[2]", nullptr);
    b.external("[3]", nullptr);
    b.text() += "}";
    big.reset();
    auto r = std::move(b).json_response(200);
    ASSERT_TRUE(r.gathered);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.find_header("content-type").value_or(""), "application/json");
    EXPECT_FALSE(watch.expired());  // the answer keeps the external bytes alive
    const std::string want = "{\"a\":" + std::string(100000, 'x') + ",\"b\":1[2][3]}";
    EXPECT_EQ(joined(*r.gathered), want);
    EXPECT_EQ(r.gathered->size(), want.size());
    r.gathered.reset();
    EXPECT_TRUE(watch.expired());
}

TEST(gathered_builder, only_glue) {
    gathered_builder b;
    b.text() += "{}";
    auto r = std::move(b).json_response(201);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(joined(*r.gathered), "{}");
}

}  // namespace
}  // namespace tito::http
