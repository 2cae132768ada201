// File: base/json.cpp
#include "base/json.hpp"

#include <fmt/format.h>

#include <cmath>

namespace tito::json {

void append_python_float(std::string& out, double d) {
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
        return;
    }
    const auto start = out.size();
    fmt::format_to(std::back_inserter(out), "{}", d);
    // fmt's shortest form matches Python's repr except that integral values lack ".0".
    if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void append_compact(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: out += "null"; break;
        case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case boost::json::kind::int64: fmt::format_to(std::back_inserter(out), "{}", v.get_int64()); break;
        case boost::json::kind::uint64: fmt::format_to(std::back_inserter(out), "{}", v.get_uint64()); break;
        case boost::json::kind::double_: append_python_float(out, v.get_double()); break;
        case boost::json::kind::string: append_quoted(out, v.get_string()); break;
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                append_compact(out, e);
            }
            out += ']';
            break;
        }
        case boost::json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : v.get_object()) {
                if (!first) out += ',';
                first = false;
                append_quoted(out, kv.key());
                out += ':';
                append_compact(out, kv.value());
            }
            out += '}';
            break;
        }
    }
}

std::string compact(const boost::json::value& v) {
    std::string out;
    out.reserve(256);
    append_compact(out, v);
    return out;
}

}  // namespace tito::json
