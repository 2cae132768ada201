// File: jinja/tojson.cpp
// Python json.dumps(obj, ensure_ascii, indent, separators, sort_keys) as transformers installs it
// as the `tojson` filter: no HTML escaping, floats as float.__repr__, NaN/Infinity literals,
// non-string keys converted like Python (True -> "true", 1 -> "1", None -> "null").
#include <algorithm>
#include <charconv>
#include <cmath>

#include "jinja/builtins.hpp"
#include "base/json.hpp"
#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

void dump_string(std::string& out, std::string_view s, bool ensure_ascii) {
    if (!ensure_ascii) return json::append_quoted(out, s);  // same escapes as every server reply
    // ensure_ascii: everything outside ' '..'~' is escaped, non-BMP as a surrogate pair.
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        // Bulk-copy the run of characters that need no escaping.
        std::size_t run = i;
        while (run < s.size()) {
            unsigned char b = static_cast<unsigned char>(s[run]);
            if (b < 0x20 || b == '"' || b == '\\' || b >= 0x7F) break;
            ++run;
        }
        if (run > i) {
            out.append(s.data() + i, run - i);
            i = run;
            if (i >= s.size()) break;
        }
        unsigned char c = static_cast<unsigned char>(s[i]);
        char buf[16];
        if (c >= 0x80) {
            char32_t cp = utf8_next(s, i);
            if (cp >= 0x10000) {
                char32_t v = cp - 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", static_cast<unsigned>(0xD800 + (v >> 10)),
                              static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
            } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
            }
            out += buf;
            continue;
        }
        ++i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:  // the other control characters and DEL
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
        }
    }
    out.push_back('"');
}

std::string float_json(double d) {
    std::string out;
    json::append_python_float(out, d);  // NaN / Infinity / -Infinity as json.dumps writes them
    return out;
}

jres<std::string> key_string(const value& k) {
    switch (k.kind()) {
        case value_kind::string: return k.str();
        case value_kind::boolean: return std::string(k.as_bool() ? "true" : "false");
        case value_kind::integer: return std::to_string(k.as_int());
        case value_kind::floating: return float_json(k.as_float());
        case value_kind::none: return std::string("null");
        default:
            return fail_type(std::string("keys must be str, int, float, bool or None, not ") + type_name(k));
    }
}

struct dumper {
    const json_options& o;
    std::string& out;
    int level = 0;

    void newline_indent() {
        out.push_back('\n');
        for (int i = 0; i < level; ++i) out += o.indent;
    }

    jres<bool> dump(const value& v) {
        switch (v.kind()) {
            case value_kind::none: out += "null"; return true;
            case value_kind::boolean: out += v.as_bool() ? "true" : "false"; return true;
            case value_kind::integer: out += std::to_string(v.as_int()); return true;
            case value_kind::floating: out += float_json(v.as_float()); return true;
            case value_kind::string: dump_string(out, v.str(), o.ensure_ascii); return true;
            case value_kind::list: {
                if (v.sequence_kind() == seq_kind::generator) break;
                const auto& items = v.list().items;
                if (items.empty()) { out += "[]"; return true; }
                out.push_back('[');
                ++level;
                for (std::size_t i = 0; i < items.size(); ++i) {
                    if (i) out += o.item_sep;
                    if (o.has_indent) newline_indent();
                    JTRY_VOID(dump(items[i]));
                }
                --level;
                if (o.has_indent) newline_indent();
                out.push_back(']');
                return true;
            }
            case value_kind::dict: {
                const auto& items = v.dict().items;
                if (items.empty()) { out += "{}"; return true; }
                out.push_back('{');
                ++level;
                if (!o.sort_keys) {
                    // Insertion order: write keys in place (non-string keys converted like Python's json).
                    bool first = true;
                    for (const auto& [k, x] : items) {
                        if (!first) out += o.item_sep;
                        first = false;
                        if (o.has_indent) newline_indent();
                        if (k.is_string()) {
                            dump_string(out, k.str(), o.ensure_ascii);
                        } else {
                            JTRY(std::string ks, key_string(k));
                            dump_string(out, ks, o.ensure_ascii);
                        }
                        out += o.key_sep;
                        JTRY_VOID(dump(x));
                    }
                } else {
                    std::vector<std::pair<std::string_view, const value*>> kvs;
                    kvs.reserve(items.size());
                    for (const auto& [k, x] : items) {
                        if (!k.is_string()) return fail_type("'<' not supported between instances of non-str keys");
                        kvs.emplace_back(k.str(), &x);
                    }
                    std::stable_sort(kvs.begin(), kvs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                    bool first = true;
                    for (const auto& [k, x] : kvs) {
                        if (!first) out += o.item_sep;
                        first = false;
                        if (o.has_indent) newline_indent();
                        dump_string(out, k, o.ensure_ascii);
                        out += o.key_sep;
                        JTRY_VOID(dump(*x));
                    }
                }
                --level;
                if (o.has_indent) newline_indent();
                out.push_back('}');
                return true;
            }
            default: break;
        }
        std::string tn = v.is_undefined() ? "Undefined" : type_name(v);
        return fail_type("Object of type " + tn + " is not JSON serializable");
    }
};

// json.dumps(v) with the default options, the usual `tojson`: same text as dumper, fewer steps.
// Returns false (having written part of the text) for anything the general dumper has to handle:
// non-string keys, generators, values that are not serializable.
bool dump_default(std::string& out, const value& v) {
    switch (v.kind()) {
        case value_kind::none: out.append("null", 4); return true;
        case value_kind::boolean:
            if (v.as_bool()) out.append("true", 4);
            else out.append("false", 5);
            return true;
        case value_kind::integer: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v.as_int());
            out.append(buf, static_cast<std::size_t>(r.ptr - buf));
            return true;
        }
        case value_kind::floating: out += float_json(v.as_float()); return true;
        case value_kind::string: json::append_quoted(out, v.str()); return true;
        case value_kind::list: {
            if (v.sequence_kind() == seq_kind::generator) return false;
            const auto& items = v.list().items;
            out.push_back('[');
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i) out.append(", ", 2);
                if (!dump_default(out, items[i])) return false;
            }
            out.push_back(']');
            return true;
        }
        case value_kind::dict: {
            out.push_back('{');
            bool first = true;
            for (const auto& [k, x] : v.dict().items) {
                if (!k.is_string()) return false;
                if (!first) out.append(", ", 2);
                first = false;
                json::append_quoted(out, k.str());
                out.append(": ", 2);
                if (!dump_default(out, x)) return false;
            }
            out.push_back('}');
            return true;
        }
        default: return false;
    }
}

}  // namespace

jres<bool> dump_json(std::string& out, const value& v, const json_options& opts) {
    if (!opts.ensure_ascii && !opts.sort_keys && !opts.has_indent && opts.item_sep == ", " && opts.key_sep == ": ") {
        const std::size_t start = out.size();
        if (dump_default(out, v)) return true;
        out.resize(start);  // the general dumper converts keys or reports the error
    }
    dumper d{opts, out};
    return d.dump(v);
}

}  // namespace tito::jinja
