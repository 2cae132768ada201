// File: chat/json_parse.cpp
// See json_parse.hpp. A boost::json::basic_parser handler that builds the value itself (the same
// technique as jinja/json_import.cpp, which builds template values instead).
#include "chat/json_parse.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <string>
#include <vector>

namespace tito::chat {
namespace {

namespace bj = boost::json;

struct frame {
    bool is_object = false;
    bj::array items;
    bj::object members;
    std::string key;
};

struct handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    using ec = boost::system::error_code;
    using sv = bj::string_view;

    std::vector<frame> stack;
    bj::value result;
    std::string str, key, num;

    void push(bj::value v) {
        if (stack.empty()) {
            result = std::move(v);
            return;
        }
        frame& f = stack.back();
        if (f.is_object) f.members[f.key] = std::move(v);  // existing key: first position, last value
        else f.items.push_back(std::move(v));
    }

    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) {
        stack.push_back(frame{true, {}, {}, {}});
        return true;
    }
    bool on_object_end(std::size_t, ec&) {
        bj::value v(std::move(stack.back().members));
        stack.pop_back();
        push(std::move(v));
        return true;
    }
    bool on_array_begin(ec&) {
        stack.push_back(frame{false, {}, {}, {}});
        return true;
    }
    bool on_array_end(std::size_t, ec&) {
        bj::value v(std::move(stack.back().items));
        stack.pop_back();
        push(std::move(v));
        return true;
    }
    bool on_key_part(sv s, std::size_t, ec&) {
        key.append(s.data(), s.size());
        return true;
    }
    bool on_key(sv s, std::size_t, ec&) {
        key.append(s.data(), s.size());
        stack.back().key = std::move(key);
        key.clear();
        return true;
    }
    bool on_string_part(sv s, std::size_t, ec&) {
        str.append(s.data(), s.size());
        return true;
    }
    bool on_string(sv s, std::size_t, ec&) {
        str.append(s.data(), s.size());
        push(bj::value(bj::string_view(str)));
        str.clear();
        return true;
    }
    bool on_number_part(sv s, ec&) {
        num.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, sv, ec&) {
        num.clear();
        push(bj::value(i));
        return true;
    }
    bool on_uint64(std::uint64_t u, sv, ec&) {
        num.clear();
        push(bj::value(u));
        return true;
    }
    bool on_double(double d, sv s, ec&) {
        num.append(s.data(), s.size());
        double x = d;
        auto r = std::from_chars(num.data(), num.data() + num.size(), x);
        if (r.ec != std::errc()) x = d;
        num.clear();
        push(bj::value(x));
        return true;
    }
    bool on_bool(bool b, ec&) {
        push(bj::value(b));
        return true;
    }
    bool on_null(ec&) {
        push(bj::value(nullptr));
        return true;
    }
    bool on_comment_part(sv, ec&) { return true; }
    bool on_comment(sv, ec&) { return true; }
};

}  // namespace

result<bj::value> parse_json_exact(std::string_view text) {
    bj::basic_parser<handler> p{bj::parse_options{}};
    boost::system::error_code ec;
    std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (ec) return error{errc::bad_request, "invalid JSON: " + ec.message()};
    for (std::size_t i = n; i < text.size(); ++i)
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            return error{errc::bad_request, "invalid JSON: extra data"};
    return std::move(p.handler().result);
}

}  // namespace tito::chat
