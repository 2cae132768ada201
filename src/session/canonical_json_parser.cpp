// File: session/canonical_json_parser.cpp
// canonicalize_json_text: a strict recursive-descent JSON parser that builds canonical_json
// directly. It accepts exactly what Python's json.loads accepts (whitespace is space, tab, LF,
// CR; no control characters inside strings; \uXXXX escapes with surrogate pairs joined and lone
// surrogates kept) minus what the loose matcher rejects on top (duplicate keys after unescaping,
// NaN, Infinity, -Infinity, numbers Decimal cannot hold exactly). Recursion is bounded by
// json_depth_limit, so hostile nesting costs an error, not the stack.
#include "session/canonical_json.hpp"

#include "base/hex.hpp"
#include "session/exact_decimal.hpp"
#include "session/json_equality.hpp"

namespace tito::session {
namespace {

bool is_json_whitespace(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_number_char(char c) noexcept {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Code points up to U+10FFFF; surrogates get the same 3-byte pattern as any BMP code point.
void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class strict_parser {
public:
    explicit strict_parser(std::string_view text) : text_(text) {}

    std::optional<canonical_json> parse_document() {
        skip_whitespace();
        auto v = parse_value(0);
        if (!v) return std::nullopt;
        skip_whitespace();
        if (pos_ != text_.size()) return std::nullopt;  // Python: "Extra data"
        return v;
    }

private:
    bool at_end() const noexcept { return pos_ >= text_.size(); }
    char peek() const noexcept { return text_[pos_]; }

    void skip_whitespace() noexcept {
        while (!at_end() && is_json_whitespace(peek())) ++pos_;
    }

    bool consume(char c) noexcept {
        if (at_end() || peek() != c) return false;
        ++pos_;
        return true;
    }

    bool consume_word(std::string_view word) noexcept {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    std::optional<canonical_json> parse_value(std::size_t depth) {
        if (at_end()) return std::nullopt;
        canonical_json node;
        switch (peek()) {
            case '{': return depth < json_depth_limit ? parse_object(depth + 1) : std::nullopt;
            case '[': return depth < json_depth_limit ? parse_array(depth + 1) : std::nullopt;
            case '"':
                node.type = canonical_json::kind::string;
                if (!parse_string(node.text)) return std::nullopt;
                return node;
            case 'n':
                if (!consume_word("null")) return std::nullopt;
                return node;
            case 't':
            case 'f':
                node.type = canonical_json::kind::boolean;
                node.boolean = peek() == 't';
                if (!consume_word(node.boolean ? "true" : "false")) return std::nullopt;
                return node;
            default: return parse_number();  // NaN / Infinity / -Infinity fail here
        }
    }

    // The maximal run of number characters must be one valid number: in Python a shorter valid
    // prefix would leave a character that no JSON context accepts after a value.
    std::optional<canonical_json> parse_number() {
        const std::size_t begin = pos_;
        while (!at_end() && is_number_char(peek())) ++pos_;
        auto d = parse_exact_decimal(text_.substr(begin, pos_ - begin));
        if (!d) return std::nullopt;
        canonical_json node;
        node.type = canonical_json::kind::number;
        node.text = to_string(*d);
        return node;
    }

    std::optional<canonical_json> parse_array(std::size_t depth) {
        ++pos_;  // '['
        canonical_json node;
        node.type = canonical_json::kind::array;
        skip_whitespace();
        if (consume(']')) return node;
        for (;;) {
            skip_whitespace();
            auto item = parse_value(depth);
            if (!item) return std::nullopt;
            node.items.push_back(std::move(*item));
            skip_whitespace();
            if (consume(']')) return node;
            if (!consume(',')) return std::nullopt;
        }
    }

    std::optional<canonical_json> parse_object(std::size_t depth) {
        ++pos_;  // '{'
        std::vector<std::pair<std::string, canonical_json>> members;
        skip_whitespace();
        if (consume('}')) return detail::make_canonical_object(std::move(members));
        for (;;) {
            skip_whitespace();
            std::string key;
            if (at_end() || peek() != '"' || !parse_string(key)) return std::nullopt;
            skip_whitespace();
            if (!consume(':')) return std::nullopt;
            skip_whitespace();
            auto value = parse_value(depth);
            if (!value) return std::nullopt;
            members.emplace_back(std::move(key), std::move(*value));
            skip_whitespace();
            if (consume('}')) return detail::make_canonical_object(std::move(members));
            if (!consume(',')) return std::nullopt;
        }
    }

    // Four hex digits at pos_ (after "\u"); -1 if they are not there.
    long parse_hex4() noexcept {
        if (text_.size() - pos_ < 4) return -1;
        long cp = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const int h = hex_digit(text_[pos_ + i]);
            if (h < 0) return -1;
            cp = cp * 16 + h;
        }
        pos_ += 4;
        return cp;
    }

    bool parse_unicode_escape(std::string& out) {
        const long cp = parse_hex4();
        if (cp < 0) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
            const std::size_t save = pos_;
            pos_ += 2;
            const long low = parse_hex4();
            if (low < 0) return false;  // an invalid escape is an error either way
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
                return true;
            }
            pos_ = save;  // not a pair: the next escape is decoded on its own
        }
        append_utf8(out, static_cast<std::uint32_t>(cp));
        return true;
    }

    bool parse_escape(std::string& out) {
        if (at_end()) return false;
        const char c = text_[pos_++];
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': return parse_unicode_escape(out);
            default: return false;
        }
    }

    // At the opening quote; leaves pos_ after the closing one. Bytes >= 0x80 are copied as they
    // are (the argument string came out of a UTF-8 validated request).
    bool parse_string(std::string& out) {
        ++pos_;
        for (;;) {
            if (at_end()) return false;
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;  // strict=True
            ++pos_;
            if (c == '\\') {
                if (!parse_escape(out)) return false;
            } else {
                out += c;
            }
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<canonical_json> canonicalize_json_text(std::string_view text) {
    return strict_parser{text}.parse_document();
}

}  // namespace tito::session
