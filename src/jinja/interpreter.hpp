// File: jinja/interpreter.hpp
// Tree-walking evaluator. render_state is the per-render mutable state (root frame, output limits,
// fuel, clock, recursion depth); the program it runs is shared and read-only.
// Statements return a flow signal (normal / break / continue / error); on error the failure is
// parked in the state (take_pending()), so the statement walk moves no result objects around.
// Usage:
//   render_state st(prog, globals, opts);  st.bind(sym, v);
//   std::string out; JTRY_VOID(st.run(out));
// Thread safety: one render_state per render; the program may be shared by any number of them.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "base/assert.hpp"
#include "jinja/builtins.hpp"
#include "jinja/fuel.hpp"
#include "jinja/parser.hpp"
#include "jinja/scope.hpp"

namespace tito::jinja {

class loop_object;  // objects.hpp

enum class flow : std::uint8_t { normal, break_, continue_, error };
// Result of evaluating a condition: false, true, or failed (failure parked, see take_pending()).
enum class cond : std::int8_t { no = 0, yes = 1, error = -1 };

struct render_limits {
    std::uint64_t fuel = 20'000'000;            // statements + loop iterations + calls
    std::size_t max_output_bytes = 256u << 20;  // 256 MiB
    int max_call_depth = 200;                   // macro recursion
};

class render_state {
public:
    render_state(const program& prog, std::vector<value> root, render_limits limits, std::optional<std::tm> now)
        : prog_(prog), root_(std::move(root)), fuel_(limits.fuel), limits_(limits), now_(now) {}

    jres<bool> run(std::string& out);

    // expression evaluation (interpreter_expr.cpp)
    jres<value> eval(const expr& e, scope* sc);
    // Evaluates without copying when the result already lives somewhere (a variable, a dict entry,
    // a literal): returns a pointer to it, or to `tmp` holding a computed result. The pointer is
    // valid while tmp and the current scopes are (no statement runs during one expression).
    // Returns nullptr on error, with the failure parked in the state (take_pending()); this keeps
    // the hottest function free of result-object traffic.
    const value* eval_ref(const expr& e, scope* sc, value& tmp);
    failure take_pending() { return std::move(pending_); }
    // truthy(eval(e)) without boxing booleans: and/or/not/compare/test are evaluated directly.
    cond eval_truthy(const expr& e, scope* sc);
    // eval_truthy with the literal comparisons (compare_expr::shape) dispatched in the caller,
    // saving a call level for the most common conditions (if tests, and/or operands).
    cond eval_cond(const expr& e, scope* sc) {
        if (e.kind == expr_kind::compare) {
            const auto& c = static_cast<const compare_expr&>(e);
            if (c.fast == compare_expr::shape::eq_literal) return eval_eq_literal(c, sc);
            if (c.fast == compare_expr::shape::literal_in) return eval_literal_in(c, sc);
        }
        return eval_truthy(e, sc);
    }
    // Appends str(result of e) to out, streaming string concatenations without temporaries.
    jres<bool> eval_into(const expr& e, scope* sc, std::string& out);

    // attribute / item / call / filter plumbing (interpreter_access.cpp)
    jres<bool> eval_args(const arg_list& a, scope* sc, call_args& out);
    jres<value> call_value(const value& callee, call_args&& args, src_loc where);
    jres<value> get_attribute(const value& obj, std::string_view name, src_loc where);
    jres<value> get_attribute(const value& obj, std::string_view name, std::uint8_t method_mask, src_loc where);
    jres<value> get_subscript(const value& obj, const value& key, src_loc where);
    jres<value> apply_filter(const filter_expr& f, const value& operand, scope* sc);

    // statements (interpreter.cpp)
    flow exec(const stmt_list& body, scope* sc, std::string& out);
    jres<value> call_macro(const macro_stmt& m, scope* closure, call_args&& args);
    // call_macro with the body rendered straight into out.
    jres<bool> call_macro_into(const macro_stmt& m, scope* closure, call_args&& args, std::string& out);

