// Tests for base/json.hpp: output identical to Python's json.dumps(separators=(',', ':'),
// ensure_ascii=False) for the values the server re-emits.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>
#include <limits>

#include <random>
#include <cstring>
#include <charconv>
#include "base/json.hpp"

namespace {

std::string py_float(double d) {
    std::string s;
    tito::json::append_python_float(s, d);
    return s;
}

TEST(json, floats_follow_python_repr) {
    EXPECT_EQ(py_float(0.1), "0.1");
    EXPECT_EQ(py_float(1e-5), "1e-05");
    EXPECT_EQ(py_float(1e16), "1e+16");
    EXPECT_EQ(py_float(1e15), "1000000000000000.0");
    EXPECT_EQ(py_float(25.0), "25.0");
    EXPECT_EQ(py_float(-0.0), "-0.0");
    EXPECT_EQ(py_float(0.0001), "0.0001");
    EXPECT_EQ(py_float(1.5e300), "1.5e+300");
    EXPECT_EQ(py_float(123456789012345678.0), "1.2345678901234568e+17");
    EXPECT_EQ(py_float(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(py_float(std::nan("")), "NaN");
}

// fmt's shortest "{}" is Python's repr except for the ".0" of integral values: the reference for
// the hand-laid-out repr, over random bit patterns and random short decimals.
std::string fmt_python_float(double d) {
    std::string s = fmt::format("{}", d);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

TEST(json, floats_agree_with_fmt_shortest_on_random_values) {
    std::mt19937_64 rng(20261127);
    for (int i = 0; i < 1000000; ++i) {
        std::uint64_t bits = rng();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (!std::isfinite(d)) continue;
        ASSERT_EQ(py_float(d), fmt_python_float(d)) << bits;
    }
    std::uniform_int_distribution<int> mant(0, 99999999), ex(-30, 30);
    for (int i = 0; i < 300000; ++i) {
        const double d = std::stod(fmt::format("{}e{}", mant(rng), ex(rng))) * (i % 2 ? -1 : 1);
        ASSERT_EQ(py_float(d), fmt_python_float(d)) << d;
    }
    for (double d : {5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9999999999999998.0, 1e16 - 2, 0.5,
                     123.456, 1e-4, 9.999999999999999e-5, 1e21, 1e22, 1e23})
        EXPECT_EQ(py_float(d), fmt_python_float(d)) << d;
}

TEST(json, compact_keeps_key_order_raw_utf8_and_last_duplicate) {
    auto v = boost::json::parse(R"({"z": 1, "a": [true, null, 2.50], "s": "é\u2028\n\"\\\u0001", "z": 3})");
    EXPECT_EQ(tito::json::compact(v), "{\"z\":3,\"a\":[true,null,2.5],\"s\":\"é\u2028\\n\\\"\\\\\\u0001\"}");
}

// The byte-at-a-time definition append_quoted must agree with (it scans eight bytes at a time).
std::string quoted_reference(std::string_view s) {
    std::string out = "\"";
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
                    static constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

TEST(json, quoted_escapes_every_special_byte_at_every_position) {
    const std::string specials = std::string("\"\\\n\r\t\b\f\x01\x1f", 9) + std::string(1, '\0');
    for (std::size_t len = 0; len <= 24; ++len) {
        std::string plain(len, 'a');
        for (std::size_t i = 0; i < len; ++i) plain[i] = static_cast<char>("xé\x7f~ "[i % 5]);
        std::string out = "prefix";
        tito::json::append_quoted(out, plain);
        EXPECT_EQ(out, "prefix" + quoted_reference(plain));
        for (std::size_t pos = 0; pos < len; ++pos) {
            for (char sp : specials) {
                std::string s = plain;
                s[pos] = sp;
                std::string got;
                tito::json::append_quoted(got, s);
                ASSERT_EQ(got, quoted_reference(s)) << "len " << len << " pos " << pos << " byte " << int(sp);
            }
        }
    }
}

TEST(json, quoted_escapes_every_byte_at_every_word_offset) {
    // Each byte value at each position of a 19-byte window (so it falls in the 8-byte word scan
    // and in the byte tail), next to UTF-8 and plain text.
    for (int c = 0; c < 256; ++c) {
        for (std::size_t pos = 0; pos < 19; ++pos) {
            std::string s = "abc\xc3\xa9xyzABCDEFGHIJKL";
            s.resize(19, 'q');
            s[pos] = static_cast<char>(c);
            std::string out = "prefix";
            tito::json::append_quoted(out, s);
            ASSERT_EQ(out, "prefix" + quoted_reference(s)) << "byte " << c << " at " << pos;
        }
    }
    std::string all;
    for (int c = 255; c >= 0; --c) all += static_cast<char>(c);
    std::string out;
    tito::json::append_quoted(out, all);
    EXPECT_EQ(out, quoted_reference(all));
}

// A word with several bytes to escape: append_quoted jumps to the first one (the lowest flagged
// byte of escape_mask) and rescans after it. Bytes that the word tricks flag falsely above a real
// escape (' ' after a control byte, '#' after '"', ']' after '\\') sit next to each pair.
TEST(json, quoted_escapes_every_pair_of_positions) {
    const std::string specials = std::string("\"\\\n\x01", 4) + std::string(1, '\0');
    for (std::size_t a = 0; a < 19; ++a) {
        for (std::size_t b = a + 1; b < 19; ++b) {
            for (char x : specials) {
                for (char y : specials) {
                    std::string s = "abc #]xyz ABC#]EFGH";
                    s[a] = x;
                    s[b] = y;
                    std::string out = "p";
                    tito::json::append_quoted(out, s);
                    std::string want = "p";
                    want += quoted_reference(s);
                    ASSERT_EQ(out, want) << a << " " << b << " " << int(x) << " " << int(y);
                }
            }
        }
    }
    const std::string json_text = R"({"city": "Tokyo", "temp_c": 12, "sky": "clear", "wind_kph": 7.5})";
    std::string out;
    tito::json::append_quoted(out, json_text);
    EXPECT_EQ(out, quoted_reference(json_text));
}

// append_quoted makes room up front and grows it when escapes need more: strings made only of
// escapes (the longest output per input byte) after a long prefix.
TEST(json, quoted_grows_for_escape_only_strings) {
    for (std::size_t len : {17u, 100u, 1000u, 5000u}) {
        for (char c : {'"', '\x01'}) {
            const std::string s(len, c);
            std::string out(300, 'p');
            tito::json::append_quoted(out, s);
            ASSERT_EQ(out, std::string(300, 'p') + quoted_reference(s)) << len << " " << int(c);
        }
    }
}

// append_compact writes strings with its own room checks: short ones sized for the worst case,
// long ones counted first. Every byte at every word offset, in strings from 1 to 80 bytes, inside
// an array appended after a long prefix.
TEST(json, compact_strings_match_the_reference_at_every_length) {
    for (std::size_t len = 1; len <= 80; len += 3) {
        for (int c : {0, 1, 8, 10, 31, 34, 92, 127, 195}) {
            for (std::size_t pos = 0; pos < len; pos += 5) {
                std::string text(len, 'w');
                text[pos] = static_cast<char>(c);
                boost::json::array a;
                a.emplace_back(boost::json::string_view(text));
                a.emplace_back(std::string(len, '"'));
                std::string out(5000, 'p');
                tito::json::append_compact(out, a);
                ASSERT_EQ(out, std::string(5000, 'p') + "[" + quoted_reference(text) + "," +
                                   quoted_reference(std::string(len, '"')) + "]")
                    << len << " " << c << " " << pos;
            }
        }
    }
}

TEST(json, identical_means_the_same_text) {
    auto v = [](const char* t) { return boost::json::parse(t); };
    EXPECT_TRUE(tito::json::identical(v(R"({"a":[1,2.5,"x",null,true],"b":{"c":-1}})"),
                                      v(R"({"a":[1,2.5,"x",null,true],"b":{"c":-1}})")));
    EXPECT_FALSE(tito::json::identical(v(R"({"a":1,"b":2})"), v(R"({"b":2,"a":1})")));  // == says equal
    EXPECT_FALSE(tito::json::identical(v("[-0.0]"), v("[0.0]")));                        // == says equal
    EXPECT_FALSE(tito::json::identical(v("[1]"), v("[1.0]")));
    EXPECT_FALSE(tito::json::identical(v("[1,2]"), v("[1]")));
    EXPECT_FALSE(tito::json::identical(v(R"({"a":{"b":1}})"), v(R"({"a":{"b":2}})")));
    EXPECT_FALSE(tito::json::identical(v(R"({"a":1})"), v(R"({"b":1})")));
}

// Integers around every power of ten (the writer counts digits from the bit width).
TEST(json, integers_at_every_digit_count) {
    boost::json::array a;
    std::string want = "[";
    auto add = [&](boost::json::value v, const std::string& text) {
        if (!a.empty()) want += ',';
        a.push_back(std::move(v));
        want += text;
    };
    std::uint64_t p = 1;
    for (int d = 0; d < 20; ++d, p *= 10) {
        for (std::uint64_t v : {p - 1, p, p + 1}) add(boost::json::value(v), std::to_string(v));
        if (p <= 1000000000000000000ull) {
            const auto s = static_cast<std::int64_t>(p);
            add(boost::json::value(-s), std::to_string(-s));
        }
    }
    add(boost::json::value(std::uint64_t(-1)), "18446744073709551615");
    add(boost::json::value(INT64_MIN), "-9223372036854775808");
    want += ']';
    EXPECT_EQ(tito::json::compact(a), want);
}

TEST(json, uint_lists) {
    std::string out = "x";
    tito::json::append_uint_list(out, std::vector<std::uint32_t>{});
    EXPECT_EQ(out, "x[]");
    out.clear();
    tito::json::append_uint_list(out, std::vector<std::uint32_t>{0, 7, 10, 151643, 4294967295u});
    EXPECT_EQ(out, "[0,7,10,151643,4294967295]");
    // Every id around the table's edges and each digit-count boundary, against std::to_string.
    std::vector<std::uint32_t> ids;
    for (std::uint32_t v : {0u, 9u, 10u, 99u, 100u, 999u, 1000u, 9999u, 10000u, 99999u, 100000u, 262142u, 262143u,
                            262144u, 262145u, 999999u, 1000000u, 4294967294u})
        ids.push_back(v);
    for (std::uint32_t v = 0; v < 300000; ++v) ids.push_back(v);  // the whole table and past it
    std::string want = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) want += ',';
        want += std::to_string(ids[i]);
    }
    want += "]";
    out = "prefix";
    tito::json::append_uint_list(out, ids);
    EXPECT_EQ(out, "prefix" + want);
    out = "prefix";
    tito::json::append_uint_items(out, ids);  // the same without the brackets
    EXPECT_EQ(out, "prefix" + want.substr(1, want.size() - 2));
}

TEST(json, integers_stay_integers) {
    auto v = boost::json::parse(R"([0, -7, 9007199254740993, 18446744073709551615])");
    EXPECT_EQ(tito::json::compact(v), "[0,-7,9007199254740993,18446744073709551615]");
}

}  // namespace

#include "base/json_parse.hpp"

namespace {

TEST(json_parse, doubles_are_correctly_rounded) {
    boost::system::error_code ec;
    auto v = tito::json::parse_exact(R"([2.0745096302730225e-218, 2.5e-300, 0.1, -1.5, 1e308])", ec);
    ASSERT_FALSE(ec);
    const auto& a = v.as_array();
    EXPECT_EQ(a[0].as_double(), 2.0745096302730225e-218);
    EXPECT_EQ(a[1].as_double(), 2.5e-300);
    EXPECT_EQ(tito::json::compact(v), "[2.0745096302730225e-218,2.5e-300,0.1,-1.5,1e+308]");
}

// On random number texts of every shape parse_exact's doubles are bit for bit from_chars' (the
// correctly rounded reading), whatever Boost's own conversion gave.
TEST(json_parse, doubles_match_from_chars_bit_for_bit_on_random_texts) {
    std::mt19937_64 rng(20261127);
    auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
    for (int k = 0; k < 300000; ++k) {
        std::string t;
        if (rng() % 2) t += '-';
        const int int_digits = static_cast<int>(rng() % 6);
        if (int_digits == 0) {
            t += '0';
        } else {
            t += static_cast<char>('1' + rng() % 9);
            for (int i = 1; i < int_digits; ++i) t += digit();
        }
        const int frac_digits = static_cast<int>(rng() % 22);
        if (frac_digits > 0 || int_digits == 0) {
            t += '.';
            const int n = frac_digits > 0 ? frac_digits : 1;
            const int zeros = static_cast<int>(rng() % 4 == 0 ? rng() % 8 : 0);  // 0.000ddd
            for (int i = 0; i < n; ++i) t += i < zeros ? '0' : digit();
        }
        if (rng() % 3 == 0) {
            t += rng() % 2 ? 'e' : 'E';
            if (rng() % 2) t += rng() % 2 ? '-' : '+';
            t += std::to_string(rng() % 40);
        }
        if (t.find_first_of(".eE") == std::string::npos) t += ".5";
        boost::system::error_code ec;
        const auto v = tito::json::parse_exact("[" + t + "]", ec);
        ASSERT_FALSE(ec) << t;
        double want = 0;
        std::from_chars(t.data() + (t[0] == '-'), t.data() + t.size(), want);
        if (t[0] == '-') want = -want;
        const double got = v.as_array()[0].as_double();
        ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << t;
    }
    // Shapes at the edges of exact fast paths: 2^53 and one past it, exponents 22 and 23; digits
    // whose 64-bit accumulation wraps to exactly zero (multiples of 2^64).
    for (const char* t : {"18446744073709551616", "36893488147419103232", "-55340232221128654848.000",
                          "1.8446744073709551616e19", "0.92233720368547758080", "0.000000000000000000001",
                          "9007199254740992.0", "9007199254740993.0", "-4.278077602386475", "1.0e22", "1.0e23",
                          "123456789012345.6e-22", "1.7976931348623157e308", "4.9e-324", "0.30000000000000004"}) {
        boost::system::error_code ec;
        const auto v = tito::json::parse_exact(std::string("[") + t + "]", ec);
        ASSERT_FALSE(ec) << t;
        double want = 0;
        std::from_chars(t + (t[0] == '-'), t + std::strlen(t), want);
        if (t[0] == '-') want = -want;
        const double got = v.as_array()[0].as_double();
        EXPECT_EQ(std::memcmp(&got, &want, sizeof got), 0) << t;
    }
}

TEST(json_parse, reports_whether_every_number_is_finite) {
    boost::system::error_code ec;
    bool finite = false;
    auto v = tito::json::parse_exact(R"({"a":[1,-0.5,2e10],"b":{"c":1.7976931348623157e308}})", ec, 512, {}, &finite);
    ASSERT_FALSE(ec);
    EXPECT_TRUE(finite);
    for (const char* text : {R"({"a":[1,1e999]})", R"([{"x":-1e400}])", R"(1.8e308)"}) {
        finite = true;
        v = tito::json::parse_exact(text, ec, 512, {}, &finite);
        ASSERT_FALSE(ec) << text;
        EXPECT_FALSE(finite) << text;
    }
}

TEST(json_parse, key_order_duplicates_and_errors) {
    boost::system::error_code ec;
    auto v = tito::json::parse_exact(R"({"b":1,"a":{"x":[1,"s"]},"b":2})", ec);
    ASSERT_FALSE(ec);
    EXPECT_EQ(tito::json::compact(v), R"({"b":2,"a":{"x":[1,"s"]}})");
    tito::json::parse_exact("{\"a\":", ec);
    EXPECT_TRUE(ec);
    tito::json::parse_exact("[1] x", ec);
    EXPECT_TRUE(ec);
    std::string deep(600, '[');
    deep += std::string(600, ']');
    tito::json::parse_exact(deep, ec);
    EXPECT_TRUE(ec);
}

}  // namespace

// is_python_float reads the layout write_python_float writes: on every kind of double and on
// texts that are its repr, a neighbour's, or another spelling of it, the two agree.
TEST(json, is_python_float_agrees_with_the_writer) {
    std::mt19937_64 rng(20261127);
    std::size_t yes = 0;
    auto check = [&](const std::string& text, double d) {
        char buf[32];
        const bool want = tito::json::python_float(d, buf) == text;
        yes += want;
        EXPECT_EQ(tito::json::is_python_float(text, d), want) << text << " vs " << tito::json::python_float(d, buf);
    };
    for (int i = 0; i < 100000; ++i) {
        double d = 0;
        switch (i % 6) {
            case 0: {  // any finite bit pattern
                const std::uint64_t bits = rng();
                std::memcpy(&d, &bits, 8);
                if (!std::isfinite(d)) d = 1.5;
                break;
            }
            case 1: d = -static_cast<double>(static_cast<float>(static_cast<double>(rng() % 10000000) / 1e6)); break;  // float32 logprobs
            case 2: d = static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000); break;               // integers
            case 3: d = static_cast<double>(rng() % 1000) * std::pow(10.0, static_cast<int>(rng() % 44) - 22); break;  // round decimals
            case 4: d = std::ldexp(static_cast<double>(rng() % 1000), -1074 + static_cast<int>(rng() % 60)); break;  // subnormals
            default: d = (rng() % 2 ? 1.0 : -1.0) * (rng() % 3 == 0 ? 0.0 : std::pow(10.0, static_cast<int>(rng() % 40) - 20));
        }
        char buf[32];
        const std::string repr(tito::json::python_float(d, buf));
        check(repr, d);
        check(repr, std::nextafter(d, 1e308));
        check(repr, std::nextafter(d, -1e308));
        check(repr + "0", d);
        check(fmt::format("{}", d), d);
        check(fmt::format("{:.17g}", d), d);
        check(fmt::format("{:e}", d), d);
        std::string upper = repr;
        for (char& c : upper) c = c == 'e' ? 'E' : c;
        check(upper, d);
        if (repr.size() > 2) check(repr.substr(0, repr.size() - 1), d);
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(yes, 100000u);  // every repr, and the spellings that happen to equal it
    for (double d : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()})
        for (const char* text : {"NaN", "Infinity", "-Infinity", "nan", "inf", "1e999"}) check(text, d);
}
