// File: app/tito_tokenize/golden_check.cpp
// Records are split on '\n' only (texts may hold raw U+2028/U+2029/U+0085).
#include "golden_check.hpp"

#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simdjson.h>

namespace tito::app {

namespace {

std::vector<tokenizer::token_id> read_ids(simdjson::dom::element row) {
    std::vector<tokenizer::token_id> ids;
    simdjson::dom::array arr;
    if (row["ids"].get(arr) != simdjson::SUCCESS) return ids;
    for (auto v : arr) ids.push_back(static_cast<tokenizer::token_id>(v.get_int64().value()));
    return ids;
}

std::string ids_window(const std::vector<tokenizer::token_id>& v, std::size_t at) {
    std::size_t b = at > 3 ? at - 3 : 0, e = std::min(v.size(), at + 5);
    std::vector<tokenizer::token_id> w(v.begin() + static_cast<long>(b), v.begin() + static_cast<long>(e));
    return fmt::format("[{}{}{}]", b ? "... " : "", fmt::join(w, ", "), e < v.size() ? " ..." : "");
}

std::string escaped(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 160)) {
        auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\\') out += "\\\\";
        else if (u < 0x20 || u == 0x7F) out += fmt::format("\\x{:02x}", u);
        else out.push_back(c);
    }
    return s.size() > 160 ? out + "..." : out;
}

bool check_row(const tokenizer::tokenizer& tok, simdjson::dom::element row, std::ostream& report) {
    std::string_view id = row["id"].get_string().value_unsafe();
    std::string_view kind = row["kind"].get_string().value_unsafe();
    if (kind == "encode") {
        std::string_view text = row["text"].get_string().value_unsafe();
        bool add = row["add_special_tokens"].get_bool().value_unsafe();
        auto want = read_ids(row);
        auto got = tok.encode(text, add);
        if (got == want) return true;
        std::size_t at = 0;
        while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
        report << fmt::format("FAIL {} encode(add_special_tokens={}) text=\"{}\"\n  first diff at {}: want {} got {}\n",
                              id, add, escaped(text), at, ids_window(want, at), ids_window(got, at));
        return false;
    }
    if (kind == "decode") {
        bool skip = row["skip_special_tokens"].get_bool().value_unsafe();
        std::string_view want = row["text"].get_string().value_unsafe();
        auto ids = read_ids(row);
        std::string got = tok.decode(ids, skip);
        if (got == want) return true;
        report << fmt::format("FAIL {} decode(skip_special_tokens={})\n  want \"{}\"\n  got  \"{}\"\n", id, skip,
                              escaped(want), escaped(got));
        return false;
    }
    report << fmt::format("FAIL {} unknown kind '{}'\n", id, kind);
    return false;
}

}  // namespace

golden_result check_golden_file(const tokenizer::tokenizer& tok, const std::string& path, std::ostream& report) {
    golden_result r;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report << "cannot open golden file " << path << "\n";
        r.io_error = true;
        return r;
    }
    simdjson::dom::parser parser;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line, '\n')) {
        ++line_no;
        if (line.empty()) continue;
        simdjson::dom::element row;
        if (parser.parse(line).get(row) != simdjson::SUCCESS) {
            report << fmt::format("FAIL line {}: invalid JSON\n", line_no);
            ++r.failed;
            continue;
        }
        if (check_row(tok, row, report)) ++r.passed;
        else ++r.failed;
    }
    return r;
}

}  // namespace tito::app
