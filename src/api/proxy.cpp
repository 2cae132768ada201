// File: api/proxy.cpp
// Transparent proxy /sessions/{id}/{path} (spec 2.8): forward verbatim to {backend}/{path}?{query}
// with the routing key; JSON answers are re-emitted compactly, anything else passes through.
// No session lookup and no session state.

#include "api/error_response.hpp"
#include "api/headers.hpp"
#include "api/service.hpp"
#include "base/json.hpp"
#include "base/json_parse.hpp"

namespace tito::api {

// Builds the client response from an upstream answer (shared by proxy and chat passthrough).
http::response passthrough_response(upstream::response&& up) {
    http::response r;
    r.status = up.status;
    copy_response_headers(up.headers, r);
    boost::system::error_code ec;
    auto parsed = json::parse_exact(up.body, ec);
    if (!ec) {
        r.body = json::compact(parsed);
        if (!r.find_header("content-type")) r.headers.push_back({"Content-Type", "application/json"});
    } else {
        r.body = std::move(up.body);
    }
    return r;
}

http::response transport_error_response(const error& e) {
    return http::error_response(502, "backend transport error: " + e.message());
}

void handle_proxy(const context& ctx, http::request req, http::responder res, const std::string& id,
                  const std::string& path) {
    upstream::request up;
    up.method = req.method;
    up.path_and_query = "/" + path;
    if (!req.query.empty()) up.path_and_query += "?" + req.query;
    up.headers = upstream_request_headers(req, id);
    up.body = std::move(req.body);
    ctx.backend.send(std::move(up), [res](result<upstream::response> r) {
        if (!r) return res.send(transport_error_response(r.error()));
        res.send(passthrough_response(std::move(*r)));
    });
}

}  // namespace tito::api
