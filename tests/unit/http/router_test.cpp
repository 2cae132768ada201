// Tests for http/router.hpp: precedence, parameters, 404 vs 405.
#include <gtest/gtest.h>

#include "http/router.hpp"

namespace tito::http {
namespace {

router make_table() {
    router r;
    auto none = [](request, responder, route_params) {};
    r.add({"GET"}, "/health", none);                                         // 0
    r.add({"POST"}, "/sessions", none);                                      // 1
    r.add({"GET"}, "/sessions/{id}", none);                                  // 2
    r.add({"DELETE"}, "/sessions/{id}", none);                               // 3
    r.add({"POST"}, "/sessions/{id}/v1/chat/completions", none);             // 4
    r.add({"POST"}, "/sessions/{id}/samples", none);                         // 5
    r.add({"GET", "POST", "PUT", "DELETE", "PATCH"}, "/sessions/{id}/{path*}", none);  // 6
    return r;
}

struct outcome {
    match_status status;
    std::size_t index;
    std::string id;
    std::string path;
};

outcome run(const router& r, std::string_view method, std::string_view path) {
    route_params p;
    auto [s, i] = r.match(method, path, p);
    return {s, i, p.get("id"), p.get("path")};
}

TEST(router, spec_route_table_precedence) {
    auto r = make_table();
    EXPECT_EQ(run(r, "GET", "/health").index, 0u);
    EXPECT_EQ(run(r, "POST", "/sessions").index, 1u);
    auto g = run(r, "GET", "/sessions/abc");
    EXPECT_EQ(g.index, 2u);
    EXPECT_EQ(g.id, "abc");
    EXPECT_EQ(run(r, "DELETE", "/sessions/abc").index, 3u);
    EXPECT_EQ(run(r, "POST", "/sessions/abc/v1/chat/completions").index, 4u);
    EXPECT_EQ(run(r, "POST", "/sessions/abc/samples").index, 5u);  // samples before the proxy
}

TEST(router, chat_and_samples_paths_fall_through_to_proxy_for_other_methods) {
    auto r = make_table();
    auto chat_get = run(r, "GET", "/sessions/abc/v1/chat/completions");
    EXPECT_EQ(chat_get.index, 6u);
    EXPECT_EQ(chat_get.path, "v1/chat/completions");
    auto samples_get = run(r, "GET", "/sessions/abc/samples");
    EXPECT_EQ(samples_get.index, 6u);
    EXPECT_EQ(samples_get.path, "samples");
    auto deep = run(r, "DELETE", "/sessions/abc/a/b/c");
    EXPECT_EQ(deep.index, 6u);
    EXPECT_EQ(deep.id, "abc");
    EXPECT_EQ(deep.path, "a/b/c");
}

TEST(router, not_found_versus_method_not_allowed) {
    auto r = make_table();
    EXPECT_EQ(run(r, "GET", "/").status, match_status::not_found);
    EXPECT_EQ(run(r, "GET", "/nope").status, match_status::not_found);
    EXPECT_EQ(run(r, "GET", "/sessions/").status, match_status::not_found);
    EXPECT_EQ(run(r, "GET", "/sessions//x").status, match_status::not_found);  // empty id segment
    EXPECT_EQ(run(r, "GET", "/health/").status, match_status::not_found);
    EXPECT_EQ(run(r, "HEAD", "/health").status, match_status::method_not_allowed);
    EXPECT_EQ(run(r, "POST", "/health").status, match_status::method_not_allowed);
    EXPECT_EQ(run(r, "POST", "/sessions/abc").status, match_status::method_not_allowed);
    EXPECT_EQ(run(r, "GET", "/sessions").status, match_status::method_not_allowed);
    EXPECT_EQ(run(r, "OPTIONS", "/sessions/abc/x").status, match_status::method_not_allowed);
}

TEST(router, path_must_start_with_slash) {
    auto r = make_table();
    EXPECT_EQ(run(r, "GET", "health").status, match_status::not_found);
    EXPECT_EQ(run(r, "GET", "").status, match_status::not_found);
}

}  // namespace
}  // namespace tito::http
