// File: tests/unit/jinja/render_util.hpp
// Test helper: render a template string with a JSON context; errors come back as "ERR <describe>".
// Usage:
//   EXPECT_EQ(render("{{ x + 1 }}", R"({"x": 1})"), "2");
#pragma once

#include <string>
#include <string_view>

#include "jinja/environment.hpp"

namespace tito::jinja::test {

inline std::string render(std::string_view src, std::string_view ctx_json = "{}") {
    auto t = template_::parse(std::string(src), "t");
    if (!t) return "ERR " + t.error().describe();
    context ctx;
    auto v = parse_json(ctx_json);
    if (!v) return "BAD CONTEXT JSON";
    for (const auto& [k, x] : v->dict().items) ctx.set(k.str(), x);
    ctx.options.now = parse_iso_datetime("2025-01-15T09:30:45");
    auto r = (*t)->render(ctx);
    if (!r) return "ERR " + r.error().describe();
    return *r;
}

// True if rendering fails (parse or runtime) and the message contains `needle`.
inline bool fails_with(std::string_view src, std::string_view needle, std::string_view ctx_json = "{}") {
    std::string r = render(src, ctx_json);
    return r.rfind("ERR ", 0) == 0 && r.find(needle) != std::string::npos;
}

}  // namespace tito::jinja::test
