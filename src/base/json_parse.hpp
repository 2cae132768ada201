// File: base/json_parse.hpp
// JSON parsing the way Python's json module reads it: key order kept, a duplicate key keeps its
// first position with the last value, and doubles correctly rounded (Boost 1.81's own double
// parsing is sometimes one ulp off, e.g. 2.0745096302730225e-218; numbers are re-read from their
// text with std::from_chars). Integers beyond 64 bits become doubles (Python keeps them exact).
// Usage:
//   boost::system::error_code ec;
//   boost::json::value v = tito::json::parse_exact(text, ec);
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string_view>

namespace tito::json {

// max_depth bounds nesting (deeper input is an error, never a crash). `sp` is the memory resource
// of the result (default: the heap); request-scoped documents use a monotonic arena so building
// and dropping them is cheap. A value moved out of such a document keeps pointing into the arena:
// copy it (value(v, storage_ptr{})) to keep it beyond the document.
// `all_finite`, when given, is set to whether every number read is finite (text such as 1e999
// reads as infinity). `compact`, when given, is set to whether `text` is exactly what
// append_compact writes for the result (decided conservatively, see json_compact_tracker.hpp:
// false never misleads, true is always right).
boost::json::value parse_exact(std::string_view text, boost::system::error_code& ec, std::size_t max_depth = 512,
                               boost::json::storage_ptr sp = {}, bool* all_finite = nullptr, bool* compact = nullptr);
// The correctly rounded value of a JSON number's text, given Boost's reading of it (`parsed`, kept
// when the text is out of double range): what parse_exact stores for a double.
double exact_double(double parsed, std::string_view text) noexcept;

// The same value, and whether `text` is its repr (the spelling append_compact writes). Short
// fixed-notation texts are judged by their spelling (json::number_is_compact); for the others
// Boost's reading is tried first: when repr(parsed) is the text, parsed is the correctly rounded
// value (repr round-trips), so a long text in Python's spelling (a full-precision logprob) is not
// read a second time.
struct exact_reading {
    double value;
    bool is_repr;
};
exact_reading read_double(double parsed, std::string_view text) noexcept;
// read_double's verdict alone (the value is not needed: nothing keeps it).
bool is_repr(double parsed, std::string_view text) noexcept;

// A fresh arena (boost::json::monotonic_resource, first block `initial_bytes`) for one document.
boost::json::storage_ptr make_arena(std::size_t initial_bytes);

// An arena its holder owns beside the document (declared before it), passed to parse_exact as
// storage_ptr(arena.get()). Unlike make_arena's shared one, nothing in it is ever destroyed value
// by value: Boost.JSON skips the destructor walk for an unshared, trivially-deallocating resource,
// and the arena goes in one free. The price: nothing made from the document may outlive the
// holder unless it was copied into other storage (a heap value assigned from it, or
// value(v, storage_ptr{})); a plain copy construction keeps the source's arena.
using owned_arena = std::unique_ptr<boost::json::monotonic_resource>;
owned_arena new_arena(std::size_t initial_bytes);

}  // namespace tito::json
