// Tests for base/json_raw.hpp: a member marked compact is byte for byte what append_compact
// writes for the parsed value; the usual chat history (strings with newlines, quotes, non-ASCII,
// integers, nested objects) is marked; every spelling that re-serializes differently is not.
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/json_parse.hpp"
#include "base/json_raw.hpp"

namespace tito::json {
namespace {

std::string recompact(std::string_view text) {
    boost::system::error_code ec;
    auto v = parse_exact(text, ec);
    EXPECT_FALSE(ec) << text;
    return compact(v);
}

bool parsed_compact(std::string_view text) {
    boost::system::error_code ec;
    bool compact = false;
    parse_exact(text, ec, 512, {}, nullptr, &compact);
    EXPECT_FALSE(ec) << text;
    return compact;
}

std::vector<raw_member> members(std::string_view text) {
    std::vector<raw_member> out;
    EXPECT_TRUE(split_members(text, out)) << text;
    return out;
}

// The single member "a" of {"a":<value>}, with its compact mark checked against the truth.
bool value_is_compact(const std::string& value) {
    const std::string text = "{\"a\":" + value + "}";
    auto m = members(text);
    EXPECT_EQ(m.size(), 1u);
    if (m.size() != 1) return false;
    EXPECT_EQ(m[0].value, value);
    if (m[0].compact) {
        EXPECT_EQ(recompact(value), value);
    }
    return m[0].compact;
}

TEST(json_raw, splits_members_in_order_with_their_text) {
    auto m = members(R"( { "model" : "m", "messages":[{"role":"user","content":"hi"}] ,"n":1 } )");
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].key, "model");
    EXPECT_EQ(m[0].value, "\"m\"");
    EXPECT_EQ(m[1].key, "messages");
    EXPECT_EQ(m[1].value, R"([{"role":"user","content":"hi"}])");
    EXPECT_TRUE(m[1].compact);
    EXPECT_EQ(m[2].value, "1");
    EXPECT_TRUE(members("{}").empty());
}

TEST(json_raw, chat_history_is_marked_compact) {
    EXPECT_TRUE(value_is_compact(
        R"([{"role":"system","content":"line\nline\t\"quoted\" back\\slash \u0001 é 中文 🙂"},)"
        R"({"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":)"
        R"({"name":"f","arguments":"{\"x\": 1}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}])"));
    EXPECT_TRUE(value_is_compact(R"([true,false,null,0,-7,123456789012345678,{},[],"",{"k":{"k":1}},[{"k":1},{"k":2}]])"));
    EXPECT_TRUE(value_is_compact(R"("\u001f\u0000\u000b\b\f\r")"));
}

TEST(json_raw, spellings_that_re_serialize_differently_are_not) {
    for (const char* v : {R"([1, 2])", "[\n1]", R"({"k": 1})", "1.50", "1e5", "1E5", "-0",
                          "12345678901234567890123", R"("\/")", R"("\u00e9")", R"("\u000a")", R"("\u0009")",
                          R"("\u001F")", R"("\uD83D\uDE42")", R"({"k":1,"k":2})", R"([{"a":1,"b":2,"a":3}])"}) {
        EXPECT_NE(recompact(v), v);
        EXPECT_FALSE(value_is_compact(v)) << v;
    }
}

TEST(json_raw, floats_as_repr_writes_them_are_marked_others_and_19_digit_integers_not) {
    // Fixed notation with at most 15 significant digits, in repr's fixed range, no trailing zero.
    for (const char* v : {"1.5", "0.0", "-0.0", "[0.1]", "-0.015625", "12.0", "100.0", "0.0001", "-0.1234",
                          "123456789012345.0", "0.123456789012345", "1000000000000000.0"}) {
        EXPECT_EQ(recompact(v), v) << v;
        EXPECT_TRUE(value_is_compact(v)) << v;
    }
    // repr writes these the same, but the check does not vouch for them: an exponent, 16 or more
    // significant digits; and an integer that may not fit 64 bits.
    for (const char* v : {"1e-05", "1e+16", "0.1234567890123456", "1234567890123456789"}) {
        EXPECT_EQ(recompact(v), v) << v;
        EXPECT_FALSE(value_is_compact(v)) << v;
    }
    // Spellings repr does not write.
    for (const char* v : {"0.00001", "12.50", "1.0e2", "10000000000000000.0", "0.30000000000000004000", "-0.00"}) {
        EXPECT_NE(recompact(v), v) << v;
        EXPECT_FALSE(value_is_compact(v)) << v;
    }
}

