// Tests for text/class_map.hpp: the table answers like the regex classes it was built from.
#include <gtest/gtest.h>

#include <thread>

#include "text/class_map.hpp"
#include "text/utf8.hpp"

namespace tt = tito::text;

TEST(class_map, bits_follow_the_classes) {
    auto m = tt::class_map::make({R"(\p{L})", R"(\p{N})", R"(\s)"});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->bits(U'a'), 1);
    EXPECT_EQ(m->bits(U'7'), 2);
    EXPECT_EQ(m->bits(U' '), 4);
    EXPECT_EQ(m->bits(U'!'), 0);
    EXPECT_EQ(m->bits(0x85), 4);       // White_Space for Oniguruma
    EXPECT_EQ(m->bits(0x180E), 0);     // not White_Space
    EXPECT_EQ(m->bits(0x216B), 2);     // Nl
    EXPECT_EQ(m->bits(0x4E2D), 1);     // Lo
    EXPECT_EQ(m->bits(0x1E030), 1);    // Lm assigned in Unicode 15
    EXPECT_EQ(m->bits(0x10D50), 1);    // Lu assigned in Unicode 16
    EXPECT_EQ(m->bits(0xD800), 0);     // surrogate
    EXPECT_EQ(m->bits(0x110000), 0);
}

TEST(class_map, agrees_with_the_regex_on_a_sample_of_code_points) {
    const std::vector<std::string> classes = {R"(\p{L})", R"(\p{N})", R"(\s)", R"(\p{M})"};
    auto m = tt::class_map::make(classes);
    ASSERT_TRUE(m);
    std::vector<tt::regex> res;
    for (const auto& c : classes) res.push_back(*tt::regex::compile(c));
    std::vector<tt::match> found;
    for (char32_t c = 0x80; c <= 0x10FFFF; c += 13) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string s;
        tt::append_utf8(s, c);
        std::uint8_t want = 0;
        for (std::size_t k = 0; k < res.size(); ++k) {
            res[k].find_all(s, found);
            if (!found.empty()) want |= std::uint8_t(1u << k);
        }
        ASSERT_EQ(m->bits(c), want) << static_cast<std::uint32_t>(c);
    }
}

TEST(class_map, concurrent_first_use_is_consistent) {
    auto m = tt::class_map::make({R"(\p{L})"});
    ASSERT_TRUE(m);
    std::vector<std::thread> threads;
    std::vector<int> letters(4);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (char32_t c = 0x100; c < 0x30000; ++c) letters[t] += m->bits(c);
        });
    for (auto& t : threads) t.join();
    for (int t = 1; t < 4; ++t) EXPECT_EQ(letters[t], letters[0]);
    EXPECT_GT(letters[0], 100000);
}
