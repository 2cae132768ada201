// File: tests/support/http_client.hpp
// Blocking HTTP/1.1 client for tests (keep-alive connection per object), plus a raw-bytes
// exchange for malformed requests. Includes no Beast in the header.
// Usage:
//   http_client c{port};
//   auto r = c.request("POST", "/sessions", "{}");
//   EXPECT_EQ(r.status, 200);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tito::test {

struct http_result {
    int status = 0;                 // 0: transport failure
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string error;              // transport error text
    std::optional<std::string> header(const std::string& name) const;
    std::size_t header_count(const std::string& name) const;
};

class http_client {
public:
    explicit http_client(std::uint16_t port, std::string host = "127.0.0.1");
    ~http_client();
    http_result request(const std::string& method, const std::string& target, const std::string& body = "",
                        const std::vector<std::pair<std::string, std::string>>& headers = {});

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// Sends raw bytes on a fresh connection and returns everything read until the server closes
// (or 5 s pass).
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

// The session id from a POST /sessions body.
std::string session_id_of(const std::string& body);

}  // namespace tito::test
