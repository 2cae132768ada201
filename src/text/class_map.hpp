// File: text/class_map.hpp
// Per-code-point membership in up to 8 regex character classes (Oniguruma syntax, e.g. "\\p{L}",
// "\\s"), answered from a table. The table is filled by text::regex itself, 256 code points at a
// time on first use, so a class here contains exactly the characters the same class matches in a
// text::regex pattern (including the Unicode 16 extensions). Immutable after construction apart
// from the lazily filled blocks, which are published with atomics: share one map across threads.
// Usage:
//   TITO_TRY(auto m, class_map::make({"\\p{L}", "\\p{N}", "\\s"}));
//   std::uint8_t bits = m.bits(U'a');   // 0b001
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "text/regex.hpp"

namespace tito::text {

class class_map {
public:
    // classes[i] gives bit i. Error (errc::tokenizer_load) if a class does not compile or there
    // are more than 8.
    static result<class_map> make(const std::vector<std::string>& classes);

    class_map(class_map&&) noexcept = default;
    class_map& operator=(class_map&&) noexcept = default;
    ~class_map();

    // Bit i set when c is a member of classes[i]. Surrogates and values past U+10FFFF give 0.
    std::uint8_t bits(char32_t c) const noexcept {
        if (c < 0x80) return ascii_[c];
        if (c > 0x10FFFF) return 0;
        const std::uint8_t* block = blocks_[c >> 8].load(std::memory_order_acquire);
        if (block == nullptr) block = fill(c >> 8);
        return block[c & 0xFF];
    }

private:
    static constexpr std::size_t block_count = 0x110000 >> 8;
    class_map() = default;
    const std::uint8_t* fill(std::size_t block) const noexcept;

    std::vector<regex> classes_;
    std::array<std::uint8_t, 128> ascii_{};
    std::unique_ptr<std::atomic<const std::uint8_t*>[]> blocks_;
};

}  // namespace tito::text
