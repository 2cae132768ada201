// File: text/class_map.cpp
#include "text/class_map.hpp"

#include "text/utf8.hpp"

namespace tito::text {

result<class_map> class_map::make(const std::vector<std::string>& classes) {
    if (classes.size() > 8) return error{errc::tokenizer_load, "class_map: more than 8 classes"};
    class_map m;
    for (const auto& c : classes) {
        TITO_TRY(auto re, regex::compile(c));
        m.classes_.push_back(std::move(re));
    }
    m.blocks_ = std::make_unique<std::atomic<const std::uint8_t*>[]>(block_count);
    for (std::size_t i = 0; i < block_count; ++i) m.blocks_[i].store(nullptr, std::memory_order_relaxed);
    const std::uint8_t* first = m.fill(0);
    std::copy(first, first + 128, m.ascii_.begin());
    return m;
}

class_map::~class_map() {
    if (!blocks_) return;
    for (std::size_t i = 0; i < block_count; ++i) delete[] blocks_[i].load(std::memory_order_relaxed);
}

// Runs every class over the block's 256 code points (surrogates left out) and publishes the bits.
// Two threads may fill the same block; the loser frees its copy.
const std::uint8_t* class_map::fill(std::size_t block) const noexcept {
    std::string text;
    text.reserve(256 * 4);
    for (char32_t c = static_cast<char32_t>(block << 8), end = c + 256; c < end; ++c)
        if (c < 0xD800 || c > 0xDFFF) append_utf8(text, c);
    auto* bits = new std::uint8_t[256]();
    std::vector<match> found;
    for (std::size_t k = 0; k < classes_.size(); ++k) {
        classes_[k].find_all(text, found);
        for (const match& m : found)
            for (std::size_t i = m.begin; i < m.end;) bits[decode_one(text, i) & 0xFF] |= std::uint8_t(1u << k);
    }
    const std::uint8_t* expected = nullptr;
    if (blocks_[block].compare_exchange_strong(expected, bits, std::memory_order_acq_rel)) return bits;
    delete[] bits;
    return expected;
}

}  // namespace tito::text
