// File: jinja/error.hpp
// Internal error plumbing of the template engine: a one-pointer failure type (so hot-path results
// stay small), constructors for syntax/runtime errors with their location, and JTRY macros.
// Usage:
//   jres<value> f() { JTRY(auto v, g()); return v; }
//   return fail_runtime(loc, "can only concatenate str");
// The public API converts a failure into tito::error (see environment.cpp).
#pragma once

#include <memory>
#include <string>

#include <boost/system/result.hpp>

#include "base/error.hpp"
#include "base/result.hpp"

namespace tito::jinja {

// Source position of a token or node (1-based).
struct src_loc {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// Python exception class the reference would raise; used for messages and tests.
enum class py_exc : std::uint8_t {
    template_error,          // raise_exception(msg)
    type_error,
    undefined_error,
    security_error,
    template_runtime_error,
    value_error,
    zero_division,
    index_error,
    limit,                   // fuel / recursion limits (no Jinja2 equivalent)
    syntax,
};

// A failure: heap-allocated so jres<T> stays the size of T plus a word.
class failure {
public:
    failure() = default;
    failure(py_exc kind, std::string message, src_loc where);
    py_exc kind() const noexcept { return p_->kind; }
    const std::string& message() const noexcept { return p_->message; }
    src_loc where() const noexcept { return p_->where; }
    bool has_where() const noexcept { return p_->where.line != 0; }
    void set_where(src_loc w) { if (p_->where.line == 0) p_->where = w; }
    // Converts to the project error, naming the template.
    tito::error to_error(const std::string& template_name) const;

private:
    struct data {
        py_exc kind;
        std::string message;
        src_loc where;
    };
    std::shared_ptr<data> p_;
};

template <class T>
using jres = boost::system::result<T, failure>;

failure fail(py_exc kind, std::string message, src_loc where = {});
inline failure fail_type(std::string m, src_loc w = {}) { return fail(py_exc::type_error, std::move(m), w); }
inline failure fail_undefined(std::string m, src_loc w = {}) {
    return fail(py_exc::undefined_error, std::move(m), w);
}
const char* py_exc_name(py_exc k) noexcept;

}  // namespace tito::jinja

#define JTRY_IMPL(tmp, decl, expr)               \
    auto tmp = (expr);                           \
    if (!tmp) return std::move(tmp).error();     \
    decl = std::move(*tmp)
#define JTRY(decl, expr) JTRY_IMPL(TITO_CONCAT(jtry_, __LINE__), decl, expr)
#define JTRY_VOID(expr)                                                  \
    do {                                                                 \
        auto TITO_CONCAT(jtry_, __LINE__) = (expr);                      \
        if (!TITO_CONCAT(jtry_, __LINE__))                               \
            return std::move(TITO_CONCAT(jtry_, __LINE__)).error();      \
    } while (0)