    value lookup(symbol s, const scope* sc) const {
        if (sc) if (const value* v = sc->find(s)) return *v;
        return root_[s];
    }
    const std::string& symbol_name(symbol s) const { return prog_.symbols[s]; }
    std::optional<std::tm> now() const { return now_; }
    fuel& fuel_counter() { return fuel_; }

private:
    flow exec_stmt(const stmt& s, scope* sc, std::string& out);
    flow exec_for(const for_stmt& f, scope* sc, std::string& out);
    [[gnu::always_inline]] inline flow exec_if(const if_stmt& st, scope* sc, std::string& out);
    [[gnu::noinline]] flow exec_scan_loop(const for_stmt& f, const if_stmt& st, scope& iter_scope, const value* items,
                                          std::size_t count, const loop_object& loop, const value& loop_val, std::string& out);
    cond item_tests_hold(const std::vector<item_test>& tests, const value& item) const noexcept;
    [[gnu::always_inline]] inline flow exec_if_body(const if_stmt& st, scope* sc, std::string& out);
    enum class loop_slice : std::uint8_t { no, in_place, built, error };
    loop_slice eval_loop_slice(const for_stmt& f, scope* sc, value& seq, std::size_t& begin, std::size_t& count);
    flow exec_set(const set_stmt& st, scope* sc);
    flow exec_set_block(const set_block_stmt& st, scope* sc);
    flow exec_macro_def(const macro_stmt& m, scope* sc);
    flow exec_filter_block(const filter_block_stmt& st, scope* sc, std::string& out);
    flow park(failure f) { pending_ = std::move(f); return flow::error; }
    [[gnu::cold, gnu::noinline]] flow out_of_fuel(src_loc where);
    [[gnu::cold, gnu::noinline]] flow output_failed(failure f, src_loc where);
    [[gnu::cold, gnu::noinline]] flow out_of_room(src_loc where);
    jres<bool> assign(const target& t, value v, scope* sc);
    const value* find_name(const expr& e, scope* sc, value& tmp);
    // `name.attr` where name is bound to a dict and attr is not a dict method (message.role): the
    // entry, read in place; &missing_key_ (undefined) when the dict has no such key; nullptr for
    // any other shape, with `obj` set to what the name is bound to when it is bound (then
    // eval_attr_slow, or eval_attr when obj is null, decides). For conditions and comparisons,
    // where the undefined's message does not matter; outputs go through eval_attr.
    const value* dict_attr_fast(const attr_expr& a, scope* sc, const value*& obj) const noexcept {
        obj = nullptr;
        if (a.obj->kind != expr_kind::name) return nullptr;
        const auto& n = static_cast<const name_expr&>(*a.obj);
        obj = bound_name(n.sym, n.bind, sc);
        if (!obj || !obj->is_dict() || (a.method_mask & (mm_dict | mm_unsafe_dict)) != 0) return nullptr;
        const value* v = obj->dict().find(a.name, a.key_tag);
        return v ? v : &missing_key_;
    }
    // The value a name is bound to (a scope, or the root frame when defined there), else nullptr;
    // b (resolve.cpp) says where to look.
    const value* bound_name(symbol s, name_binding b, const scope* sc) const noexcept {
        if (b.res == name_res::local) return local_entry(b, sc);
        if (b.res == name_res::dynamic && sc) {
            if (const value* v = sc->find(s)) return v;
        }
        const value& r = root_[s];
        if (!r.is_undefined() || r.undefined_has_info()) return &r;
        return nullptr;
    }
    static const value* local_entry(name_binding b, const scope* sc) noexcept {
        for (unsigned h = b.hops; h != 0; --h) sc = sc->parent();
        TITO_ASSERT(sc != nullptr && b.slot < sc->size());
        return sc->entry_value(b.slot);
    }
    // The namespace variable of a `set ns.attr` target (root frame slot when not bound in a scope).
    const value* target_ns(const target& t, const scope* sc) const noexcept {
        const value* v = bound_name(t.sym, t.bind, sc);
        return v ? v : &root_[t.sym];
    }
    // truthy(name.attr) with dict_attr_fast's lookup reused by the general path.
    cond attr_truthy(const attr_expr& a, scope* sc);
    const value* eval_attr(const attr_expr& a, scope* sc, value& tmp);
    const value* eval_ref_slow(const expr& e, scope* sc, value& tmp);
    const value* eval_attr_slow(const attr_expr& a, const value* obj, value& tmp);
    [[gnu::noinline]] const value* eval_attr_generic(const attr_expr& a, const value& obj, value& tmp);
    cond eval_compare(const compare_expr& c, scope* sc);
    cond eval_eq_literal(const compare_expr& c, scope* sc);
    cond eval_literal_in(const compare_expr& c, scope* sc);
    cond compare_op(cmp_op op, const value& lhs, const value& rhs, src_loc where);
    cond eval_test(const test_expr& t, scope* sc);
    cond park_cond(failure f) { pending_ = std::move(f); return cond::error; }
    jres<value> eval_call(const call_expr& c, scope* sc);
    enum class call_into_result : std::uint8_t { no, done, error };
    call_into_result eval_macro_call_into(const call_expr& c, scope* sc, std::string& out);
    jres<bool> eval_add_chain(const binary_expr& b, scope* sc, std::string& buf, value& result);
    static bool streams_into(const expr& e);
    jres<bool> eval_filter_into(const filter_expr& f, scope* sc, std::string& out);
    jres<value> eval_other(const expr& e, scope* sc);

