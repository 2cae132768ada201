// File: jinja/resolve.cpp
// Name resolution after parsing: for each name read (and each `set ns.attr` target) decide where
// the interpreter finds its binding without walking the scope chain when that is provably the same.
// The scopes a render creates mirror the template's frames: a for-loop body (one scope per loop;
// `loop` is its entry 0 and a plain name target entry 1, rebound every iteration), a for-else
// block, a loop filter (the target only), set-block and filter-block bodies, and macro calls
// (whose parent is the macro's closure: the root for a top-level macro, a flattened copy
// otherwise). `if` and `generation` open no scope. A name bound in no scope between the read and
// the root frame is read from the root frame directly; a for loop's `loop` or target is read from
// its entry; everything else (names a `set` may bind on the way) stays a chain walk, which also
// covers reads before such a `set` runs.
#include <algorithm>

#include "jinja/builtins.hpp"
#include "jinja/parser.hpp"

namespace tito::jinja {

namespace {

struct frame {
    enum class kind_t : std::uint8_t { loop_body, plain, top_macro, nested_macro } kind;
    symbol target = 0;            // loop_body: the plain name target (entry 1)
    std::vector<symbol> binds;    // names this frame's scope may bind (set, macro, targets)
};

void target_binds(const target& t, std::vector<symbol>& out) {
    if (t.kind == target::kind_t::name) out.push_back(t.sym);
    else if (t.kind == target::kind_t::tuple)
        for (const target& i : t.items) target_binds(i, out);
}

// Names statements bind in the scope they run in (if and generation bodies included; bodies with
// their own scope not).
void collect_binds(const stmt_list& body, std::vector<symbol>& out) {
    for (const stmt_ptr& sp : body) {
        const stmt& s = *sp;
        switch (s.kind) {
            case stmt_kind::set: target_binds(static_cast<const set_stmt&>(s).tgt, out); break;
            case stmt_kind::set_block: target_binds(static_cast<const set_block_stmt&>(s).tgt, out); break;
            case stmt_kind::macro: out.push_back(static_cast<const macro_stmt&>(s).sym); break;
            case stmt_kind::if_: {
                const auto& st = static_cast<const if_stmt&>(s);
                for (const auto& br : st.branches) collect_binds(br.second, out);
                collect_binds(st.otherwise, out);
                break;
            }
            case stmt_kind::block: collect_binds(static_cast<const block_stmt&>(s).body, out); break;
            default: break;
        }
    }
}

// The loop target inside its own loop body's `if` test: entry 1 of the innermost scope.
bool is_loop_target(const expr& e) {
    if (e.kind != expr_kind::name) return false;
    const name_binding b = static_cast<const name_expr&>(e).bind;
    return b.res == name_res::local && b.hops == 0 && b.slot == 1;
}

// `t.attr` on the loop target that a dict answers with its entry (not a dict method name).
bool is_target_attr(const expr& e) {
    if (e.kind != expr_kind::attr) return false;
    const auto& a = static_cast<const attr_expr&>(e);
    return is_loop_target(*a.obj) && (a.method_mask & (mm_dict | mm_unsafe_dict)) == 0;
}

// Appends the item tests whose conjunction is `e` (negated under `not`); false if e has another shape.
bool item_tests_of(const expr& e, bool negated, std::vector<item_test>& out) {
    switch (e.kind) {
        case expr_kind::and_: {
            if (negated) return false;
            const auto& l = static_cast<const logical_expr&>(e);
            return item_tests_of(*l.lhs, false, out) && item_tests_of(*l.rhs, false, out);
        }
        case expr_kind::not_: return item_tests_of(*static_cast<const unary_expr&>(e).operand, !negated, out);
        case expr_kind::attr:
            if (!is_target_attr(e)) return false;
            out.push_back(item_test{item_test::kind_t::attr_truthy, negated, &e});
            return true;
        case expr_kind::compare: {
            const auto& c = static_cast<const compare_expr&>(e);
            if (c.fast == compare_expr::shape::eq_literal && is_target_attr(*c.first)) {
                out.push_back(item_test{item_test::kind_t::attr_eq, negated, &e});
                return true;
            }
            if (c.fast == compare_expr::shape::literal_in) {
                const expr& rhs = *c.rest[0].second;
                if (is_loop_target(rhs)) {
                    out.push_back(item_test{item_test::kind_t::contains, negated, &e});
                    return true;
                }
                if (is_target_attr(rhs)) {
                    out.push_back(item_test{item_test::kind_t::attr_contains, negated, &e});
                    return true;
                }
            }
            return false;
        }
        default: return false;
    }
}

class resolver {
public:
    explicit resolver(std::vector<macro_stmt*>& top_level_macros) : top_level_macros_(top_level_macros) {}
    void stmts(stmt_list& body) {
        for (stmt_ptr& s : body) statement(*s);
    }

private:
    std::vector<frame> frames_;
    std::vector<macro_stmt*>& top_level_macros_;

