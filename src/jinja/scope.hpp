// File: jinja/scope.hpp
// Variable scopes: a parent-linked chain (for-loop body, macro call, set/filter block) ending at the
// template's root frame, which render_state holds as a dense array indexed by symbol. Nothing is
// copied on entry: a lookup walks the chain (STYLE.md 3.5; minijinja vm/context.rs).
// Usage:
//   scope s(&parent); s.set(sym, v); const value* v = s.find(sym);
// Thread safety: scopes live inside one render.
#pragma once

#include <utility>

#include <boost/container/small_vector.hpp>

#include "jinja/ast.hpp"

namespace tito::jinja {

class scope {
public:
    explicit scope(scope* parent) noexcept : parent_(parent) {}
    scope* parent() const noexcept { return parent_; }

    // Finds sym in this scope or its parents (not the root frame); nullptr if absent.
    const value* find(symbol s) const noexcept {
        for (const scope* sc = this; sc; sc = sc->parent_)
            for (const auto& kv : sc->vars_)
                if (kv.first == s) return &kv.second;
        return nullptr;
    }
    // Binds sym in this scope (shadowing parents).
    void set(symbol s, value v) {
        for (auto& kv : vars_)
            if (kv.first == s) { kv.second = std::move(v); return; }
        vars_.emplace_back(s, std::move(v));
    }
    // All visible bindings flattened (innermost wins), for closures of nested macros.
    void flatten_into(scope& dst) const {
        for (const scope* sc = this; sc; sc = sc->parent_)
            for (const auto& kv : sc->vars_)
                if (!dst.find_local(kv.first)) dst.vars_.push_back(kv);
    }
    const value* find_local(symbol s) const noexcept {
        for (const auto& kv : vars_) if (kv.first == s) return &kv.second;
        return nullptr;
    }

private:
    scope* parent_;
    boost::container::small_vector<std::pair<symbol, value>, 6> vars_;
};

}  // namespace tito::jinja
