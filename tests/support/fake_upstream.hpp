// File: tests/support/fake_upstream.hpp
// An in-process upstream on 127.0.0.1 (real HTTP over loopback) whose answers a test scripts,
// recording every request it receives.
// Usage:
//   fake_upstream up{[](const http::request&) { return http::json_response(200, "{}"); }};
//   start_server({"--backend-url", up.url()});
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "net/runtime.hpp"

namespace tito::test {

class fake_upstream {
public:
    using script = std::function<http::response(const http::request&)>;
    // Asynchronous script: answer whenever (e.g. after a delay via runtime().post_after).
    using async_script = std::function<void(const http::request&, http::responder)>;
    explicit fake_upstream(script s);
    explicit fake_upstream(async_script s);
    net::runtime& runtime() { return rt_; }
    ~fake_upstream();
    std::string url() const;
    std::uint16_t port() const { return server_->port(); }
    std::vector<http::request> received() const;

private:
    void start(async_script s);
    script script_;
    net::runtime rt_{1};
    std::unique_ptr<http::server> server_;
    mutable std::mutex mu_;
    std::vector<http::request> received_;
};

}  // namespace tito::test
