// File: app/tito_server/worker_probe.hpp
// How the supervisor learns about a worker: the port from the worker's start-up line on stdout,
// and the live session count from its `GET /metrics` (gauge `tito_sessions_live`) with a small
// blocking loopback client (no Asio in the supervisor: it is a single-threaded poll loop).
// Usage:
//   auto port = listening_port("tito-server listening on http://127.0.0.1:8001 backend=...");
//   auto live = fetch_sessions_live("127.0.0.1", 8001, std::chrono::milliseconds{200});
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tito::app {

// The marker a single server prints once it accepts connections.
inline constexpr std::string_view listening_marker = "listening on http://";

// The port in a `... listening on http://HOST:PORT ...` line; nullopt for any other line.
std::optional<std::uint16_t> listening_port(std::string_view line);

// The value of the `tito_sessions_live` sample in a Prometheus text body.
std::optional<std::int64_t> sessions_live_in(std::string_view metrics_text);

// The address to connect to for a server bound to `bind_host` (wildcards become loopback).
std::string probe_host(const std::string& bind_host);

// GET http://host:port/metrics on a fresh connection; nullopt on any failure or timeout.
std::optional<std::int64_t> fetch_sessions_live(const std::string& host, std::uint16_t port,
                                                std::chrono::milliseconds timeout);

}  // namespace tito::app
