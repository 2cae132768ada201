// File: upstream/request_head.hpp
// The header block of a request to the backend, written as text and sent with the body in one
// gather write (Beast's serializer produces the same bytes but walks its buffer views on every
// write; http/head.hpp has the server's side and the measurement). Host, Connection,
// Content-Length and Transfer-Encoding belong to the client: the caller's fields of those names
// are dropped (any case).
// Usage:
//   std::string head = request_head("POST", "/v1/chat/completions", headers, "127.0.0.1:30000", body.size());
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tito::upstream {

// "POST /path HTTP/1.1\r\n" ... "Host: h\r\nContent-Length: n\r\n\r\n" (HTTP/1.1, keep-alive). An
// empty body has no Content-Length unless the method is POST, PUT or OPTIONS (as Beast frames it).
std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<std::pair<std::string, std::string>>& fields, std::string_view host,
                         std::size_t content_length);

}  // namespace tito::upstream
