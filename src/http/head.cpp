#include "http/head.hpp"

#include <boost/beast/http/status.hpp>

#include <fmt/format.h>

namespace tito::http {

namespace {

bool owned(std::string_view name, std::initializer_list<std::string_view> names) {
    for (auto n : names)
        if (iequals(name, n)) return true;
    return false;
}

void field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string response_head(const response_framing& f, const std::vector<header>& fields, std::string_view server,
                          std::string_view date) {
    std::string out;
    out.reserve(256);
    const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(f.status));
    fmt::format_to(std::back_inserter(out), "HTTP/{}.{} {} ", f.version / 10, f.version % 10, f.status);
    out.append(reason.data(), reason.size()).append("\r\n");
    for (const auto& h : fields)
        if (!owned(h.name, {"server", "date", "connection", "content-length", "transfer-encoding"}))
            field(out, h.name, h.value);
    field(out, "Server", server);
    field(out, "Date", date);
    if (f.version >= 11 && !f.keep_alive) field(out, "Connection", "close");
    if (f.version < 11 && f.keep_alive) field(out, "Connection", "keep-alive");
    if (f.content_length) fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", *f.content_length);
    out += "\r\n";
    return out;
}

}  // namespace tito::http
