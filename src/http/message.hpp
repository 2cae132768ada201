// File: http/message.hpp
// Plain HTTP request/response types shared by the server, the router and the api layer.
// No Beast/Asio here: components above http/ see only these structs (STYLE.md 3.6).
// Usage:
//   http::response r = http::json_response(200, R"({"status":"ok"})");
//   if (auto v = req.find_header("x-request-id")) log(*v);
#pragma once

#include <memory>
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

// A body sent as a sequence of byte ranges (one gather write) instead of one string: large
// answers assembled from bytes that already live elsewhere (GET /sessions/{id}: every record's
// stored request and response) go out without being copied into one document. The ranges stay
// valid while `owners` is held, which the connection does until the write ends.
struct gathered_body {
    std::vector<std::string_view> parts;
    std::vector<std::shared_ptr<const void>> owners;
    std::size_t size() const noexcept;
};

struct response {
    int status = 200;
    std::vector<header> headers;  // Content-Length/Server/Date are added by the server
    std::string body;
    std::shared_ptr<const gathered_body> gathered;  // when set, sent instead of `body`
    bool no_body = false;  // 204 and friends: no body, no Content-Type added

    void set_header(std::string name, std::string value);
    std::optional<std::string_view> find_header(std::string_view name) const;
};

// {"error": message} with Content-Type application/json.
response error_response(int status, std::string_view message);
// body as is, Content-Type application/json.
response json_response(int status, std::string body);

// Builds a gathered JSON answer: small glue text is appended to text(), large existing byte
// ranges are referenced with external() (their owner is kept alive with the answer).
// Usage:
//   gathered_builder b;
//   b.text() += "{\"records\":[";
//   b.external(rec->request_json, rec);   // rec: shared_ptr<const record>
//   b.text() += "]}";
//   res.send(std::move(b).json_response(200));
class gathered_builder {
public:
    std::string& text() { return glue_; }
    void external(std::string_view bytes, std::shared_ptr<const void> owner);
    response json_response(int status) &&;

private:
    struct segment {
        bool is_external;
        std::size_t offset, length;  // into glue_ when !is_external
        std::string_view bytes;      // when is_external
    };
    void close_glue();
    std::string glue_;
    std::size_t glue_start_ = 0;
    std::vector<segment> segments_;
    std::vector<std::shared_ptr<const void>> owners_;
};

}  // namespace tito::http
