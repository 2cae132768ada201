// File: base/assert.hpp
// TITO_ASSERT (debug only), TITO_CHECK (always, fatal), TITO_BUG (release: log + count; debug: abort).
// Never assert on anything a client can send.
#pragma once

#include <atomic>
#include <cstdint>

namespace tito::detail {
[[noreturn]] void check_failed(const char* expr, const char* file, int line);
void bug(const char* what, const char* file, int line);
}  // namespace tito::detail

namespace tito {
// Number of TITO_BUG hits since start (exported as a metric).
std::uint64_t bugs_total() noexcept;
}  // namespace tito

#define TITO_CHECK(cond) \
    ((cond) ? (void)0 : ::tito::detail::check_failed(#cond, __FILE__, __LINE__))
#ifdef NDEBUG
#define TITO_ASSERT(cond) ((void)0)
#else
#define TITO_ASSERT(cond) TITO_CHECK(cond)
#endif
#define TITO_BUG(what) ::tito::detail::bug(what, __FILE__, __LINE__)
