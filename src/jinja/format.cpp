// File: jinja/format.cpp
// Python printf-style formatting (`"%s" % x` and the `format` filter): %s %r %d %i %f %F %e %E %g
// %G %x %X %o %c %% with flags, width and precision, tuple or mapping (%(name)s) arguments.
#include <cmath>
#include <cstdio>

#include "jinja/pystr.hpp"
#include "jinja/value_ops.hpp"

namespace tito::jinja {

jres<value> string_format(const value& fmt, const value& args) {
    const std::string& f = fmt.str();
    std::vector<value> pos;
    const value* mapping = nullptr;
    if (args.is_list() && args.sequence_kind() == seq_kind::tuple) pos = args.list().items;
    else if (args.is_dict()) mapping = &args;
    else pos.push_back(args);
    std::size_t next = 0;
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') { out.push_back(f[i]); continue; }
        if (++i >= f.size()) return fail(py_exc::value_error, "incomplete format");
        const value* v = nullptr;
        if (f[i] == '(') {
            std::size_t e = f.find(')', i);
            if (e == std::string::npos || !mapping) return fail_type("format requires a mapping");
            v = mapping->dict().find(std::string_view(f).substr(i + 1, e - i - 1));
            if (!v) return fail(py_exc::index_error, "KeyError: '" + f.substr(i + 1, e - i - 1) + "'");
            i = e + 1;
        }
        std::string spec = "%";
        while (i < f.size() && std::string_view("-+ #0").find(f[i]) != std::string_view::npos) spec.push_back(f[i++]);
        while (i < f.size() && (std::isdigit(static_cast<unsigned char>(f[i])) || f[i] == '.')) spec.push_back(f[i++]);
        if (i >= f.size()) return fail(py_exc::value_error, "incomplete format");
        char conv = f[i];
        if (conv == '%') { out.push_back('%'); continue; }
        if (!v) {
            if (next >= pos.size()) return fail_type("not enough arguments for format string");
            v = &pos[next++];
        }
        char buf[512];
        switch (conv) {
            case 's': case 'r': {
                std::string s = conv == 's' ? to_str(*v) : to_repr(*v);
                std::snprintf(buf, sizeof buf, (spec + "s").c_str(), s.c_str());
                out += std::string(buf).size() >= s.size() ? std::string(buf) : s;
                break;
            }
            case 'd': case 'i': case 'x': case 'X': case 'o': case 'c': {
                if (!v->is_number()) return fail_type(std::string("%") + conv + " format: a real number is required, not " + type_name(*v));
                long long n = v->is_float() ? static_cast<long long>(v->as_float()) : v->as_int();
                if (conv == 'c') { utf8_append(out, static_cast<char32_t>(n)); break; }
                std::snprintf(buf, sizeof buf, (spec + "ll" + (conv == 'i' ? 'd' : conv)).c_str(), n);
                out += buf;
                break;
            }
            case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
                if (!v->is_number()) return fail_type("must be real number, not " + std::string(type_name(*v)));
                std::snprintf(buf, sizeof buf, (spec + conv).c_str(), v->as_float());
                out += buf;
                break;
            }
            default:
                return fail(py_exc::value_error, std::string("unsupported format character '") + conv + "'");
        }
    }
    if (!mapping && next < pos.size()) return fail_type("not all arguments converted during string formatting");
    return value::from_string(std::move(out));
}

}  // namespace tito::jinja
