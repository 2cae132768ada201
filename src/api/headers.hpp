// File: api/headers.hpp
// Header rules of spec 2.9, as pure functions (unit-tested in tests/unit/api/headers_test.cpp).
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"
#include "upstream/client.hpp"

namespace tito::api {

inline constexpr std::string_view routing_key_header = "X-SMG-Routing-Key";

// Client request headers -> upstream: drop framing (content-length, transfer-encoding), host,
// hop-by-hop headers, accept-encoding (we do not decompress) and any client routing key; add
// X-SMG-Routing-Key: <session_id>.
upstream::header_list upstream_request_headers(const http::request& req, std::string_view session_id);

// Upstream response headers -> client: drop content-length, transfer-encoding,
// content-encoding, server, date and hop-by-hop headers (our server adds its own).
void copy_response_headers(const upstream::header_list& from, http::response& to);

}  // namespace tito::api
