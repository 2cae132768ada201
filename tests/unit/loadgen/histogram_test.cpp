// Tests for app/tito_loadgen/histogram.hpp: percentiles within the bucket resolution.
#include <gtest/gtest.h>

#include <random>

#include "histogram.hpp"

namespace tito::loadgen {
namespace {

TEST(histogram, small_values_are_exact) {
    histogram h;
    for (std::uint64_t v = 1; v <= 50; ++v) h.record(v);
    EXPECT_EQ(h.count(), 50u);
    EXPECT_EQ(h.percentile(0.5), 25u);
    EXPECT_EQ(h.percentile(1.0), 50u);
    EXPECT_EQ(h.max(), 50u);
}

TEST(histogram, large_values_within_relative_error) {
    histogram h;
    std::vector<std::uint64_t> xs;
    std::mt19937_64 rng{1};
    std::lognormal_distribution<double> d{12, 1.5};
    for (int i = 0; i < 100000; ++i) {
        auto v = static_cast<std::uint64_t>(d(rng));
        xs.push_back(v);
        h.record(v);
    }
    std::sort(xs.begin(), xs.end());
    for (double q : {0.5, 0.9, 0.99, 0.999}) {
        const double exact = static_cast<double>(xs[static_cast<std::size_t>(q * xs.size()) - 1]);
        EXPECT_NEAR(static_cast<double>(h.percentile(q)), exact, exact / 32) << q;
    }
}

TEST(histogram, merge_adds_counts) {
    histogram a, b;
    a.record(100);
    b.record(300);
    a.merge(b);
    EXPECT_EQ(a.count(), 2u);
    EXPECT_EQ(a.max(), 300u);
    EXPECT_DOUBLE_EQ(a.mean(), 200.0);
}

}  // namespace
}  // namespace tito::loadgen
