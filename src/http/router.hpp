// File: http/router.hpp
// Ordered route table: first match wins (spec 2.1). Patterns are '/'-separated segments:
// literals, "{name}" (exactly one non-empty segment) and a final "{name*}" (the non-empty rest,
// may contain '/'). A path that matches some pattern but none with the request's method is a
// 405; no pattern at all is a 404. Both answer JSON.
// Usage:
//   router r;
//   r.add({"GET"}, "/sessions/{id}", [](request q, responder s, route_params p) { ... p.get("id") ... });
//   r.dispatch(std::move(req), res);
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"
#include "http/server.hpp"

namespace tito::http {

class route_params {
public:
    void set(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
    // "" when absent.
    const std::string& get(std::string_view name) const;

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

using route_handler = std::function<void(request, responder, route_params)>;

enum class match_status { matched, not_found, method_not_allowed };

// Thread safety: build with add() before serving; match()/dispatch() are const and thread-safe.
class router {
public:
    // `label` names the route in metrics (a string literal).
    void add(std::vector<std::string> methods, std::string_view pattern, route_handler h, const char* label = nullptr);
    // Index of the matching route (or not_found / method_not_allowed) and its parameters.
    std::pair<match_status, std::size_t> match(std::string_view method, std::string_view path,
                                               route_params& params) const;
    void dispatch(request req, responder res) const;

private:
    struct segment {
        enum class kind { literal, param, rest } k;
        std::string text;  // literal text or parameter name
    };
    struct route {
        std::vector<std::string> methods;
        std::vector<segment> segments;
        route_handler handler;
        const char* label = nullptr;
    };
    static bool match_segments(const route& r, std::string_view path, route_params& params);
    std::vector<route> routes_;
};

}  // namespace tito::http