    const program& prog_;
    std::vector<value> root_;
    fuel fuel_;
    render_limits limits_;
    std::optional<std::tm> now_;
    int depth_ = 0;
    failure pending_;
    const value missing_key_;  // undefined
};

namespace detail {

// lhs == 'lit' (or != when c.negated) for a compare_expr of shape eq_literal: a string operand is
// compared in place (by tag when short), anything else via py_eq.
inline cond eq_literal(const value& lhs, const compare_expr& c) {
    const value& lit = static_cast<const literal_expr&>(*c.rest[0].second).val;
    bool eq;
    if (lhs.is_string()) {
        const std::string& x = lhs.str();
        const std::string& y = lit.str();
        const std::size_t n = x.size();
        if (n != y.size()) eq = false;
        else if (n < 8) eq = key_tag(x) == c.key_tag;  // the tag is the whole string
        else if (n <= 16) eq = dict_data::load8(x.data()) == dict_data::load8(y.data()) &&
                                dict_data::load8(x.data() + n - 8) == dict_data::load8(y.data() + n - 8);
        else eq = std::char_traits<char>::compare(x.data(), y.data(), n) == 0;
    } else {
        eq = py_eq(lhs, lit);
    }
    return eq != c.negated ? cond::yes : cond::no;
}

}  // namespace detail

// JREF(p, eval_ref(...)): binds p or returns the parked failure.
// FTRY(decl, expr) / FTRY_VOID(expr): like JTRY inside statement code returning flow.
#define FTRY_IMPL(tmp, decl, expr)               \
    auto tmp = (expr);                           \
    if (!tmp) return park(std::move(tmp).error()); \
    decl = std::move(*tmp)
#define FTRY(decl, expr) FTRY_IMPL(TITO_CONCAT(ftry_, __LINE__), decl, expr)
#define FTRY_VOID(expr)                                                       \
    do {                                                                      \
        auto TITO_CONCAT(ftry_, __LINE__) = (expr);                           \
        if (!TITO_CONCAT(ftry_, __LINE__))                                    \
            return park(std::move(TITO_CONCAT(ftry_, __LINE__)).error());     \
    } while (0)

// CTRY(name, call): binds a bool from a cond, returning the parked failure (jres functions).
#define CTRY(name, call)                            \
    const cond TITO_CONCAT(ctry_, __LINE__) = (call); \
    if (TITO_CONCAT(ctry_, __LINE__) == cond::error) return take_pending(); \
    const bool name = TITO_CONCAT(ctry_, __LINE__) == cond::yes

#define JREF(name, call)                  \
    const value* name = (call);           \
    if (!name) return take_pending()

}  // namespace tito::jinja
