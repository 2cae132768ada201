// File: base/json_parse.cpp
#include "base/json_parse.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "base/json.hpp"
#include "base/json_compact_tracker.hpp"
#include "base/json_raw.hpp"

namespace tito::json {

namespace {

// Clinger's fast path: a decimal whose digits make an integer m <= 2^53 and whose power of ten
// 10^e has |e| <= 22 is m * 10^e or m / 10^-e, one correctly rounded IEEE operation on exact
// operands, hence the correctly rounded value from_chars gives. `s` is a JSON number (the parser
// has checked its grammar). Nothing for other numbers.
std::optional<double> fast_exact(std::string_view s) noexcept {
    static constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char* p = s.data();
    const char* const end = p + s.size();
    const bool negative = p != end && *p == '-';
    if (negative) ++p;
    std::uint64_t m = 0;
    int digits = 0;  // significant digits in m (leading zeros not counted)
    int exp10 = 0;
    auto digit = [&](char c) {
        m = m * 10 + static_cast<unsigned>(c - '0');
        // Counted from the first nonzero digit on, by the digits themselves (m may wrap to 0).
        digits += (digits != 0) | (c != '0');
    };
    for (; p != end && *p >= '0' && *p <= '9'; ++p) digit(*p);
    if (p != end && *p == '.') {
        for (++p; p != end && *p >= '0' && *p <= '9'; ++p) {
            digit(*p);
            --exp10;
        }
    }
    if (digits > 19) return std::nullopt;  // m may have wrapped
    if (p != end) {  // e|E, optional sign, digits
        ++p;
        const bool minus = *p == '-';
        if (*p == '-' || *p == '+') ++p;
        int e = 0;
        for (; p != end; ++p) {
            e = e * 10 + (*p - '0');
            if (e > 1000) return std::nullopt;
        }
        exp10 += minus ? -e : e;
    }
    if (m > (std::uint64_t{1} << 53) || exp10 < -22 || exp10 > 22) return std::nullopt;
    double d = static_cast<double>(m);
    d = exp10 < 0 ? d / pow10[-exp10] : d * pow10[exp10];
    return negative ? -d : d;
}

struct handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    // The stack of values not yet in their container starts in the caller's buffer (a reply's or
    // a request's values at one level mostly fit; deeper or wider documents spill to the heap).
    handler(unsigned char* temp, std::size_t size) : st(boost::json::storage_ptr(), temp, size) {}

    boost::json::value_stack st;
    std::string num;  // text of the number being parsed, when its parts arrive in pieces
    bool finite = true;
    compact_tracker compact;

    using ec = boost::system::error_code;
    using sv = boost::json::string_view;

    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) {
        if (compact.on) compact.object_begin();
        return true;
    }
    bool on_object_end(std::size_t n, ec&) {
        st.push_object(n);
        if (compact.on) compact.object_end(n);
        return true;
    }
    bool on_array_begin(ec&) { return true; }
    bool on_array_end(std::size_t n, ec&) {
        st.push_array(n);
        if (compact.on) compact.array_end(n);
        return true;
    }
    bool on_key_part(sv s, std::size_t, ec&) {
        st.push_chars(s);
        if (compact.on) compact.key_part(s);
        return true;
    }
    bool on_key(sv s, std::size_t, ec&) {
        st.push_key(s);
        if (compact.on) compact.key(s);
        return true;
    }
    bool on_string_part(sv s, std::size_t, ec&) {
        st.push_chars(s);
        if (compact.on) compact.text_part(s);
        return true;
    }
    bool on_string(sv s, std::size_t, ec&) {
        st.push_string(s);
        if (compact.on) compact.string(s);
        return true;
    }
    bool on_number_part(sv s, ec&) {
        num.append(s.data(), s.size());
        return true;
    }
    // The number's whole text (its earlier parts, if any, are in `num`).
    std::string_view number_text(sv s) {
        if (num.empty()) return s;
        num.append(s.data(), s.size());
        return num;
    }
    bool on_int64(std::int64_t i, sv s, ec&) {
        if (compact.on) compact.integer(number_text(s));
        num.clear();
        st.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, sv s, ec&) {
        if (compact.on) compact.integer(number_text(s));
        num.clear();
        st.push_uint64(u);
        return true;
    }
    bool on_double(double d, sv s, ec&) {
        // A whole text is one part (the common case): read in place.
        const std::string_view text = number_text(s);
        double exact;
        if (compact.on) {
            const auto r = read_double(d, text);
            compact.floating(text, r.is_repr);
            exact = r.value;
        } else {
            exact = exact_double(d, text);
        }
        num.clear();
        finite = finite && std::isfinite(exact);
        st.push_double(exact);
        return true;
    }
    bool on_bool(bool b, ec&) {
        st.push_bool(b);
        if (compact.on) compact.size += b ? 4 : 5;
        return true;
    }
    bool on_null(ec&) {
        st.push_null();
        if (compact.on) compact.size += 4;
        return true;
    }
    bool on_comment_part(sv, ec&) { return true; }
    bool on_comment(sv, ec&) { return true; }
};

}  // namespace

double exact_double(double parsed, std::string_view text) noexcept {
    if (auto fast = fast_exact(text)) return *fast;
    double exact = parsed;
    auto r = std::from_chars(text.data(), text.data() + text.size(), exact);
    if (r.ec != std::errc{}) exact = parsed;  // out of range: keep Boost's value (inf/0)
    return exact;
}

namespace {

// Texts this long or shorter are first judged by their spelling (number_is_compact, cheaper than
// reading repr's layout); longer ones rarely pass it (at most 15 significant digits).
constexpr std::size_t short_number = 17;

// read_double; with `need_value` false a text vouched for by its spelling is not read (the value
// returned is then Boost's).
exact_reading read(double parsed, std::string_view text, bool need_value) noexcept {
    if (text.size() <= short_number && number_is_compact(text))
        return {need_value ? exact_double(parsed, text) : parsed, true};
    if (is_python_float(text, parsed)) return {parsed, true};
    const double exact = exact_double(parsed, text);
    return {exact, exact != parsed && is_python_float(text, exact)};
}

}  // namespace

exact_reading read_double(double parsed, std::string_view text) noexcept { return read(parsed, text, true); }

bool is_repr(double parsed, std::string_view text) noexcept { return read(parsed, text, false).is_repr; }

boost::json::value parse_exact(std::string_view text, boost::system::error_code& ec, std::size_t max_depth,
                               boost::json::storage_ptr sp, bool* all_finite, bool* compact) {
    boost::json::parse_options opt;
    opt.max_depth = max_depth;
    alignas(16) unsigned char temp[8192];
    boost::json::basic_parser<handler> p{opt, temp, sizeof temp};
    p.handler().st.reset(std::move(sp));
    if (compact) p.handler().compact.start();
    const auto n = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && n < text.size()) ec = boost::json::error::extra_data;
    if (ec) return nullptr;
    if (all_finite) *all_finite = p.handler().finite;
    if (compact) *compact = p.handler().compact.ok && p.handler().compact.size == text.size();
    return p.handler().st.release();
}

owned_arena new_arena(std::size_t initial_bytes) { return std::make_unique<boost::json::monotonic_resource>(initial_bytes); }

boost::json::storage_ptr make_arena(std::size_t initial_bytes) {
    return boost::json::make_shared_resource<boost::json::monotonic_resource>(initial_bytes);
}

}  // namespace tito::json