    name_binding find(symbol s) const {
        name_binding b;
        std::size_t hops = 0;
        for (std::size_t i = frames_.size(); i-- > 0;) {
            const frame& f = frames_[i];
            if (f.kind == frame::kind_t::loop_body && (s == sym::loop || s == f.target)) {
                if (hops > 255) return b;
                b.res = name_res::local;
                b.hops = static_cast<std::uint8_t>(hops);
                b.slot = s == sym::loop ? 0 : 1;
                return b;
            }
            if (f.kind == frame::kind_t::nested_macro) return b;
            if (std::find(f.binds.begin(), f.binds.end(), s) != f.binds.end()) return b;
            if (f.kind == frame::kind_t::top_macro) break;  // its closure is the root frame
            ++hops;
        }
        b.res = name_res::root;
        return b;
    }

    void push(frame::kind_t k, const stmt_list* body, symbol target = 0) {
        frame f{k, target, {}};
        if (body) collect_binds(*body, f.binds);
        frames_.push_back(std::move(f));
    }
    // A body in a plain scope of its own (set/filter blocks, a for's else).
    void scoped(stmt_list& body) {
        push(frame::kind_t::plain, &body);
        stmts(body);
        frames_.pop_back();
    }

    void args(arg_list& a) {
        for (auto& e : a.positional) expr_(*e);
        for (auto& kv : a.keyword) expr_(*kv.second);
        if (a.star_args) expr_(*a.star_args);
        if (a.star_kwargs) expr_(*a.star_kwargs);
    }

    void opt(expr_ptr& e) {
        if (e) expr_(*e);
    }

    void expr_(expr& e) {
        switch (e.kind) {
            case expr_kind::literal: break;
            case expr_kind::name: {
                auto& n = static_cast<name_expr&>(e);
                n.bind = find(n.sym);
                break;
            }
            case expr_kind::list:
            case expr_kind::tuple:
                for (auto& x : static_cast<seq_expr&>(e).items) expr_(*x);
                break;
            case expr_kind::dict:
                for (auto& [k, v] : static_cast<dict_expr&>(e).items) { expr_(*k); expr_(*v); }
                break;
            case expr_kind::attr: expr_(*static_cast<attr_expr&>(e).obj); break;
            case expr_kind::item: {
                auto& it = static_cast<item_expr&>(e);
                expr_(*it.obj);
                expr_(*it.key);
                break;
            }
            case expr_kind::slice: {
                auto& sl = static_cast<slice_expr&>(e);
                expr_(*sl.obj);
                opt(sl.start);
                opt(sl.stop);
                opt(sl.step);
                break;
            }
            case expr_kind::call: {
                auto& c = static_cast<call_expr&>(e);
                expr_(*c.callee);
                args(c.args);
                break;
            }
            case expr_kind::filter: {
                auto& f = static_cast<filter_expr&>(e);
                opt(f.operand);
                args(f.args);
                break;
            }
            case expr_kind::test: {
                auto& t = static_cast<test_expr&>(e);
                expr_(*t.operand);
                args(t.args);
                break;
            }
            case expr_kind::neg:
            case expr_kind::pos:
            case expr_kind::not_: expr_(*static_cast<unary_expr&>(e).operand); break;
            case expr_kind::binary: {
                auto& b = static_cast<binary_expr&>(e);
                expr_(*b.lhs);
                expr_(*b.rhs);
                if (b.op == binop::add) {
                    const expr* cur = &b;
                    while (cur->kind == expr_kind::binary && static_cast<const binary_expr*>(cur)->op == binop::add) {
                        b.add_chain.push_back(static_cast<const binary_expr*>(cur)->rhs.get());
                        cur = static_cast<const binary_expr*>(cur)->lhs.get();
                    }
                    b.add_chain.push_back(cur);
                }
                break;
            }
            case expr_kind::concat:
                for (auto& p : static_cast<concat_expr&>(e).parts) expr_(*p);
                break;
            case expr_kind::compare: {
                auto& c = static_cast<compare_expr&>(e);
                expr_(*c.first);
                for (auto& r : c.rest) expr_(*r.second);
                break;
            }
            case expr_kind::and_:
            case expr_kind::or_: {
                auto& l = static_cast<logical_expr&>(e);
                expr_(*l.lhs);
                expr_(*l.rhs);
                break;
            }
            case expr_kind::cond: {
                auto& c = static_cast<cond_expr&>(e);
                expr_(*c.test);
                expr_(*c.then);
                opt(c.otherwise);
                break;
            }
        }
    }

