// File: jinja/json_import.cpp
// JSON text -> value in one pass (boost::json::basic_parser with our own handler): numbers are
// re-read from their text with std::from_chars, so doubles round-trip exactly (Boost 1.81's default
// double parsing is not always correctly rounded, e.g. 2.5e-300), object key order is kept and a
// duplicate key keeps its first position with the last value, like Python's json module.
#include <charconv>

#include <boost/json/basic_parser_impl.hpp>

#include "jinja/value.hpp"

namespace tito::jinja {
namespace {

struct frame {
    bool is_object = false;
    std::vector<value> items;
    std::vector<std::pair<value, value>> kvs;
    std::string key;
};

struct handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    std::vector<frame> stack;
    value result;
    std::string str, key, num;

    void push(value v) {
        if (stack.empty()) { result = std::move(v); return; }
        frame& f = stack.back();
        if (!f.is_object) { f.items.push_back(std::move(v)); return; }
        for (auto& kv : f.kvs) {
            if (kv.first.str() == f.key) { kv.second = std::move(v); return; }
        }
        f.kvs.emplace_back(value::from_string(std::move(f.key)), std::move(v));
    }

    using ec = boost::system::error_code;
    using sv = boost::json::string_view;
    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) { stack.push_back(frame{true, {}, {}, {}}); return true; }
    bool on_object_end(std::size_t, ec&) {
        value v = value::from_dict(std::move(stack.back().kvs));
        stack.pop_back();
        push(std::move(v));
        return true;
    }
    bool on_array_begin(ec&) { stack.push_back(frame{false, {}, {}, {}}); return true; }
    bool on_array_end(std::size_t, ec&) {
        value v = value::from_list(std::move(stack.back().items));
        stack.pop_back();
        push(std::move(v));
        return true;
    }
    bool on_key_part(sv s, std::size_t, ec&) { key.append(s.data(), s.size()); return true; }
    bool on_key(sv s, std::size_t, ec&) {
        key.append(s.data(), s.size());
        stack.back().key = std::move(key);
        key.clear();
        return true;
    }
    bool on_string_part(sv s, std::size_t, ec&) { str.append(s.data(), s.size()); return true; }
    bool on_string(sv s, std::size_t, ec&) {
        str.append(s.data(), s.size());
        push(value::from_string(std::move(str)));
        str.clear();
        return true;
    }
    bool on_number_part(sv s, ec&) { num.append(s.data(), s.size()); return true; }
    bool on_int64(std::int64_t i, sv, ec&) { num.clear(); push(value::from_int(i)); return true; }
    bool on_uint64(std::uint64_t u, sv, ec&) {
        num.clear();
        push(value::from_float(static_cast<double>(u)));
        return true;
    }
    bool on_double(double d, sv s, ec&) {
        num.append(s.data(), s.size());
        double x = d;
        auto r = std::from_chars(num.data(), num.data() + num.size(), x);
        if (r.ec != std::errc()) x = d;
        num.clear();
        push(value::from_float(x));
        return true;
    }
    bool on_bool(bool b, ec&) { push(value::from_bool(b)); return true; }
    bool on_null(ec&) { push(value::none()); return true; }
    bool on_comment_part(sv, ec&) { return true; }
    bool on_comment(sv, ec&) { return true; }
};

}  // namespace

tito::result<value> parse_json(std::string_view text) {
    boost::json::parse_options opts;
    opts.max_depth = 512;  // Boost's default of 32 is too shallow for nested tool schemas
    boost::json::basic_parser<handler> p{opts};
    boost::system::error_code ec;
    std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && n < text.size()) {
        // trailing whitespace is fine, anything else is an error
        for (std::size_t i = n; i < text.size(); ++i)
            if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
                return tito::error{errc::bad_request, "invalid JSON: trailing characters"};
    }
    if (ec) return tito::error{errc::bad_request, "invalid JSON: " + ec.message()};
    return std::move(p.handler().result);
}

}  // namespace tito::jinja
