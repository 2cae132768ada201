// File: http/message.hpp
// Plain HTTP request/response types shared by the server, the router and the api layer.
// No Beast/Asio here: components above http/ see only these structs (STYLE.md 3.6).
// Usage:
//   http::response r = http::json_response(200, R"({"status":"ok"})");
//   if (auto v = req.find_header("x-request-id")) log(*v);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tito::http {

struct header {
    std::string name;   // as received/sent; compare case-insensitively
    std::string value;
};

bool iequals(std::string_view a, std::string_view b) noexcept;

struct request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // raw request target, e.g. "/sessions/ab/v1/models?x=1"
    std::string path;    // target before '?'
    std::string query;   // target after '?', without it ("" when absent)
    std::vector<header> headers;
    std::string body;
    unsigned version = 11;  // 10 or 11
    bool keep_alive = true;

    // First header with this name (case-insensitive).
    std::optional<std::string_view> find_header(std::string_view name) const;
};

struct response {
    int status = 200;
    std::vector<header> headers;  // Content-Length/Server/Date are added by the server
    std::string body;
    bool no_body = false;  // 204 and friends: no body, no Content-Type added

    void set_header(std::string name, std::string value);
    std::optional<std::string_view> find_header(std::string_view name) const;
};

// {"error": message} with Content-Type application/json.
response error_response(int status, std::string_view message);
// body as is, Content-Type application/json.
response json_response(int status, std::string body);

}  // namespace tito::http
