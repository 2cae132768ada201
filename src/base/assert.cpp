// File: base/assert.cpp
#include "base/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace tito {
namespace {
std::atomic<std::uint64_t> g_bugs{0};
}

std::uint64_t bugs_total() noexcept { return g_bugs.load(std::memory_order_relaxed); }

namespace detail {
void check_failed(const char* expr, const char* file, int line) {
    std::fprintf(stderr, "FATAL: check failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}

void bug(const char* what, const char* file, int line) {
    g_bugs.fetch_add(1, std::memory_order_relaxed);
    std::fprintf(stderr, "BUG: %s at %s:%d\n", what, file, line);
#ifndef NDEBUG
    std::abort();
#endif
}
}  // namespace detail
}  // namespace tito