    void target_(target& t) {
        if (t.kind == target::kind_t::attr) t.bind = find(t.sym);
        for (target& i : t.items) target_(i);
    }

    void statement(stmt& s) {
        switch (s.kind) {
            case stmt_kind::data:
            case stmt_kind::break_:
            case stmt_kind::continue_:
            case stmt_kind::call_block: break;  // call blocks fail when run; their names stay dynamic
            case stmt_kind::output: expr_(*static_cast<output_stmt&>(s).e); break;
            case stmt_kind::if_: {
                auto& st = static_cast<if_stmt&>(s);
                for (auto& [test, body] : st.branches) {
                    expr_(*test);
                    stmts(body);
                }
                stmts(st.otherwise);
                break;
            }
            case stmt_kind::for_: for_(static_cast<for_stmt&>(s)); break;
            case stmt_kind::set: {
                auto& st = static_cast<set_stmt&>(s);
                expr_(*st.e);
                target_(st.tgt);
                break;
            }
            case stmt_kind::set_block: {
                auto& st = static_cast<set_block_stmt&>(s);
                for (auto& f : st.filters) args(f->args);  // applied in the enclosing scope
                target_(st.tgt);
                scoped(st.body);
                break;
            }
            case stmt_kind::filter_block: {
                auto& st = static_cast<filter_block_stmt&>(s);
                for (auto& f : st.filters) args(f->args);
                scoped(st.body);
                break;
            }
            case stmt_kind::block: stmts(static_cast<block_stmt&>(s).body); break;
            case stmt_kind::macro: macro(static_cast<macro_stmt&>(s)); break;
        }
    }

    void for_(for_stmt& f) {
        expr_(*f.iter);
        std::vector<symbol> targets;
        target_binds(f.tgt, targets);
        if (f.filter) {  // evaluated in a scope holding only the target
            frames_.push_back(frame{frame::kind_t::plain, 0, targets});
            expr_(*f.filter);
            frames_.pop_back();
        }
        // The interpreter keeps `loop` and a plain name target in entries 0 and 1 (exec_for).
        const bool plain_target = f.tgt.kind == target::kind_t::name && f.tgt.sym != sym::loop;
        if (plain_target) {
            push(frame::kind_t::loop_body, &f.body, f.tgt.sym);
        } else {
            push(frame::kind_t::plain, &f.body);
            frames_.back().binds.push_back(sym::loop);
            frames_.back().binds.insert(frames_.back().binds.end(), targets.begin(), targets.end());
        }
        stmts(f.body);
        frames_.pop_back();
        if (plain_target && f.body.size() == 1 && f.body[0]->kind == stmt_kind::if_) {
            const auto& st = static_cast<const if_stmt&>(*f.body[0]);
            if (st.branches.size() == 1 && st.otherwise.empty() && !item_tests_of(*st.branches[0].first, false, f.item_tests))
                f.item_tests.clear();
        }
        scoped(f.otherwise);
    }

    void macro(macro_stmt& m) {
        // A macro defined outside every scope runs with the root frame as its closure; one defined
        // inside a scope closes over a flattened copy whose entries have no fixed place.
        if (frames_.empty()) top_level_macros_.push_back(&m);
        push(frames_.empty() ? frame::kind_t::top_macro : frame::kind_t::nested_macro, &m.body);
        frame& f = frames_.back();
        for (const macro_param& p : m.params) f.binds.push_back(p.sym);
        f.binds.push_back(sym::varargs);
        f.binds.push_back(sym::kwargs);
        f.binds.push_back(sym::caller);
        for (macro_param& p : m.params)
            if (p.default_value) expr_(*p.default_value);
        stmts(m.body);
        frames_.pop_back();
    }
};

}  // namespace

void resolve_names(program& p) { resolver(p.top_level_macros).stmts(p.body); }

}  // namespace tito::jinja
