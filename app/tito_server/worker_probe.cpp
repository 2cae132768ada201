// File: app/tito_server/worker_probe.cpp
#include "tito_server/worker_probe.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

namespace tito::app {

std::optional<std::uint16_t> listening_port(std::string_view line) {
    const auto at = line.find(listening_marker);
    if (at == std::string_view::npos) return std::nullopt;
    auto url = line.substr(at + listening_marker.size());
    url = url.substr(0, url.find_first_of(" \t\r/"));
    const auto colon = url.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto digits = url.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty() || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

std::optional<std::int64_t> sessions_live_in(std::string_view text) {
    constexpr std::string_view name = "tito_sessions_live";
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        const auto line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.size() <= name.size() || line.substr(0, name.size()) != name) continue;
        const char next = line[name.size()];
        if (next != ' ' && next != '{') continue;  // another metric sharing the prefix
        auto value = line.substr(line.find(' ', name.size()) + 1);
        double v = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc{} || end == value.data() || !std::isfinite(v) || v < 0) return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    return std::nullopt;
}

std::string probe_host(const std::string& bind_host) {
    if (bind_host.empty() || bind_host == "0.0.0.0") return "127.0.0.1";
    if (bind_host == "::" || bind_host == "[::]") return "::1";
    if (bind_host.size() > 2 && bind_host.front() == '[' && bind_host.back() == ']')
        return bind_host.substr(1, bind_host.size() - 2);
    return bind_host;
}

namespace {

using clock = std::chrono::steady_clock;

int ms_left(clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

// A non-blocking connected socket, or -1.
int connect_by(const std::string& host, std::uint16_t port, clock::time_point deadline) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) return -1;
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
        pollfd p{fd, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (errno != EINPROGRESS || poll(&p, 1, ms_left(deadline)) != 1 ||
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    return fd;
}

bool send_all(int fd, std::string_view data, clock::time_point deadline) {
    while (!data.empty()) {
        const auto n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
        pollfd p{fd, POLLOUT, 0};
        if (poll(&p, 1, ms_left(deadline)) != 1) return false;
    }
    return true;
}

// Reads until the peer closes (the request asks for `Connection: close`).
std::optional<std::string> read_all(int fd, clock::time_point deadline) {
    std::string out;
    char buf[4096];
    for (;;) {
        const auto n = recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            out.append(buf, static_cast<std::size_t>(n));
            if (out.size() > (1u << 22)) return std::nullopt;
            continue;
        }
        if (n == 0) return out;
        if (errno != EAGAIN && errno != EINTR) return std::nullopt;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, ms_left(deadline)) != 1) return std::nullopt;
    }
}

}  // namespace

std::optional<std::int64_t> fetch_sessions_live(const std::string& host, std::uint16_t port,
                                                std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    const int fd = connect_by(host, port, deadline);
    if (fd < 0) return std::nullopt;
    const std::string req = "GET /metrics HTTP/1.1\r\nHost: supervisor\r\nConnection: close\r\n\r\n";
    std::optional<std::string> reply;
    if (send_all(fd, req, deadline)) reply = read_all(fd, deadline);
    close(fd);
    if (!reply || reply->rfind("HTTP/1.1 200", 0) != 0) return std::nullopt;
    const auto body_at = reply->find("\r\n\r\n");
    if (body_at == std::string::npos) return std::nullopt;
    return sessions_live_in(std::string_view(*reply).substr(body_at + 4));
}

}  // namespace tito::app
