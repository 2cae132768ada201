// File: app/tito_loadgen/histogram.cpp
#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace tito::loadgen {

std::size_t histogram::index_of(std::uint64_t v) noexcept {
    if (v < sub) return static_cast<std::size_t>(v);
    const int msb = 63 - std::countl_zero(v);          // >= sub_bits
    const int shift = msb - sub_bits;                   // bucket width 2^shift
    const std::uint64_t within = (v >> shift) - sub;    // 0..sub-1
    return static_cast<std::size_t>((shift + 1) * sub + within);
}

std::uint64_t histogram::upper_edge(std::size_t i) noexcept {
    if (i < sub) return i;
    const std::size_t shift = i / sub - 1;
    const std::uint64_t within = i % sub;
    return ((sub + within + 1) << shift) - 1;
}

void histogram::record(std::uint64_t ns) noexcept {
    ++buckets_[std::min(index_of(ns), buckets_.size() - 1)];
    ++count_;
    sum_ += ns;
    max_ = std::max(max_, ns);
}

void histogram::merge(const histogram& o) noexcept {
    for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += o.buckets_[i];
    count_ += o.count_;
    sum_ += o.sum_;
    max_ = std::max(max_, o.max_);
}

std::uint64_t histogram::percentile(double q) const noexcept {
    if (count_ == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= std::max<std::uint64_t>(rank, 1)) return std::min(upper_edge(i), max_);
    }
    return max_;
}

}  // namespace tito::loadgen