// number_is_compact on its own: each verdict against the compact text of the parsed number.
TEST(json_raw, number_texts_are_compact_exactly_when_repr_writes_them_and_the_rule_vouches) {
    for (const char* t : {"0", "-7", "123456789012345678", "0.0", "-0.0", "1.0", "0.0001", "1200.0", "-0.015625",
                          "1000000000000000.0", "9999999999999990.0", "123456789012345.0", "0.123456789012345"}) {
        EXPECT_TRUE(number_is_compact(t)) << t;
        EXPECT_EQ(recompact(t), t) << t;
    }
    for (const char* t : {"-0", "1.50", "0.00", "0.00001", "1e2", "1E2", "1.0e2", "10000000000000000.0", "2.50",
                          "9999999999999999.0"})
        EXPECT_FALSE(number_is_compact(t)) << t;  // repr writes these otherwise
    for (const char* t : {"1234567890123456789", "0.1234567890123456", "1e-05"}) {
        EXPECT_FALSE(number_is_compact(t)) << t;  // repr's own text, but not vouched for
        EXPECT_EQ(recompact(t), t) << t;
    }
}

// On random fixed-notation decimals (every digit count, leading and trailing zeros, both signs),
// a float marked compact is repr's text; and the short ones repr writes back are marked.
TEST(json_raw, a_float_mark_is_never_wrong_on_random_decimals) {
    std::mt19937_64 rng(42);
    std::size_t marked = 0;
    for (int k = 0; k < 200000; ++k) {
        std::string t = rng() % 2 ? "-" : "";
        const int int_digits = static_cast<int>(rng() % 18);
        if (int_digits == 0) t += '0';
        else {
            t += static_cast<char>('1' + rng() % 9);
            for (int i = 1; i < int_digits; ++i) t += static_cast<char>('0' + (rng() % 3 ? rng() % 10 : 0));
        }
        t += '.';
        const int frac_digits = 1 + static_cast<int>(rng() % 18);
        for (int i = 0; i < frac_digits; ++i) t += static_cast<char>('0' + (rng() % 3 ? rng() % 10 : 0));
        const bool is_compact = value_is_compact(t);
        marked += is_compact;
        if (!is_compact && recompact(t) == t) {
            // Left unmarked though repr writes it: only where the check does not vouch.
            std::size_t sig = 0;
            bool seen = false;
            std::size_t last = 0, first = 0;
            for (std::size_t i = 0; i < t.size(); ++i)
                if (t[i] >= '1' && t[i] <= '9') {
                    if (!seen) first = i;
                    seen = true;
                    last = i;
                }
            if (seen) sig = last - first + 1 - (t.find('.') > first && t.find('.') < last ? 1 : 0);
            EXPECT_GT(sig, 15u) << t;
        }
    }
    EXPECT_GT(marked, 20000u);
}

