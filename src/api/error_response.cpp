// File: api/error_response.cpp
#include "api/error_response.hpp"

namespace tito::api {

int http_status(errc code) noexcept {
    switch (code) {
        case errc::bad_request: return 400;
        case errc::not_found: return 404;
        case errc::method_not_allowed: return 405;
        case errc::conflict: return 409;
        case errc::session_closed: return 410;
        case errc::payload_too_large: return 413;
        case errc::internal: return 500;
        case errc::not_implemented: return 501;
        case errc::upstream_transport: return 502;
        case errc::upstream_response: return 502;
        case errc::template_syntax: return 500;
        case errc::template_runtime: return 500;
        case errc::tokenizer_load: return 500;
        case errc::config: return 500;
        case errc::io: return 500;
    }
    return 500;
}

http::response to_response(const error& e) { return http::error_response(http_status(e.code()), e.describe()); }

}  // namespace tito::api
