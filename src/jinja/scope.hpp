// File: jinja/scope.hpp
// Variable scopes: a parent-linked chain (for-loop body, macro call, set/filter block) ending at the
// template's root frame, which render_state holds as a dense array indexed by symbol. Nothing is
// copied on entry: a lookup walks the chain (STYLE.md 3.5; minijinja vm/context.rs), except where
// resolve.cpp proved where the binding is (a loop's `loop`/target entry, or the root frame).
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
            for (const auto& e : sc->vars_)
                if (e.sym == s) return e.get();
        return nullptr;
    }
    // Binds sym in this scope (shadowing parents).
    void set(symbol s, value v) {
        for (auto& e : vars_) {
            if (e.sym == s) {
                e.own = std::move(v);
                e.ref = nullptr;
                return;
            }
        }
        vars_.push_back(entry{s, nullptr, std::move(v)});
    }
    // Binds sym to a value owned elsewhere that outlives this scope (loop items, the loop object):
    // no copy and no reference-count traffic per iteration.
    void bind_ref(symbol s, const value* v) {
        for (auto& e : vars_) {
            if (e.sym == s) {
                e.own = value();
                e.ref = v;
                return;
            }
        }
        vars_.push_back(entry{s, v, value()});
    }
    // The value of entry i (a resolved name, ast.hpp name_binding::local).
    const value* entry_value(std::size_t i) const noexcept { return vars_[i].get(); }
    // Loop bodies reuse one scope: the first n bindings (loop, target) stay as slots that are
    // rebound each iteration, and every binding made by the previous iteration is dropped.
    std::size_t size() const noexcept { return vars_.size(); }
    void truncate(std::size_t n) { while (vars_.size() > n) vars_.pop_back(); }
    void rebind_ref(std::size_t slot, const value* v) {
        entry& e = vars_[slot];
        if (!e.ref) e.own = value();  // the body assigned to this name (a bound slot holds no value)
        e.ref = v;
    }
    // All visible bindings flattened (innermost wins) as owned copies, for closures of nested macros.
    void flatten_into(scope& dst) const {
        for (const scope* sc = this; sc; sc = sc->parent_)
            for (const auto& e : sc->vars_)
                if (!dst.find_local(e.sym)) dst.vars_.push_back(entry{e.sym, nullptr, *e.get()});
    }
    const value* find_local(symbol s) const noexcept {
        for (const auto& e : vars_) if (e.sym == s) return e.get();
        return nullptr;
    }

private:
    struct entry {
        symbol sym;
        const value* ref;  // borrowed value, or nullptr when `own` holds it
        value own;
        const value* get() const noexcept { return ref ? ref : &own; }
    };
    scope* parent_;
    boost::container::small_vector<entry, 6> vars_;
};

}  // namespace tito::jinja