TEST(json_raw, refuses_what_it_cannot_split) {
    std::vector<raw_member> out{raw_member{"keep", "1", true}};
    EXPECT_FALSE(split_members("[1,2]", out));
    EXPECT_FALSE(split_members("", out));
    EXPECT_FALSE(split_members(R"({"mess\u0061ges":[]})", out));  // a key must be matchable by its text
    EXPECT_FALSE(split_members(R"({"a":[1,2})", out));
    EXPECT_FALSE(split_members(R"({"a":"unterminated)", out));
    EXPECT_FALSE(split_members(R"({"a":tru})", out));
    ASSERT_EQ(out.size(), 1u);  // untouched on failure
    EXPECT_EQ(out[0].key, "keep");
}

// The duplicate-key check is quadratic in an object's keys, so large objects are not marked and
// cost a linear scan (a request with a 100,000-key object must not stall a thread).
TEST(json_raw, large_objects_are_scanned_linearly_and_not_marked) {
    std::string big = "{";
    for (int i = 0; i < 100000; ++i) big.append(i ? ",\"k" : "\"k").append(std::to_string(i)).append("\":1");
    big += "}";
    const std::string text = "{\"logit_bias\":" + big + ",\"messages\":[]}";
    std::vector<raw_member> m;
    ASSERT_TRUE(split_members(text, m));
    ASSERT_EQ(m.size(), 2u);
    EXPECT_FALSE(m[0].compact);
    EXPECT_EQ(m[0].value.size(), big.size());
    EXPECT_TRUE(m[1].compact);
    std::string small = "{";
    for (int i = 0; i < 64; ++i) small.append(i ? ",\"k" : "\"k").append(std::to_string(i)).append("\":1");
    EXPECT_TRUE(value_is_compact(small + "}"));
    EXPECT_FALSE(value_is_compact(small + ",\"k64\":1}"));
}

TEST(json_raw, top_level_duplicates_are_all_listed) {
    auto m = members(R"({"messages":[1],"messages":[2]})");
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[1].value, "[2]");
}

// Random documents mixing compact and non-compact spellings: a compact mark is never wrong.
class generator {
public:
    explicit generator(unsigned seed) : rng_(seed) {}

    std::string value(int depth) {
        switch (pick(depth > 3 ? 5 : 7)) {
            case 0: return pick(2) ? "true" : (pick(2) ? "false" : "null");
            case 1: return integer();
            case 2: return pick(4) ? string() : floating();
            case 3: return string();
            case 4: return string();
            case 5: return array(depth);
            default: return object(depth);
        }
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    std::string ws() { return pick(12) ? "" : (pick(2) ? " " : "\n  "); }
    std::string integer() {
        static const char* const pool[] = {"0", "-1", "42", "-0", "123456789012345678", "1234567890123456789",
                                           "18446744073709551615", "-9223372036854775808"};
        return pool[pick(8)];
    }
    std::string floating() {
        static const char* const pool[] = {"0.5", "1e5", "1.0", "-0.0", "2.50", "1E-7", "3.0e+2",
                                           "-0.6931471824645996", "0.30000000000000004", "-1.1920928955078125e-07",
                                           "1e+16", "-1.1920928955078125e-7", "0.3000000000000000444"};
        return pool[pick(13)];
    }
    std::string string() {
        static const char* const pool[] = {"a", "é", "中", "🙂", " ", "\\n", "\\\"", "\\\\", "\\t", "\\r", "\\b",
                                           "\\f", "\\u0001", "\\u001f", "\\u001F", "\\u000a", "\\/", "\\u00e9",
                                           "\\u4e2d", "x", "hello world", "{\\\"k\\\":1}"};
        std::string s = "\"";
        for (int n = pick(12); n > 0; --n) s += pool[pick(22)];
        return s + "\"";
    }
    std::string array(int depth) {
        std::string s = "[";
        s += ws();
        for (int n = pick(4), i = 0; i < n; ++i) {
            if (i) s.append(",").append(ws());
            s.append(value(depth + 1)).append(ws());
        }
        return s + "]";
    }
    std::string object(int depth) {
        static const char* const keys[] = {"role", "content", "name", "k", "tool_calls", "a\\nb"};
        std::string s = "{";
        s += ws();
        for (int n = pick(4), i = 0; i < n; ++i) {
            if (i) s.append(",").append(ws());
            s.append("\"").append(keys[pick(6)]).append("\"").append(ws()).append(":").append(ws());
            s.append(value(depth + 1)).append(ws());
        }
        return s + "}";
    }
    std::mt19937 rng_;
};

TEST(json_raw, a_compact_mark_is_never_wrong_on_random_documents) {
    generator g(20261127);
    std::size_t marked = 0, unmarked = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string v = g.value(0);
        (value_is_compact(v) ? marked : unmarked)++;
    }
    // Both outcomes are exercised.
    EXPECT_GT(marked, 2000u);
    EXPECT_GT(unmarked, 2000u);
}


