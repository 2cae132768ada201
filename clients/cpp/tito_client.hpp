// File: clients/cpp/tito_client.hpp
// The per-session pick for C++ callers of tito-server workers: header-only, standard library
// only, no HTTP (bring your own client). A session exists only in the server process that
// created it, so a caller picks one server URL uniformly at random per new session (as miles'
// OpenAIEndpointTracer does) and sends every request of that session to it; these helpers build
// those URLs.
// Usage:
//   tito::client::server_pool pool = tito::client::server_pool::from_port_range("10.0.0.5", 8000, 8004);
//   const std::string server = pool.pick();                  // once per session
//   POST  tito::client::create_url(server)  body "{}"        // -> {"session_id":"<32 hex>"}
//   auto id = tito::client::session_id_from_reply(reply_body).value();
//   POST  tito::client::chat_completions_url(server, *id)    // each turn; or an OpenAI client
//         with base_url = tito::client::openai_base_url(server, id)
//   GET / DELETE  tito::client::session_url(server, id)
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tito::client {

namespace detail {
inline std::string strip_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}
inline std::string host_part(const std::string& host) {
    const bool bare_v6 = host.find(':') != std::string::npos && host.front() != '[';
    return bare_v6 ? "[" + host + "]" : host;
}
}  // namespace detail

// Base URLs of independent session servers ("http://host:port", no trailing slash).
// Thread safety: pick() advances the generator; guard a shared pool or keep one per thread.
class server_pool {
public:
    explicit server_pool(std::vector<std::string> urls, std::uint64_t seed = std::random_device{}())
        : urls_(std::move(urls)), rng_(seed) {
        if (urls_.empty()) throw std::invalid_argument("server_pool needs at least one URL");
        for (auto& u : urls_) u = detail::strip_slash(std::move(u));
    }

    // One URL per port: `tito-server --ports a,b,c` or miles' `--session-server-port P`.
    static server_pool from_ports(const std::string& host, const std::vector<std::uint16_t>& ports,
                                  std::uint64_t seed = std::random_device{}()) {
        std::vector<std::string> urls;
        for (auto p : ports) urls.push_back("http://" + detail::host_part(host) + ":" + std::to_string(p));
        return server_pool(std::move(urls), seed);
    }

    // The half-open range [start, end): miles' `--session-server-port START END`, or
    // `tito-server --port START --workers (END-START)`.
    static server_pool from_port_range(const std::string& host, std::uint16_t start, std::uint32_t end,
                                       std::uint64_t seed = std::random_device{}()) {
        if (start >= end || end > 65536) throw std::invalid_argument("empty or invalid port range");
        std::vector<std::uint16_t> ports;
        for (std::uint32_t p = start; p < end; ++p) ports.push_back(static_cast<std::uint16_t>(p));
        return from_ports(host, ports, seed);
    }

    // A uniformly random server for a new session.
    const std::string& pick() {
        std::uniform_int_distribution<std::size_t> d(0, urls_.size() - 1);
        return urls_[d(rng_)];
    }

    const std::vector<std::string>& urls() const { return urls_; }

private:
    std::vector<std::string> urls_;
    std::mt19937_64 rng_;
};

// GET: {"status":"ok","session_server_instance_id":...}
inline std::string health_url(std::string_view server) { return std::string(server) + "/health"; }
// POST with body "{}": {"session_id":"<32 hex>"}
inline std::string create_url(std::string_view server) { return std::string(server) + "/sessions"; }
// GET (records + metadata) and DELETE (204). Also what miles hands agents as `base_url`.
inline std::string session_url(std::string_view server, std::string_view id) {
    return std::string(server) + "/sessions/" + std::string(id);
}
// For an OpenAI client's base_url: the SDK appends /chat/completions.
inline std::string openai_base_url(std::string_view server, std::string_view id) { return session_url(server, id) + "/v1"; }
// POST one chat turn (full history each time).
inline std::string chat_completions_url(std::string_view server, std::string_view id) {
    return openai_base_url(server, id) + "/chat/completions";
}
// POST {"max_seq_len": N|null}: the session's samples.
inline std::string samples_url(std::string_view server, std::string_view id) { return session_url(server, id) + "/samples"; }

// The id from a POST /sessions reply; nullopt if the body has no string "session_id". Ids are
// hex, so no JSON unescaping is needed; a value with an escape is rejected.
inline std::optional<std::string> session_id_from_reply(std::string_view body) {
    constexpr std::string_view key = "\"session_id\"";
    auto at = body.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    at = body.find_first_not_of(" \t\r\n", at + key.size());
    if (at == std::string_view::npos || body[at] != ':') return std::nullopt;
    at = body.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string_view::npos || body[at] != '"') return std::nullopt;
    const auto end = body.find('"', at + 1);
    if (end == std::string_view::npos) return std::nullopt;
    auto id = body.substr(at + 1, end - at - 1);
    if (id.empty() || id.find('\\') != std::string_view::npos) return std::nullopt;
    return std::string(id);
}

}  // namespace tito::client
