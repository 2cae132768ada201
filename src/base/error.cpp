// File: base/error.cpp
#include "base/error.hpp"

#include <fmt/format.h>

namespace tito {

std::string_view to_string(errc e) noexcept {
    switch (e) {
        case errc::bad_request: return "bad_request";
        case errc::not_found: return "not_found";
        case errc::method_not_allowed: return "method_not_allowed";
        case errc::conflict: return "conflict";
        case errc::session_closed: return "session_closed";
        case errc::payload_too_large: return "payload_too_large";
        case errc::internal: return "internal";
        case errc::not_implemented: return "not_implemented";
        case errc::upstream_transport: return "upstream_transport";
        case errc::upstream_response: return "upstream_response";
        case errc::template_syntax: return "template_syntax";
        case errc::template_runtime: return "template_runtime";
        case errc::tokenizer_load: return "tokenizer_load";
        case errc::config: return "config";
        case errc::io: return "io";
    }
    return "unknown";
}

std::string error::describe() const {
    if (!has_where_) return message_;
    return fmt::format("{}:{}:{}: {}", where_.name, where_.line, where_.column, message_);
}

}  // namespace tito
