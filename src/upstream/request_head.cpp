#include "upstream/request_head.hpp"

#include <boost/beast/core/string.hpp>

#include <fmt/format.h>

namespace tito::upstream {

std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<std::pair<std::string, std::string>>& fields, std::string_view host,
                         std::size_t content_length) {
    std::string out;
    out.reserve(256);
    out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
    for (const auto& [name, value] : fields) {
        bool owned = false;
        for (std::string_view n : {"host", "connection", "content-length", "transfer-encoding"})
            owned = owned || boost::beast::iequals(name, n);
        if (!owned) out.append(name).append(": ").append(value).append("\r\n");
    }
    out.append("Host: ").append(host).append("\r\n");
    if (content_length > 0 || method == "POST" || method == "PUT" || method == "OPTIONS")
        fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", content_length);
    out += "\r\n";
    return out;
}

}  // namespace tito::upstream
