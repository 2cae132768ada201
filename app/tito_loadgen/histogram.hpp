// File: app/tito_loadgen/histogram.hpp
// Log-linear latency histogram (HdrHistogram-style): values in nanoseconds, each power-of-two
// range split into 64 linear sub-buckets, so any reported percentile is within 1/64 (1.6%) of
// the true value. Fixed memory, O(1) record, mergeable across threads.
// Usage:
//   histogram h; h.record(12'345); h.percentile(0.99);
#pragma once

#include <array>
#include <cstdint>

namespace tito::loadgen {

class histogram {
public:
    void record(std::uint64_t ns) noexcept;
    void merge(const histogram& o) noexcept;
    std::uint64_t count() const noexcept { return count_; }
    // q in [0, 1]; returns the upper edge of the bucket holding the q-quantile (0 if empty).
    std::uint64_t percentile(double q) const noexcept;
    std::uint64_t max() const noexcept { return max_; }
    double mean() const noexcept { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0; }

private:
    static constexpr int sub_bits = 6;
    static constexpr int sub = 1 << sub_bits;
    static constexpr int ranges = 64 - sub_bits;
    static std::size_t index_of(std::uint64_t v) noexcept;
    static std::uint64_t upper_edge(std::size_t i) noexcept;
    std::array<std::uint64_t, (ranges + 1) * sub> buckets_{};
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace tito::loadgen
