// File: app/tito_render/main.cpp
// tito-render: renders chat templates with the tito::jinja engine.
//   tito-render check --corpus DIR FILE.jsonl     golden rows -> "N passed, M failed"
//   tito-render render --template FILE --messages FILE [--tools FILE] [--add-generation-prompt]
//                      [--kwargs JSON] [--now 2025-01-15T09:30:45]
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "jinja/environment.hpp"

namespace json = boost::json;
using namespace tito::jinja;

namespace {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

std::string escape_snippet(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out.push_back(c);
    }
    return out;
}

void report_diff(const std::string& id, const std::string& want, const std::string& got) {
    std::size_t i = 0;
    while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
    std::size_t from = i > 40 ? i - 40 : 0;
    fmt::print("FAIL {} at byte {} (expected {} bytes, got {})\n  expected: ...{}\n  got:      ...{}\n", id, i,
               want.size(), got.size(), escape_snippet(std::string_view(want).substr(from, 100)),
               escape_snippet(std::string_view(got).substr(from, 100)));
}

const value& field(const value& row, std::string_view k) {
    static const value none = value::none();
    const value* v = row.dict_find(k);
    return v ? *v : none;
}

std::string field_str(const value& row, std::string_view k) {
    const value& v = field(row, k);
    return v.is_string() ? v.str() : std::string();
}

context make_context(const value& row) {
    context ctx;
    ctx.set("messages", field(row, "messages"));
    ctx.set("tools", field(row, "tools"));
    ctx.set("documents", field(row, "documents"));
    const value& agp = field(row, "add_generation_prompt");
    ctx.set("add_generation_prompt", agp.is_none() ? value::from_bool(false) : agp);
    const value& kw = field(row, "kwargs");
    if (kw.is_dict())
        for (const auto& [k, v] : kw.dict().items) ctx.set(k.str(), v);
    if (field(row, "now").is_string()) ctx.options.now = parse_iso_datetime(field_str(row, "now"));
    return ctx;
}

int run_check(const std::string& corpus, const std::string& file, const std::string& only, bool quiet) {
    std::ifstream in(file);
    if (!in) { fmt::print(stderr, "cannot open {}\n", file); return 2; }
    std::map<std::string, tito::result<std::shared_ptr<const template_>>> cache;
    std::size_t passed = 0, failed = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto parsed = parse_json(line);
        if (!parsed || !parsed->is_dict()) { fmt::print(stderr, "bad row: {}\n", line.substr(0, 80)); return 2; }
        const value& row = *parsed;
        std::string id = field_str(row, "id");
        if (!only.empty() && id.rfind(only, 0) != 0) continue;
        std::string name = field_str(row, "template");
        auto it = cache.find(name);
        if (it == cache.end()) {
            std::string src;
            if (!read_file(corpus + "/" + name + ".jinja", src)) { fmt::print(stderr, "missing template {}\n", name); return 2; }
            it = cache.emplace(name, template_::parse(std::move(src), name)).first;
        }
        bool want_error = row.dict_find("error") != nullptr;
        tito::result<std::string> got = it->second ? (*it->second)->render(make_context(row))
                                                   : tito::result<std::string>(it->second.error());
        bool ok;
        if (want_error) {
            ok = !got;
            if (ok && field_str(row, "error_type") == "TemplateError" && got.error().message() != field_str(row, "error")) {
                ok = false;
                fmt::print("FAIL {}: raise_exception message differs\n  expected: {}\n  got:      {}\n", id,
                           field_str(row, "error"), got.error().message());
            } else if (!ok) {
                fmt::print("FAIL {}: expected {} ({}), rendered fine\n", id, field_str(row, "error_type"), field_str(row, "error"));
            }
        } else {
            std::string want = field_str(row, "expected");
            if (!got) {
                ok = false;
                fmt::print("FAIL {}: error {}\n", id, got.error().describe());
            } else {
                ok = *got == want;
                if (!ok) report_diff(id, want, *got);
            }
        }
        (ok ? passed : failed)++;
        if (ok && !quiet) fmt::print("ok   {}\n", id);
    }
    fmt::print("{} passed, {} failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

int run_render(const std::string& tpl, const std::string& messages, const std::string& tools, bool agp,
               const std::string& kwargs, const std::string& now) {
    std::string src, msgs, tls;
    if (!read_file(tpl, src)) { fmt::print(stderr, "cannot read {}\n", tpl); return 2; }
    if (!read_file(messages, msgs)) { fmt::print(stderr, "cannot read {}\n", messages); return 2; }
    auto t = template_::parse(std::move(src), tpl);
    if (!t) { fmt::print(stderr, "{}\n", t.error().describe()); return 1; }
    context ctx;
    auto mv = parse_json(msgs);
    if (!mv) { fmt::print(stderr, "{}: {}\n", messages, mv.error().message()); return 2; }
    ctx.set("messages", *mv);
    if (!tools.empty()) {
        if (!read_file(tools, tls)) { fmt::print(stderr, "cannot read {}\n", tools); return 2; }
        auto tv = parse_json(tls);
        if (!tv) { fmt::print(stderr, "{}: {}\n", tools, tv.error().message()); return 2; }
        ctx.set("tools", *tv);
    } else {
        ctx.set("tools", value::none());
    }
    ctx.set("documents", value::none());
    ctx.set("add_generation_prompt", value::from_bool(agp));
    if (!kwargs.empty()) {
        auto kv = parse_json(kwargs);
        if (!kv || !kv->is_dict()) { fmt::print(stderr, "--kwargs must be a JSON object\n"); return 2; }
        for (const auto& [k, v] : kv->dict().items) ctx.set(k.str(), v);
    }
    if (!now.empty()) ctx.options.now = parse_iso_datetime(now);
    auto out = (*t)->render(ctx);
    if (!out) { fmt::print(stderr, "{}\n", out.error().describe()); return 1; }
    std::fwrite(out->data(), 1, out->size(), stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tito-render: chat template renderer"};
    app.require_subcommand(1);
    std::string corpus, file, only;
    bool quiet = true;
    auto* check = app.add_subcommand("check", "render golden rows and compare");
    check->add_option("--corpus", corpus, "template directory")->required();
    check->add_option("file", file, "cases .jsonl")->required();
    check->add_option("--only", only, "only ids starting with this prefix");
    check->add_flag("!--verbose", quiet, "also list passing cases");
    std::string tpl, messages, tools, kwargs, now;
    bool agp = false;
    auto* render = app.add_subcommand("render", "render one conversation");
    render->add_option("--template", tpl)->required();
    render->add_option("--messages", messages)->required();
    render->add_option("--tools", tools);
    render->add_flag("--add-generation-prompt", agp);
    render->add_option("--kwargs", kwargs, "JSON object of extra variables");
    render->add_option("--now", now, "fixed clock, YYYY-MM-DDTHH:MM:SS");
    CLI11_PARSE(app, argc, argv);
    try {
        if (*check) return run_check(corpus, file, only, quiet);
        return run_render(tpl, messages, tools, agp, kwargs, now);
    } catch (const std::exception& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        return 2;
    }
}