// A known opening of the "messages" list is skipped when the text continues it with a comma;
// the member's text, compact mark and the members after it are what the full scan gives.
TEST(json_raw, a_known_list_opening_is_skipped_only_where_it_opens_the_list) {
    const std::string known = R"([{"role":"user","content":"a \"b\"\nc"},{"role":"assistant","content":"d"})";
    const std::string rest = R"({"role":"user","content":"e"}])";
    const std::string text = R"({"model":"m","messages":)" + known + "," + rest + R"(,"tools":[{"k":1}]})";
    std::vector<raw_member> full, skipped;
    ASSERT_TRUE(split_members(text, full));
    ASSERT_TRUE(split_members(text, skipped, known_prefix{"messages", known}));
    ASSERT_EQ(skipped.size(), 3u);
    ASSERT_EQ(full.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(skipped[i].key, full[i].key);
        EXPECT_EQ(skipped[i].value, full[i].value);
        EXPECT_EQ(skipped[i].compact, full[i].compact);
        EXPECT_EQ(full[i].skipped, 0u);
    }
    EXPECT_EQ(skipped[1].skipped, known.size());
    EXPECT_EQ(skipped[0].skipped + skipped[2].skipped, 0u);
    EXPECT_TRUE(skipped[1].compact);

    auto skipped_bytes = [](const std::string& t, const std::string& k, std::string_view key = "messages") {
        std::vector<raw_member> out;
        EXPECT_TRUE(split_members(t, out, known_prefix{key, k})) << t;
        std::size_t n = 0;
        for (const auto& m : out) n += m.skipped;
        return n;
    };
    // The same list without further elements, a different element, another key: read in full.
    EXPECT_EQ(skipped_bytes(R"({"messages":)" + known + "]}", known), 0u);
    EXPECT_EQ(skipped_bytes(R"({"messages":)" + known + "]}", known.substr(0, known.size() - 1)), 0u);
    std::string edited = known;
    edited[edited.size() - 3] = 'x';
    EXPECT_EQ(skipped_bytes(R"({"messages":)" + edited + "," + rest + "}", known), 0u);
    EXPECT_EQ(skipped_bytes(R"({"history":)" + known + "," + rest + "}", known), 0u);
    // Only at the top level.
    EXPECT_EQ(skipped_bytes(R"({"x":{"messages":)" + known + "," + rest + R"(},"messages":[]})", known), 0u);
    // A text that is not an array opening is never skipped.
    EXPECT_EQ(skipped_bytes(R"({"messages":"[x","y":1})", "\"[x\""), 0u);
}

TEST(json_raw, after_a_skipped_opening_the_rest_is_still_checked) {
    const std::string known = R"([{"a":1})";
    auto one = [&](const std::string& rest) {
        std::vector<raw_member> out;
        const std::string t = R"({"messages":)" + known + "," + rest + "}";
        const bool ok = split_members(t, out, known_prefix{"messages", known});
        EXPECT_TRUE(!ok || (out.size() == 1 && out[0].skipped == known.size())) << t;
        return ok ? std::optional<bool>(out[0].compact) : std::nullopt;
    };
    EXPECT_EQ(one(R"({"b":2}])"), std::optional<bool>(true));
    EXPECT_EQ(one(R"({"b":2.5}])"), std::optional<bool>(true));    // a float as repr writes it
    EXPECT_EQ(one(R"({"b":2.50}])"), std::optional<bool>(false));  // one repr writes otherwise
    EXPECT_EQ(one(R"( {"b":2}])"), std::optional<bool>(false));    // whitespace
    EXPECT_EQ(one(R"({"b":2,"b":3}])"), std::optional<bool>(false));  // a duplicate key
    EXPECT_EQ(one(R"({"b":2})"), std::nullopt);                    // the list never closes
}


