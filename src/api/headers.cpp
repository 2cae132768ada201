// File: api/headers.cpp
#include "api/headers.hpp"

#include <array>

namespace tito::api {

namespace {
bool is_hop_by_hop(std::string_view name) {
    static constexpr std::array<std::string_view, 8> hop = {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "te", "trailer", "upgrade"};
    for (auto h : hop)
        if (http::iequals(name, h)) return true;
    return false;
}
}  // namespace

upstream::header_list upstream_request_headers(const http::request& req, std::string_view session_id) {
    upstream::header_list out;
    out.reserve(req.headers.size() + 1);
    for (const auto& h : req.headers) {
        if (http::iequals(h.name, "content-length") || http::iequals(h.name, "transfer-encoding") ||
            http::iequals(h.name, "host") || http::iequals(h.name, "accept-encoding") ||
            http::iequals(h.name, routing_key_header) || http::iequals(h.name, "expect") || is_hop_by_hop(h.name))
            continue;
        out.emplace_back(h.name, h.value);
    }
    out.emplace_back(std::string(routing_key_header), std::string(session_id));
    return out;
}

void copy_response_headers(const upstream::header_list& from, http::response& to) {
    for (const auto& [name, value] : from) {
        if (http::iequals(name, "content-length") || http::iequals(name, "transfer-encoding") ||
            http::iequals(name, "content-encoding") || http::iequals(name, "server") || http::iequals(name, "date") ||
            is_hop_by_hop(name))
            continue;
        to.headers.push_back({name, value});
    }
}

}  // namespace tito::api
