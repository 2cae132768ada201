// File: jinja/fuel.hpp
// Step budget of one render (minijinja vm/fuel.rs): every statement, loop iteration and call
// consumes one unit; running out is a template_runtime error, so a hostile or buggy template cannot
// spin a server thread forever.
// Usage:
//   fuel f(1'000'000); if (!f.consume()) return fail(py_exc::limit, "out of fuel");
#pragma once

#include <cstdint>

namespace tito::jinja {

class fuel {
public:
    explicit fuel(std::uint64_t budget) noexcept : left_(budget) {}
    bool consume(std::uint64_t n = 1) noexcept {
        if (left_ < n) return false;
        left_ -= n;
        return true;
    }
    std::uint64_t left() const noexcept { return left_; }

private:
    std::uint64_t left_;
};

}  // namespace tito::jinja