TEST(json_raw, members_report_their_depth_and_deep_nesting_fails_without_recursion) {
    std::vector<raw_member> out;
    ASSERT_TRUE(split_members(R"({"a":[[1],{"b":[2]}],"c":2,"d":{}})", out));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].depth, 3u);
    EXPECT_EQ(out[1].depth, 0u);
    EXPECT_EQ(out[2].depth, 1u);
    // 511 levels inside the top-level object pass (parse_exact's limit is 512), more fail; a body
    // of 300,000 open brackets fails without exhausting the stack, with or without a known prefix.
    auto nested = [](std::size_t n, bool closed) {
        return R"({"a":)" + std::string(n, '[') + (closed ? std::string(n, ']') : std::string()) + "}";
    };
    out.clear();
    EXPECT_TRUE(split_members(nested(511, true), out));
    EXPECT_EQ(out.at(0).depth, 511u);
    out.clear();
    EXPECT_FALSE(split_members(nested(512, true), out));
    EXPECT_FALSE(split_members(nested(300000, false), out));
    const std::string deep = R"({"messages":[{"a":1},)" + std::string(300000, '[');
    EXPECT_FALSE(split_members(deep, out, known_prefix{"messages", R"([{"a":1})"}));
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace tito::json

namespace tito::json {
namespace {

// parse_exact's verdict on a whole text: compact only when the text is append_compact's text of
// the document (fixed cases: whitespace, escapes, duplicate keys at any depth, numbers, the
// 64-key cap).
TEST(json_parse, the_compact_verdict_on_whole_texts) {
    for (const std::string t : {R"({})", R"([])", R"({"a":1,"b":[1.5,{"c":"x\"y\\z"}],"d":null,"e":true,"f":false})",
                                R"({"x":-0.015625,"y":[-12.0,0.0001,-0.0]})", "-7",
                                // repr of long values: 17 significant digits, an exponent (checked
                                // by writing repr of the value)
                                R"({"a":-0.0012345678901234567,"b":[-1.1920928955078125e-07,1e+16]})",
                                R"({"content":"line\nline\ttab\r\b\f \u0001 \u0019","k":"\"q\""})"}) {
        EXPECT_TRUE(parsed_compact(t)) << t;
        EXPECT_EQ(recompact(t), t);
    }
    for (const std::string t : {R"({ })", R"( {})", R"({"a":1, "b":2})", R"({"a":1,"a":2})", R"({"o":{"a":1,"a":2}})",
                                R"({"a":[1, 2]})", R"({"a":"\/"})", R"({"a":"\u00e9"})", R"({"a":"\u0022"})",
                                R"({"a":1e5})", R"({"a":2.50})", R"({"a":-0})", R"({"a":"\u001F"})", R"({"a":"\u000a"})",
                                R"({"a":"\u0009"})", R"({"a":-1.1920928955078125e-7})", R"({"a":1e16})",
                                R"({"a":-0.00123456789012345670})"}) {
        EXPECT_FALSE(parsed_compact(t)) << t;
        EXPECT_NE(recompact(t), t) << t;
    }
    // A text repr writes the same but the check does not vouch for: a control character (its
    // \u00xx spelling could differ in case at the same size).
    for (const std::string t : {R"({"a":"\u001f"})"}) {
        EXPECT_FALSE(parsed_compact(t)) << t;
        EXPECT_EQ(recompact(t), t) << t;
    }
    std::string wide = "{";
    for (int i = 0; i < 65; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    EXPECT_FALSE(parsed_compact(wide + "}"));  // past 64 keys: not checked, re-serialized
    EXPECT_EQ(recompact(wide + "}"), wide + "}");
    wide.erase(wide.rfind(",\"k64\""));
    EXPECT_TRUE(parsed_compact(wide + "}"));
}

// On random documents mixing compact and other spellings, a "compact" verdict is never wrong.
TEST(json_parse, the_compact_verdict_is_never_wrong_on_random_documents) {
    generator g(11);
    std::size_t yes = 0, no = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string v = g.value(0);
        if (parsed_compact(v)) {
            ++yes;
            ASSERT_EQ(recompact(v), v);
        } else {
            ++no;
        }
    }
    EXPECT_GT(yes, 2000u);
    EXPECT_GT(no, 2000u);
}

}  // namespace
}  // namespace tito::json
