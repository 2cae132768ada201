// File: http/router.cpp
#include "http/router.hpp"

#include "base/assert.hpp"

namespace tito::http {

namespace {
const std::string empty_string;

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}
}  // namespace

const std::string& route_params::get(std::string_view name) const {
    for (const auto& [k, v] : items_)
        if (k == name) return v;
    return empty_string;
}

void router::add(std::vector<std::string> methods, std::string_view pattern, route_handler h, const char* label) {
    route r{std::move(methods), {}, std::move(h), label};
    for (auto part : split_path(pattern)) {
        if (part.size() >= 3 && part.front() == '{' && part.substr(part.size() - 2) == "*}") {
            r.segments.push_back({segment::kind::rest, std::string(part.substr(1, part.size() - 3))});
        } else if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
            r.segments.push_back({segment::kind::param, std::string(part.substr(1, part.size() - 2))});
        } else {
            r.segments.push_back({segment::kind::literal, std::string(part)});
        }
    }
    for (std::size_t i = 0; i + 1 < r.segments.size(); ++i) TITO_CHECK(r.segments[i].k != segment::kind::rest);
    routes_.push_back(std::move(r));
}

bool router::match_segments(const route& r, std::string_view path, route_params& params) {
    if (path.empty() || path.front() != '/') return false;
    std::string_view rest = path.substr(1);
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
        const auto& seg = r.segments[i];
        if (seg.k == segment::kind::rest) {
            if (rest.empty()) return false;
            params.set(seg.text, std::string(rest));
            return true;
        }
        const auto slash = rest.find('/');
        const bool last_pattern = i + 1 == r.segments.size();
        std::string_view part = rest.substr(0, slash);
        if (last_pattern && slash != std::string_view::npos) return false;
        if (!last_pattern && slash == std::string_view::npos) return false;
        if (seg.k == segment::kind::literal) {
            if (part != seg.text) return false;
        } else {
            if (part.empty()) return false;
            params.set(seg.text, std::string(part));
        }
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    }
    return true;
}

std::pair<match_status, std::size_t> router::match(std::string_view method, std::string_view path,
                                                   route_params& params) const {
    bool path_seen = false;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        route_params p;
        if (!match_segments(routes_[i], path, p)) continue;
        path_seen = true;
        for (const auto& m : routes_[i].methods) {
            if (m == method) {
                params = std::move(p);
                return {match_status::matched, i};
            }
        }
    }
    return {path_seen ? match_status::method_not_allowed : match_status::not_found, 0};
}

void router::dispatch(request req, responder res) const {
    route_params params;
    auto [status, index] = match(req.method, req.path, params);
    if (status == match_status::not_found) {
        res.set_route("not_found");
        res.send(error_response(404, "not found: " + req.method + " " + req.path));
        return;
    }
    if (status == match_status::method_not_allowed) {
        res.set_route("method_not_allowed");
        res.send(error_response(405, "method not allowed: " + req.method + " " + req.path));
        return;
    }
    if (routes_[index].label) res.set_route(routes_[index].label);
    routes_[index].handler(std::move(req), std::move(res), std::move(params));
}

}  // namespace tito::http
