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

std::size_t gathered_body::size() const noexcept {
    std::size_t n = 0;
    for (auto p : parts) n += p.size();
    return n;
}

void gathered_builder::close_glue() {
    if (glue_.size() > glue_start_) segments_.push_back({false, glue_start_, glue_.size() - glue_start_, {}});
    glue_start_ = glue_.size();
}

void gathered_builder::external(std::string_view bytes, std::shared_ptr<const void> owner) {
    close_glue();
    segments_.push_back({true, 0, 0, bytes});
    owners_.push_back(std::move(owner));
}

response gathered_builder::json_response(int status) && {
    close_glue();
    auto glue = std::make_shared<const std::string>(std::move(glue_));
    auto g = std::make_shared<gathered_body>();
    g->parts.reserve(segments_.size());
    for (const auto& s : segments_)
        g->parts.push_back(s.is_external ? s.bytes : std::string_view(*glue).substr(s.offset, s.length));
    g->owners = std::move(owners_);
    g->owners.push_back(std::move(glue));
    response r;
    r.status = status;
    r.headers.push_back({"Content-Type", "application/json"});
    r.gathered = std::move(g);
    return r;
}

}  // namespace tito::http
