// Tests for tokenizer/fast_split.hpp: same matches as text::regex on the Llama 3 and Qwen2 split
// patterns, on fixed cases and on random strings over an alphabet of the characters where the
// alternatives differ (contractions, long s, Unicode spaces, marks, numbers of every kind,
// characters assigned after Unicode 14).
#include <gtest/gtest.h>

#include <random>

#include "text/regex.hpp"
#include "text/utf8.hpp"
#include "tokenizer/fast_split.hpp"

namespace tk = tito::tokenizer;
namespace tt = tito::text;

namespace {

constexpr std::string_view llama3 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view qwen2 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

std::vector<std::string> texts(std::string_view s, const std::vector<tt::match>& m) {
    std::vector<std::string> out;
    for (auto x : m) out.emplace_back(s.substr(x.begin, x.end - x.begin));
    return out;
}

std::vector<std::string> pieces(const tk::fast_split& f, std::string_view s) {
    std::vector<tt::match> m;
    f.find_matches(s, m);
    return texts(s, m);
}

std::vector<std::string> regex_pieces(const tt::regex& re, std::string_view s) {
    std::vector<tt::match> m;
    re.find_all(s, m);
    return texts(s, m);
}

const std::vector<std::string> alphabet = {
    "a", "Z", "s", "S", "t", "T", "r", "R", "e", "E", "v", "m", "l", "L", "d", "D", "x", "'", "'",
    "\xC5\xBF",          // U+017F long s (folds to s)
    "0", "7", "9", " ", " ", " ", "\t", "\n", "\r", "\x0B", "\x0C",
    "\xC2\x85",          // U+0085 (White_Space)
    "\xC2\xA0",          // U+00A0 no-break space
    "\xE3\x80\x80",      // U+3000 ideographic space
    "\xE2\x80\xA8",      // U+2028 line separator
    "\xE1\xA0\x8E",      // U+180E (not White_Space)
    "!", ".", "/", "_", "-", "\"", "(", "\xC2\xB2",  // U+00B2 superscript two (No)
    "\xC3\xA9",          // U+00E9
    "\xCC\x81",          // U+0301 combining acute (Mn)
    "\xE4\xB8\xAD",      // U+4E2D
    "\xD9\xA3",          // U+0663 Arabic-Indic three (Nd)
    "\xE2\x85\xAB",      // U+216B Roman numeral twelve (Nl)
    "\xF0\x9F\x98\x80",  // U+1F600 emoji (So)
    "\xF0\x9E\x80\xB0",  // U+1E030 (Lm, Unicode 15)
    "\xF0\x90\xB5\x90",  // U+10D50 (Lu, Unicode 16)
    "\xCD\xB8",          // U+0378 unassigned
    "\xC7\x85",          // U+01C5 (Lt)
    "\xCA\xB0",          // U+02B0 (Lm)
};

// For both patterns: `rounds` subjects from `subject(rng)`, each split by fast_split and by the
// regex, compared.
template <class Subject>
void agrees_on(int rounds, unsigned seed, Subject subject) {
    for (std::string_view pattern : {llama3, qwen2}) {
        auto f = tk::fast_split::recognize(pattern);
        auto re = tt::regex::compile(pattern);
        ASSERT_TRUE(f);
        ASSERT_TRUE(re);
        std::mt19937 rng(seed);
        for (int round = 0; round < rounds; ++round) {
            const std::string s = subject(rng);
            ASSERT_EQ(pieces(*f, s), regex_pieces(*re, s)) << "pattern " << pattern << " subject [" << s << "]";
        }
    }
}

}  // namespace

TEST(fast_split, recognizes_only_its_patterns) {
    EXPECT_TRUE(tk::fast_split::recognize(llama3));
    EXPECT_TRUE(tk::fast_split::recognize(qwen2));
    EXPECT_FALSE(tk::fast_split::recognize(R"(\p{L}+)"));
    EXPECT_FALSE(tk::fast_split::recognize(std::string(qwen2) + "|x"));
}

TEST(fast_split, splits_like_the_pattern) {
    auto f = tk::fast_split::recognize(llama3);
    ASSERT_TRUE(f);
    using v = std::vector<std::string>;
    EXPECT_EQ(pieces(*f, "Hello world's  12345!!\n\n  x"),
              (v{"Hello", " world", "'s", " ", " ", "123", "45", "!!\n\n", " ", " x"}));
    EXPECT_EQ(pieces(*f, "I'LL\tgo  \n  \r\nok   "), (v{"I", "'LL", "\tgo", "  \n  \r\n", "ok", "   "}));
    EXPECT_EQ(pieces(*f, " !x ?"), (v{" !", "x", " ?"}));
    EXPECT_EQ(pieces(*f, ""), v{});
    auto q = tk::fast_split::recognize(qwen2);
    ASSERT_TRUE(q);
    EXPECT_EQ(pieces(*q, "a 123"), (v{"a", " ", "1", "2", "3"}));
}

TEST(fast_split, agrees_with_the_regex_on_random_strings) {
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), len(0, 16);
    agrees_on(100000, 42, [&](std::mt19937& rng) {
        std::string s;
        for (std::size_t k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
        return s;
    });
}

TEST(fast_split, agrees_with_the_regex_after_every_code_point) {
    // Each code point (a sample of every 7th plus all of Latin-1) between and after characters
    // of each kind, so every class decision sees it.
    auto f = tk::fast_split::recognize(llama3);
    auto re = tt::regex::compile(llama3);
    ASSERT_TRUE(f);
    ASSERT_TRUE(re);
    std::string s;
    for (char32_t c = 1; c <= 0x10FFFF; c += (c < 0x300 ? 1 : 7)) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string ch;
        tt::append_utf8(ch, c);
        s = "a" + ch + " " + ch + "1" + ch + "'" + ch + "!" + ch + "\n" + ch + ch + " ";
        ASSERT_EQ(pieces(*f, s), regex_pieces(*re, s)) << "code point " << static_cast<std::uint32_t>(c);
    }
}

// Letter runs are read eight ASCII bytes at a time: long runs, runs ending at every offset of a
// word, the ASCII neighbours of A-Z and a-z ('@' '[' '`' '{'), digits and non-ASCII letters inside.
TEST(fast_split, agrees_with_the_regex_on_long_letter_runs) {
    const std::vector<std::string> letters_alphabet = {"a", "z", "A", "Z", "m", "Q", "@", "[", "`", "{", "0", " ",
                                                       "'", "\n", "\xC3\xA9", "\xE4\xB8\xAD", "\x7F", "_"};
    agrees_on(20000, 7, [&](std::mt19937& rng) {
        std::string s;
        const std::size_t n = rng() % 48;
        for (std::size_t k = 0; k < n; ++k)
            s += rng() % 4 ? std::string(1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[rng() % 52])
                           : letters_alphabet[rng() % letters_alphabet.size()];
        return s;
    });
}
