// File: base/result.hpp
// result<T> = boost::system::result<T, tito::error>, plus the TITO_TRY propagation macros.
// Usage:
//   tito::result<int> parse(std::string_view s);
//   tito::result<void> f() { TITO_TRY(auto n, parse("12")); use(n); return {}; }
#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include "base/error.hpp"

namespace tito {

[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location&) {
    throw error_exception(e);
}

template <class T>
using result = boost::system::result<T, error>;

inline error make_error(errc code, std::string message) { return error{code, std::move(message)}; }

}  // namespace tito

#define TITO_CONCAT_INNER(a, b) a##b
#define TITO_CONCAT(a, b) TITO_CONCAT_INNER(a, b)

// TITO_TRY(decl, expr): evaluate expr (a result); on error return it, else bind the value to decl.
// TITO_TRY_VOID(expr): for result<void>.
#define TITO_TRY_IMPL(tmp, decl, expr, ret_kw) \
    auto tmp = (expr);                         \
    if (!tmp) ret_kw std::move(tmp).error();   \
    decl = std::move(*tmp)
#define TITO_TRY(decl, expr) TITO_TRY_IMPL(TITO_CONCAT(tito_try_, __LINE__), decl, expr, return)
#define TITO_CO_TRY(decl, expr) TITO_TRY_IMPL(TITO_CONCAT(tito_try_, __LINE__), decl, expr, co_return)
#define TITO_TRY_VOID(expr)                                          \
    do {                                                             \
        auto TITO_CONCAT(tito_try_, __LINE__) = (expr);              \
        if (!TITO_CONCAT(tito_try_, __LINE__))                       \
            return std::move(TITO_CONCAT(tito_try_, __LINE__)).error(); \
    } while (0)
