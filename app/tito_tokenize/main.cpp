// File: app/tito_tokenize/main.cpp
// tito-tokenize: debugging and golden-check front end for tito::tokenizer.
//   tito-tokenize check  --tokenizer P/tokenizer.json FILE.jsonl
//   tito-tokenize encode --tokenizer P [--add-special-tokens] TEXT|-
//   tito-tokenize decode --tokenizer P [--skip-special-tokens] IDS...
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "golden_check.hpp"
#include "tokenizer/tokenizer.hpp"

namespace {

std::shared_ptr<const tito::tokenizer::tokenizer> load_or_exit(const std::string& path) {
    auto t = tito::tokenizer::tokenizer::load_file(path);
    if (!t) {
        std::cerr << "tito-tokenize: " << t.error().describe() << "\n";
        std::exit(2);
    }
    return *t;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tito-tokenize: HF tokenizer.json encode/decode and golden checks"};
    app.require_subcommand(1);
    std::string tokenizer_path;

    auto* check = app.add_subcommand("check", "check golden rows (.jsonl) against the tokenizer");
    std::string golden;
    check->add_option("--tokenizer", tokenizer_path, "tokenizer.json")->required();
    check->add_option("file", golden, "golden .jsonl file")->required();

    auto* encode = app.add_subcommand("encode", "print the ids of TEXT ('-' reads stdin)");
    bool add_special = false;
    std::string text;
    encode->add_option("--tokenizer", tokenizer_path, "tokenizer.json")->required();
    encode->add_flag("--add-special-tokens", add_special);
    encode->add_option("text", text)->required();

    auto* decode = app.add_subcommand("decode", "print the text of IDS");
    bool skip_special = false;
    std::vector<std::uint32_t> ids;
    decode->add_option("--tokenizer", tokenizer_path, "tokenizer.json")->required();
    decode->add_flag("--skip-special-tokens", skip_special);
    decode->add_option("ids", ids)->required();

    CLI11_PARSE(app, argc, argv);
    auto tok = load_or_exit(tokenizer_path);

    if (check->parsed()) {
        auto r = tito::app::check_golden_file(*tok, golden, std::cout);
        std::cout << fmt::format("{} passed, {} failed\n", r.passed, r.failed);
        return (r.failed == 0 && !r.io_error && r.passed > 0) ? 0 : 1;
    }
    if (encode->parsed()) {
        if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
        auto out = tok->encode(text, add_special);
        std::vector<std::string> tokens;
        for (auto id : out) tokens.push_back(tok->id_to_token(id).value_or("?"));
        std::cout << fmt::format("{}\n", fmt::join(out, " "));
        std::cerr << fmt::format("{}\n", fmt::join(tokens, " | "));
        return 0;
    }
    std::cout << tok->decode(ids, skip_special) << "\n";
    return 0;
}
