// Tests for obs/metrics.hpp: histogram buckets, merge, the Prometheus text, and docs/metrics.md
// listing exactly the metrics of metric_list().
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace tito::obs {
namespace {

TEST(metrics, histogram_buckets_are_cumulative) {
    latency_histogram h;
    h.observe(0.00005);
    h.observe(0.003);
    h.observe(1000);
    EXPECT_EQ(h.count(), 3u);
    EXPECT_EQ(h.cumulative(0), 1u);   // <= 100 us
    EXPECT_EQ(h.cumulative(5), 2u);   // <= 5 ms
    EXPECT_EQ(h.cumulative(18), 2u);  // <= 600 s
    EXPECT_EQ(h.cumulative(19), 3u);  // +Inf
}

TEST(metrics, prometheus_text_has_help_type_and_labelled_series) {
    thread_metrics a, b;
    a.request("chat", 200, 0.01);
    b.request("chat", 200, 0.02);
    b.request("chat", 410, 0.5);
    b.turns_committed = 3;
    a.merge(b);
    auto text = render_prometheus(a, {{"tito_sessions_live", "Sessions created and not yet deleted", 7}});
    EXPECT_NE(text.find("# TYPE tito_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(text.find("tito_http_requests_total{route=\"chat\",status=\"200\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("tito_http_requests_total{route=\"chat\",status=\"410\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("tito_http_request_duration_seconds_bucket{route=\"chat\",le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("tito_http_request_duration_seconds_count{route=\"chat\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("tito_chat_turns_committed_total 3\n"), std::string::npos);
    EXPECT_NE(text.find("tito_sessions_live 7\n"), std::string::npos);
}

TEST(metrics, docs_list_every_metric) {
    std::ifstream f{std::string(TITO_SOURCE_DIR) + "/docs/metrics.md"};
    ASSERT_TRUE(f) << "docs/metrics.md missing";
    std::stringstream ss;
    ss << f.rdbuf();
    const auto doc = ss.str();
    std::size_t rows = 0;
    for (const auto& m : metric_list()) {
        const auto row = "| `" + m.name + "` | " + m.type + " | " + m.help + " |";
        EXPECT_NE(doc.find(row), std::string::npos) << "missing row: " << row;
        ++rows;
    }
    const std::regex any_row{R"(\n\| `tito_[a-z_]+` \|)"};
    EXPECT_EQ(static_cast<std::size_t>(std::distance(std::sregex_iterator(doc.begin(), doc.end(), any_row), std::sregex_iterator())),
              rows);
}

TEST(log, text_and_json_lines) {
    event e{"chat_done"};
    e.add("session_id", "abc").add("total_ms", 1.25).add("status", 200).add("note", "two words");
    const auto text = e.render(false);
    EXPECT_NE(text.find(" level=info event=chat_done session_id=abc total_ms=1.250 status=200 note=\"two words\""),
              std::string::npos)
        << text;
    const auto json = e.render(true);
    EXPECT_NE(json.find(R"("event":"chat_done","session_id":"abc","total_ms":1.250,"status":200,"note":"two words"})"),
              std::string::npos)
        << json;
}

// Three decimals as fmt's {:.3f} writes them; the last digit may differ only at a rounding half.
TEST(log, numbers_have_three_decimals) {
    auto written = [](double v) {
        const auto text = event{"x"}.add("v", v).render(false);
        return text.substr(text.find(" v=") + 3);
    };
    EXPECT_EQ(written(1.25), "1.250");
    EXPECT_EQ(written(0.0), "0.000");
    EXPECT_EQ(written(-0.0), "-0.000");
    EXPECT_EQ(written(-2.0004), "-2.000");
    EXPECT_EQ(written(123456.7891), "123456.789");
    EXPECT_EQ(written(1e13), "10000000000000.000");  // beyond the integer path: fmt
    EXPECT_EQ(written(4460688650028.2393), "4460688650028.239");
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        // Up to 2^31, past the 1e9 where fmt takes over; above 2^33 the rounded product could
        // land on a half that the value is not near (the reason for the bound).
        const double v = std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng), static_cast<int>(rng() % 44) - 12);
        const std::string want = fmt::format("{:.3f}", v);
        const std::string got = written(v);
        const double scaled = std::fabs(v * 1000);
        if (std::fabs(scaled - std::floor(scaled) - 0.5) < 1e-6) {
            EXPECT_NEAR(std::stod(got), std::stod(want), 0.0011) << v;
        } else {
            EXPECT_EQ(got, want) << v;
        }
    }
}

TEST(log, many_fields_long_values_and_the_timestamp) {
    // Fields live in one buffer that grows while they are added: offsets, not pointers.
    event e{"big"};
    const std::string long_value(2000, 'x');
    for (int i = 0; i < 30; ++i) e.add(i % 2 ? "odd" : "even", i);
    e.add("long", long_value).add("neg", std::int64_t{-7}).add("big", std::uint64_t{18446744073709551615ull}).add("d", -0.5);
    const auto text = e.render(false);
    EXPECT_NE(text.find(" even=0 odd=1 even=2"), std::string::npos);
    EXPECT_NE(text.find(" odd=29 long=" + long_value + " neg=-7 big=18446744073709551615 d=-0.500"), std::string::npos);
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(^ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=info event=big )")))
        << text.substr(0, 80);
    const auto json = e.render(true);
    EXPECT_TRUE(std::regex_search(json, std::regex(R"(^\{"ts":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"info","event":"big",)")))
        << json.substr(0, 80);
    EXPECT_NE(json.find(R"("neg":-7,"big":18446744073709551615,"d":-0.500})"), std::string::npos);
}

}  // namespace
}  // namespace tito::obs
