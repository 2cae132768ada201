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

context make_context(const json::object& row) {
    context ctx;
    auto get = [&](const char* k) -> json::value { auto it = row.find(k); return it == row.end() ? json::value() : it->value(); };
    ctx.set("messages", from_json(get("messages")));
    ctx.set("tools", from_json(get("tools")));
    ctx.set("documents", from_json(get("documents")));
    ctx.set("add_generation_prompt", from_json(get("add_generation_prompt").is_null() ? json::value(false) : get("add_generation_prompt")));
    if (auto it = row.find("kwargs"); it != row.end() && it->value().is_object())
        for (const auto& kv : it->value().get_object()) ctx.set(std::string(kv.key()), from_json(kv.value()));
    if (auto it = row.find("now"); it != row.end() && it->value().is_string())
        ctx.options.now = parse_iso_datetime(std::string(it->value().get_string()));
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
        json::object row = json::parse(line).as_object();
        std::string id(row.at("id").as_string());
        if (!only.empty() && id.rfind(only, 0) != 0) continue;
        std::string name(row.at("template").as_string());
        auto it = cache.find(name);
        if (it == cache.end()) {
            std::string src;
            if (!read_file(corpus + "/" + name + ".jinja", src)) { fmt::print(stderr, "missing template {}\n", name); return 2; }
            it = cache.emplace(name, template_::parse(std::move(src), name)).first;
        }
        bool want_error = row.contains("error");
        tito::result<std::string> got = it->second ? (*it->second)->render(make_context(row))
                                                   : tito::result<std::string>(it->second.error());
        bool ok;
        if (want_error) {
            ok = !got;
            if (ok && std::string(row.at("error_type").as_string()) == "TemplateError" &&
                got.error().message() != std::string(row.at("error").as_string())) {
                ok = false;
                fmt::print("FAIL {}: raise_exception message differs\n  expected: {}\n  got:      {}\n", id,
                           std::string(row.at("error").as_string()), got.error().message());
            } else if (!ok) {
                fmt::print("FAIL {}: expected {} ({}), rendered fine\n", id, std::string(row.at("error_type").as_string()),
                           std::string(row.at("error").as_string()));
            }
        } else {
            std::string want(row.at("expected").as_string());
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
    ctx.set("messages", from_json(json::parse(msgs)));
    if (!tools.empty()) {
        if (!read_file(tools, tls)) { fmt::print(stderr, "cannot read {}\n", tools); return 2; }
        ctx.set("tools", from_json(json::parse(tls)));
    } else {
        ctx.set("tools", value::none());
    }
    ctx.set("documents", value::none());
    ctx.set("add_generation_prompt", value::from_bool(agp));
    if (!kwargs.empty())
        for (const auto& kv : json::parse(kwargs).as_object()) ctx.set(std::string(kv.key()), from_json(kv.value()));
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
