// File: jinja/environment.cpp
#include "jinja/environment.hpp"

#include <cstdio>

#include "jinja/builtins.hpp"
#include "jinja/objects.hpp"

namespace tito::jinja {

void context::set(std::string name, value v) {
    for (auto& [k, x] : vars_) {
        if (k == name) { x = std::move(v); return; }
    }
    vars_.emplace_back(std::move(name), std::move(v));
}

tito::result<std::shared_ptr<const template_>> template_::parse(std::string source, std::string name) {
    auto p = parse_program(source);
    if (!p) return p.error().to_error(name);
    std::shared_ptr<template_> t(new template_());
    t->name_ = std::move(name);
    t->prog_ = std::move(*p);
    t->globals_.resize(t->prog_.symbols.size());
    for (symbol s = 0; s < t->prog_.symbols.size(); ++s) {
        t->symbols_.emplace(t->prog_.symbols[s], s);
        t->globals_[s] = find_global(t->prog_.symbols[s]);
    }
    for (macro_stmt* m : t->prog_.top_level_macros)
        m->top_level = value::from_object(std::make_shared<macro_object>(m, nullptr, nullptr));
    t->output_hint_ = source.size() + 256;
    return std::shared_ptr<const template_>(std::move(t));
}

tito::result<std::string> template_::render(const context& ctx) const {
    std::vector<value> root = globals_;
    for (const auto& [k, v] : ctx.vars()) {
        auto it = symbols_.find(k);
        if (it != symbols_.end()) root[it->second] = v;
    }
    render_state st(prog_, std::move(root), ctx.options.limits, ctx.options.now);
    std::string out;
    out.reserve(output_hint_);
    auto r = st.run(out);
    if (!r) return r.error().to_error(name_);
    return out;
}

std::optional<std::tm> parse_iso_datetime(std::string_view s) {
    std::tm tm{};
    int y, mo, d, h = 0, mi = 0, sec = 0;
    std::string str(s);
    if (std::sscanf(str.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3) return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    tm.tm_isdst = -1;
    std::tm copy = tm;
    timegm(&copy);  // normalises and fills tm_wday / tm_yday
    copy.tm_isdst = 0;
    return copy;
}

}  // namespace tito::jinja
