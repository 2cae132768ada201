// File: app/tito_server/config.hpp
// tito-server's flags (CLI11) and their validation.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <thread>

#include "api/service.hpp"
#include "backend/stub/stub_backend.hpp"
#include "chat/family.hpp"
#include "http/server.hpp"

namespace tito::app {

struct server_options {
    http::server_config http;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    unsigned cpu_threads = std::max(1u, std::thread::hardware_concurrency());
    std::string backend_url;
    double upstream_timeout_s = 600;
    std::size_t max_upstream_connections = 1024;
    double drain_timeout_s = 30;
    api::service_config api;
    chat::family_config family;
    std::string kwargs_json;            // --apply-chat-template-kwargs
    std::string matcher = "strict";
    std::string pause_generation_mode;  // "in_place" => addition R3
    int lora_rank = 0;
    std::string lora_adapter_path;
    backend::stub_config stub;
    std::string log_format = "text";  // text (key=value) or json
    std::string log_level = "info";   // info | warn | error | off
    double stats_interval_s = 30;
};

void add_server_options(CLI::App& app, server_options& o);
// Derived settings and cross-flag checks (errc::config).
result<void> finish_server_options(server_options& o);

}  // namespace tito::app
