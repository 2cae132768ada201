// File: base/json_raw.hpp
// The members of a JSON object text as slices of that text, each marked when its bytes are
// exactly what json::append_compact writes for the value json::parse_exact reads from them. A
// writer can then copy the client's bytes instead of re-serializing a parsed history every turn.
// "Exactly" is checked conservatively: no whitespace outside strings, integers of at most 18
// digits (no "-0"), floats only as Python's repr writes them in fixed notation with at most 15
// significant digits ("-0.015625", "12.0"), no duplicate keys in any object, and only the escapes
// append_quoted itself writes (\" \\ \n \r \t \b \f and lowercase \u00xx for the other control
// characters). Anything else (an exponent, "0.50", "\/", "\u00e9", pretty-printing, an object of
// more than 64 keys, where the duplicate check would turn quadratic) leaves the member unmarked:
// re-serialize it. The scan is linear in the text, and nesting deeper than 512 (parse_exact's
// limit) fails the split rather than the stack.
// A known opening of one member's array can be skipped: when the value of top-level key
// `skip.key` starts with `skip.text` ("[v0,...,vk", the opening bracket and the first elements of
// an array whose text an earlier body already had, compact) followed by a comma, the scan jumps
// over it instead of reading those elements again; the member's `skipped` says how many bytes.
// Usage:
//   std::vector<json::raw_member> members;
//   if (json::split_members(body_text, members))          // text already accepted by parse_exact
//       for (auto& m : members) if (m.key == "messages" && m.compact) out += m.value;
#pragma once

#include <string_view>
#include <vector>

namespace tito::json {

struct raw_member {
    std::string_view key;    // the key as written between its quotes (escapes not decoded)
    std::string_view value;  // the value's text, without surrounding whitespace
    bool compact = false;    // value == compact(parse_exact(value)), byte for byte
    std::size_t skipped = 0; // bytes of value taken as known (split_known's prefix), else 0
    std::size_t depth = 0;   // nesting of the scanned part of value: 0 for a scalar, 1 for [1], 2 for [[1]]
};

// An array opening taken as known and compact (see above).
struct known_prefix {
    std::string_view key;
    std::string_view text;  // "[v0,...,vk": no closing bracket, no trailing comma
};

// Appends the members of the object `text` in order (duplicates included). False, with `out`
// unchanged, when `text` is not a JSON object or a top-level key contains an escape (so that a
// key can be matched by its text).
bool split_members(std::string_view text, std::vector<raw_member>& out);
// The same, skipping `skip.text` where it opens the value of top-level key `skip.key`.
bool split_members(std::string_view text, std::vector<raw_member>& out, const known_prefix& skip);

// Whether a JSON number's text is exactly what append_compact writes for the value parse_exact
// reads from it, by the rules above (integers of at most 18 digits but "-0", floats as repr
// writes them in fixed notation with at most 15 significant digits).
bool number_is_compact(std::string_view number_text);

}  // namespace tito::json
