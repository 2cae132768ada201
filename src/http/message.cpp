// File: http/message.cpp
#include "http/message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace tito::http {

namespace {
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::optional<std::string_view> request::find_header(std::string_view name) const {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return std::string_view{h.value};
    return std::nullopt;
}

void response::set_header(std::string name, std::string value) {
    for (auto& h : headers) {
        if (iequals(h.name, name)) {
            h.value = std::move(value);
            return;
        }
    }
    headers.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> response::find_header(std::string_view name) const {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return std::string_view{h.value};
    return std::nullopt;
}

response json_response(int status, std::string body) {
    response r;
    r.status = status;
    r.headers.push_back({"Content-Type", "application/json"});
    r.body = std::move(body);
    return r;
}

response error_response(int status, std::string_view message) {
    std::string body = "{\"error\":";
    body += boost::json::serialize(boost::json::string(message));
    body += '}';
    return json_response(status, std::move(body));
}

}  // namespace tito::http
