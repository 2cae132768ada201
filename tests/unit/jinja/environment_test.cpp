// Tests for jinja/environment.cpp: the public API, context handling, and concurrent rendering of
// one parsed template.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json/parse.hpp>

#include "jinja/environment.hpp"

namespace tito::jinja {
namespace {

TEST(environment, render_with_context) {
    auto t = template_::parse("{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", "chat");
    ASSERT_TRUE(t);
    context ctx;
    ctx.set("messages", *parse_json(R"([{"role": "user", "content": "hi"}])"));
    ctx.set("add_generation_prompt", value::from_bool(true));
    ctx.set("add_generation_prompt", value::from_bool(false));  // replaced, not duplicated
    auto r = (*t)->render(ctx);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, "<user>hi");
    EXPECT_EQ((*t)->name(), "chat");
}

TEST(environment, from_boost_json_keeps_order) {
    boost::json::value j = boost::json::parse(R"({"z": 1, "a": [1.5, "x", null, true]})");
    EXPECT_EQ(to_repr(from_json(j)), "{'z': 1, 'a': [1.5, 'x', None, True]}");
}

TEST(environment, parse_iso_datetime) {
    auto tm = parse_iso_datetime("2025-01-15T09:30:45");
    ASSERT_TRUE(tm);
    EXPECT_EQ(tm->tm_year, 125);
    EXPECT_EQ(tm->tm_wday, 3);
    EXPECT_FALSE(parse_iso_datetime("garbage"));
}

TEST(environment, concurrent_renders_share_one_template) {
    auto t = template_::parse(
        "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{{ m.content|upper }}{% endfor %}{{ ns.n }}", "c");
    ASSERT_TRUE(t);
    std::shared_ptr<const template_> tpl = *t;
    std::vector<std::thread> threads;
    std::atomic<int> bad{0};
    for (int k = 0; k < 4; ++k) {
        threads.emplace_back([&, k] {
            context ctx;
            std::string msgs = "[";
            for (int i = 0; i <= k; ++i) msgs += std::string(i ? "," : "") + R"({"content": "x"})";
            ctx.set("messages", *parse_json(msgs + "]"));
            std::string want = std::string(static_cast<std::size_t>(k + 1), 'X') + std::to_string(k + 1);
            for (int rep = 0; rep < 2000; ++rep) {
                auto r = tpl->render(ctx);
                if (!r || *r != want) ++bad;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace tito::jinja
