// File: jinja/interpreter.cpp
// Statement execution: output, if, for (with loop variable, filter, else, break/continue), set,
// set blocks, macros, filter blocks. Scoping follows Jinja2: for-loop bodies, macro bodies and
// block bodies get their own scope; if does not.
#include "jinja/interpreter.hpp"

#include "jinja/objects.hpp"

namespace tito::jinja {

failure undefined_failure(const value& v, src_loc w);  // interpreter_access.cpp

flow render_state::out_of_fuel(src_loc where) {
    return park(fail(py_exc::limit, "template exceeded its step budget", where));
}

// An output statement's expression failed: located at the statement unless it has a location.
flow render_state::output_failed(failure f, src_loc where) {
    f.set_where(where);
    return park(std::move(f));
}

flow render_state::out_of_room(src_loc where) { return park(fail(py_exc::limit, "output too large", where)); }

jres<bool> render_state::run(std::string& out) {
    if (exec(prog_.body, nullptr, out) == flow::error) return take_pending();
    return true;
}

flow render_state::exec(const stmt_list& body, scope* sc, std::string& out) {
    for (const stmt_ptr& s : body) {
        flow f = exec_stmt(*s, sc, out);
        if (f != flow::normal) return f;
    }
    return flow::normal;
}

jres<bool> render_state::assign(const target& t, value v, scope* sc) {
    switch (t.kind) {
        case target::kind_t::name:
            if (sc) sc->set(t.sym, std::move(v));
            else root_[t.sym] = std::move(v);
            return true;
        case target::kind_t::attr: {
            const value* ns = target_ns(t, sc);
            if (!ns->is_object() || !ns->object().set_attr_tagged(t.attr, t.attr_tag, std::move(v)))
                return fail(py_exc::template_runtime_error, "cannot assign attribute on non-namespace object", t.where);
            return true;
        }
        case target::kind_t::tuple: {
            JTRY(std::vector<value> items, iterate(v));
            if (items.size() != t.items.size()) {
                if (items.size() > t.items.size())
                    return fail(py_exc::value_error, "too many values to unpack (expected " + std::to_string(t.items.size()) + ")", t.where);
                return fail(py_exc::value_error, "not enough values to unpack (expected " + std::to_string(t.items.size()) + ", got " + std::to_string(items.size()) + ")", t.where);
            }
            for (std::size_t i = 0; i < items.size(); ++i) { JTRY_VOID(assign(t.items[i], std::move(items[i]), sc)); }
            return true;
        }
    }
    return true;
}

flow render_state::exec_stmt(const stmt& s, scope* sc, std::string& out) {
    if (!fuel_.consume()) return out_of_fuel(s.where);
    switch (s.kind) {
        case stmt_kind::data:
            out += static_cast<const data_stmt&>(s).text;
            return flow::normal;
        case stmt_kind::output: {
            auto r = eval_into(*static_cast<const output_stmt&>(s).e, sc, out);
            if (!r) return output_failed(std::move(r).error(), s.where);
            if (out.size() > limits_.max_output_bytes) return out_of_room(s.where);
            return flow::normal;
        }
        case stmt_kind::if_: return exec_if_body(static_cast<const if_stmt&>(s), sc, out);
        case stmt_kind::for_: return exec_for(static_cast<const for_stmt&>(s), sc, out);
        case stmt_kind::set: return exec_set(static_cast<const set_stmt&>(s), sc);
        case stmt_kind::set_block: return exec_set_block(static_cast<const set_block_stmt&>(s), sc);
        case stmt_kind::macro: return exec_macro_def(static_cast<const macro_stmt&>(s), sc);
        case stmt_kind::filter_block: return exec_filter_block(static_cast<const filter_block_stmt&>(s), sc, out);
        case stmt_kind::block: return exec(static_cast<const block_stmt&>(s).body, sc, out);
        case stmt_kind::break_: return flow::break_;
        case stmt_kind::continue_: return flow::continue_;
        case stmt_kind::call_block:
            return park(fail(py_exc::template_runtime_error, "call blocks are not supported", s.where));
    }
    return flow::normal;
}

// An `if` statement whose fuel is already taken.
flow render_state::exec_if_body(const if_stmt& st, scope* sc, std::string& out) {
    for (const auto& [test, body] : st.branches) {
        cond c;
        if (test->kind == expr_kind::and_) {  // `if a and b`: both operands dispatched here
            const auto& l = static_cast<const logical_expr&>(*test);
            c = eval_cond(*l.lhs, sc);
            if (c == cond::yes) c = eval_cond(*l.rhs, sc);
        } else {
            c = eval_cond(*test, sc);
        }
        if (c == cond::error) return flow::error;
        if (c == cond::yes) return exec(body, sc, out);
    }
    return exec(st.otherwise, sc, out);
}

flow render_state::exec_if(const if_stmt& st, scope* sc, std::string& out) {
    if (!fuel_.consume()) return out_of_fuel(st.where);
    return exec_if_body(st, sc, out);
}

// `set name = e` and `set ns.attr = e` without result objects: the value is read in place and
// copied once into its binding. Tuple targets go through assign().
flow render_state::exec_set(const set_stmt& st, scope* sc) {
    value tmp;
    const value* p = st.e->kind == expr_kind::literal ? &static_cast<const literal_expr&>(*st.e).val
                                                      : eval_ref(*st.e, sc, tmp);
    if (!p) return flow::error;
    const target& t = st.tgt;
    switch (t.kind) {
        case target::kind_t::name: {
            value v = p == &tmp ? std::move(tmp) : *p;  // copied before the binding changes (set x = x)
            if (sc) sc->set(t.sym, std::move(v));
            else root_[t.sym] = std::move(v);
            return flow::normal;
        }
        case target::kind_t::attr: {
            const value* ns = target_ns(t, sc);
            if (ns->is_object() && ns->object().kind() == object_kind::namespace_) {  // an existing attribute
                if (value* slot = static_cast<const namespace_object&>(ns->object()).slot(t.attr, t.attr_tag)) {
                    // The copy is made before the old value is released, so p may point into it.
                    if (p == &tmp) *slot = std::move(tmp);
                    else *slot = *p;
                    return flow::normal;
                }
            }
            if (ns->is_object() && ns->object().set_attr_tagged(t.attr, t.attr_tag, p == &tmp ? std::move(tmp) : value(*p)))
                return flow::normal;
            return park(fail(py_exc::template_runtime_error, "cannot assign attribute on non-namespace object", t.where));
        }
        case target::kind_t::tuple: break;
    }
    FTRY_VOID(assign(t, p == &tmp ? std::move(tmp) : *p, sc));
    return flow::normal;
}

flow render_state::exec_set_block(const set_block_stmt& st, scope* sc) {
    scope inner(sc);
    std::string buf;
    if (exec(st.body, &inner, buf) == flow::error) return flow::error;
    value v = value::from_string(std::move(buf));
    for (const auto& f : st.filters) { FTRY(v, apply_filter(*f, v, sc)); }
    FTRY_VOID(assign(st.tgt, std::move(v), sc));
    return flow::normal;
}

flow render_state::exec_macro_def(const macro_stmt& m, scope* sc) {
    if (!sc && m.top_level.is_object()) {  // built once per template (template_::parse)
        root_[m.sym] = m.top_level;
        return flow::normal;
    }
    std::shared_ptr<scope> owned;
    if (sc) {
        // Nested definition: keep a flattened copy so the macro never points at a dead scope.
        owned = std::make_shared<scope>(nullptr);
        sc->flatten_into(*owned);
    }
    value mv = value::from_object(std::make_shared<macro_object>(&m, nullptr, owned));
    if (owned) owned->set(m.sym, mv);  // allow recursion
    if (sc) sc->set(m.sym, std::move(mv));
    else root_[m.sym] = std::move(mv);
    return flow::normal;
}

flow render_state::exec_filter_block(const filter_block_stmt& st, scope* sc, std::string& out) {
    scope inner(sc);
    std::string buf;
    if (exec(st.body, &inner, buf) == flow::error) return flow::error;
    value v = value::from_string(std::move(buf));
    for (const auto& f : st.filters) { FTRY(v, apply_filter(*f, v, sc)); }
    append_str(out, v);
    return flow::normal;
}

// for_stmt::item_tests against one loop item: yes / no, or error (nothing parked) when the item
// is not a dict or a test meets a value it does not decide; the caller then runs the `if`
// itself. Same results as eval_cond on the test with the target bound to item (dict_attr_fast,
// eval_eq_literal, eval_literal_in, attr_truthy); every test only reads.
cond render_state::item_tests_hold(const std::vector<item_test>& tests, const value& item) const noexcept {
    if (!item.is_dict()) return cond::error;
    const dict_data& d = item.dict();
    for (const item_test& t : tests) {
        bool r;
        switch (t.kind) {
            case item_test::kind_t::attr_eq: {
                const auto& c = static_cast<const compare_expr&>(*t.node);
                const auto& a = static_cast<const attr_expr&>(*c.first);
                const value* v = d.find(a.name, a.key_tag);
                r = detail::eq_literal(v ? *v : missing_key_, c) == cond::yes;
                break;
            }
            case item_test::kind_t::contains: {
                const auto& c = static_cast<const compare_expr&>(*t.node);
                const std::string& lit = static_cast<const literal_expr&>(*c.first).val.str();
                r = (d.find(std::string_view(lit), c.key_tag) != nullptr) != c.negated;
                break;
            }
            case item_test::kind_t::attr_contains: {
                const auto& c = static_cast<const compare_expr&>(*t.node);
                const auto& a = static_cast<const attr_expr&>(*c.rest[0].second);
                const value* v = d.find(a.name, a.key_tag);
                if (!v) return cond::error;
                const std::string& lit = static_cast<const literal_expr&>(*c.first).val.str();
                bool found;
                if (v->is_dict()) found = v->dict().find(std::string_view(lit), c.key_tag) != nullptr;
                else if (v->is_string()) found = v->str().find(lit) != std::string::npos;
                else return cond::error;
                r = found != c.negated;
                break;
            }
            case item_test::kind_t::attr_truthy: {
                const auto& a = static_cast<const attr_expr&>(*t.node);
                const value* v = d.find(a.name, a.key_tag);
                if (!v) { r = false; break; }
                switch (v->kind()) {
                    case value_kind::undefined:
                    case value_kind::none: r = false; break;
                    case value_kind::boolean: r = v->as_bool(); break;
                    case value_kind::string: r = !v->str().empty(); break;
                    default: return cond::error;
                }
                break;
            }
            default: return cond::error;
        }
        if (r == t.negated) return cond::no;
    }
    return cond::yes;
}

// `for x in seq[a:b]` over a list iterates seq's own items in place instead of copying the
// slice. Evaluates the slice's parts once, in the order the slice expression would.
render_state::loop_slice render_state::eval_loop_slice(const for_stmt& f, scope* sc, value& seq, std::size_t& begin,
                                                       std::size_t& count) {
    if (f.filter || f.iter->kind != expr_kind::slice) return loop_slice::no;
    const auto& sl = static_cast<const slice_expr&>(*f.iter);
    if (sl.step) return loop_slice::no;
    value otmp, a, b;
    const value* obj = eval_ref(*sl.obj, sc, otmp);
    if (!obj) return loop_slice::error;
    for (auto [part, dst] : {std::pair{sl.start.get(), &a}, std::pair{sl.stop.get(), &b}}) {
        if (!part) continue;
        auto r = eval(*part, sc);
        if (!r) { pending_ = std::move(r).error(); return loop_slice::error; }
        *dst = std::move(*r);
    }
    if (slice_range(*obj, a, b, begin, count)) {
        seq = *obj;  // keeps the list alive even if the body rebinds where it came from
        return loop_slice::in_place;
    }
    if (obj->is_undefined()) { pending_ = undefined_failure(*obj, sl.where); return loop_slice::error; }
    auto r = get_slice(*obj, a, b, value());
    if (!r) { r.error().set_where(sl.where); pending_ = std::move(r).error(); return loop_slice::error; }
    seq = std::move(*r);
    return loop_slice::built;
}

flow render_state::exec_for(const for_stmt& f, scope* sc, std::string& out) {
    value seq, items_val;
    std::size_t begin = 0, count = 0;
    const loop_slice ls = eval_loop_slice(f, sc, seq, begin, count);
    if (ls == loop_slice::error) return flow::error;
    if (ls == loop_slice::in_place) {
        items_val = std::move(seq);
    } else {
        if (ls == loop_slice::no) { FTRY(seq, eval(*f.iter, sc)); }
        if (seq.is_undefined() && seq.undefined_unsafe())
            return park(fail(py_exc::security_error, seq.undefined_hint(), f.where));
        auto iv = iterate_view(seq);
        if (!iv) { iv.error().set_where(f.where); return park(std::move(iv).error()); }
        if (f.filter) {
            std::vector<value> kept;
            for (const value& item : iv->get()) {
                scope filter_scope(sc);
                if (f.tgt.kind == target::kind_t::name) filter_scope.bind_ref(f.tgt.sym, &item);
                else FTRY_VOID(assign(f.tgt, item, &filter_scope));
                const cond c = eval_truthy(*f.filter, &filter_scope);
                if (c == cond::error) return flow::error;
                if (c == cond::yes) kept.push_back(item);
            }
            items_val = value::from_list(std::move(kept));
        } else if (iv->items) {
            items_val = seq.is_list() && seq.sequence_kind() == seq_kind::list ? seq : value::from_list(*iv->items);
        } else {
            items_val = value::from_list(std::move(iv->owned));
        }
        count = items_val.list().items.size();
    }
    if (count == 0) {
        scope else_scope(sc);
        return exec(f.otherwise, &else_scope, out);
    }
    const value* items = items_val.list().items.data() + begin;
    std::optional<loop_object> local_loop;
    std::shared_ptr<const loop_object> loop;
    if (f.loop_escapes) {
        loop = std::make_shared<loop_object>(items_val, begin, count);
    } else {  // a non-owning pointer to a loop object on this frame (see for_stmt::loop_escapes)
        local_loop.emplace(items_val, begin, count);
        loop = std::shared_ptr<const loop_object>(std::shared_ptr<const loop_object>(), &*local_loop);
    }
    value loop_val = value::from_object(loop);
    if (f.tgt.kind == target::kind_t::name && f.tgt.sym != sym::loop) {
        // Jinja2 gives every iteration fresh locals: one scope whose slot 0 is `loop` and slot 1
        // the target, reset before each iteration (a `set` in one iteration is not seen by the next).
        scope iter_scope(sc);
        iter_scope.bind_ref(sym::loop, &loop_val);
        iter_scope.bind_ref(f.tgt.sym, &items[0]);
        // A body that is one `if` (scan loops: `{% for m in ms %}{% if ... %}...{% endif %}{% endfor %}`)
        // is run without the statement-list and statement dispatch per iteration.
        const if_stmt* single_if = f.body.size() == 1 && f.body[0]->kind == stmt_kind::if_
                                       ? static_cast<const if_stmt*>(f.body[0].get()) : nullptr;
        if (single_if && !f.item_tests.empty())
            return exec_scan_loop(f, *single_if, iter_scope, items, count, *loop, loop_val, out);
        for (std::size_t i = 0; i < count; ++i) {
            if (!fuel_.consume()) return out_of_fuel(f.where);
            loop->set_index(i);
            iter_scope.truncate(2);
            iter_scope.rebind_ref(0, &loop_val);
            iter_scope.rebind_ref(1, &items[i]);
            flow fl = single_if ? exec_if(*single_if, &iter_scope, out) : exec(f.body, &iter_scope, out);
            if (fl == flow::break_) break;
            if (fl == flow::error) return fl;
        }
        return flow::normal;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (!fuel_.consume()) return out_of_fuel(f.where);
        // Jinja2 gives every iteration fresh locals: a `set` in one iteration is not seen by the next.
        scope iter_scope(sc);
        loop->set_index(i);
        iter_scope.bind_ref(sym::loop, &loop_val);
        if (f.tgt.kind == target::kind_t::name) iter_scope.bind_ref(f.tgt.sym, &items[i]);
        else FTRY_VOID(assign(f.tgt, items[i], &iter_scope));
        flow fl = exec(f.body, &iter_scope, out);
        if (fl == flow::break_) break;
        if (fl == flow::error) return fl;
    }
    return flow::normal;
}

// The iterations of exec_for for a body that is one `if` with item tests (for_stmt::item_tests):
// the test is checked on the item itself, so an item that fails it costs no scope set-up and one
// that passes runs the branch directly (the `if`'s fuel taken here). Items the tests do not
// decide run the `if` as usual.
flow render_state::exec_scan_loop(const for_stmt& f, const if_stmt& st, scope& iter_scope, const value* items,
                                  std::size_t count, const loop_object& loop, const value& loop_val, std::string& out) {
    for (std::size_t i = 0; i < count; ++i) {
        if (!fuel_.consume()) return out_of_fuel(f.where);
        const cond pass = item_tests_hold(f.item_tests, items[i]);
        if (pass != cond::error && !fuel_.consume()) return out_of_fuel(st.where);
        if (pass == cond::no) continue;
        loop.set_index(i);
        iter_scope.truncate(2);
        iter_scope.rebind_ref(0, &loop_val);
        iter_scope.rebind_ref(1, &items[i]);
        const flow fl = pass == cond::yes ? exec(st.branches[0].second, &iter_scope, out) : exec_stmt(st, &iter_scope, out);
        if (fl == flow::break_) break;
        if (fl == flow::error) return fl;
    }
    return flow::normal;
}

jres<value> render_state::call_macro(const macro_stmt& m, scope* closure, call_args&& args) {
    std::string buf;
    JTRY_VOID(call_macro_into(m, closure, std::move(args), buf));
    return value::from_string(std::move(buf));
}

jres<bool> render_state::call_macro_into(const macro_stmt& m, scope* closure, call_args&& args, std::string& out) {
    if (depth_ >= limits_.max_call_depth) return fail(py_exc::limit, "maximum macro recursion depth exceeded", m.where);
    if (!fuel_.consume()) return fail(py_exc::limit, "template exceeded its step budget", m.where);
    scope sc(closure);
    std::size_t np = m.params.size();
    boost::container::small_vector<bool, 8> bound(np, false);
    std::vector<value> extra;
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        if (i < np) {
            sc.set(m.params[i].sym, std::move(args.positional[i]));
            bound[i] = true;
        } else if (m.uses_varargs) {
            extra.push_back(std::move(args.positional[i]));
        } else {
            return fail_type("macro '" + m.name + "' takes not more than " + std::to_string(np) + " argument(s)", m.where);
        }
    }
    std::vector<std::pair<value, value>> kw_extra;
    for (auto& [k, v] : args.keyword) {
        bool hit = false;
        for (std::size_t i = 0; i < np; ++i) {
            if (m.params[i].name == k) {
                if (bound[i]) return fail_type("macro '" + m.name + "' got multiple values for argument '" + k + "'", m.where);
                sc.set(m.params[i].sym, std::move(v));
                bound[i] = true;
                hit = true;
                break;
            }
        }
        if (hit) continue;
        if (k == "caller" && m.uses_caller) { sc.set(sym::caller, std::move(v)); continue; }
        if (!m.uses_kwargs) return fail_type("macro '" + m.name + "' takes no keyword argument '" + k + "'", m.where);
        kw_extra.emplace_back(value::from_string(k), std::move(v));
    }
    for (std::size_t i = 0; i < np; ++i) {
        if (bound[i]) continue;
        if (m.params[i].default_value) {
            JTRY(value d, eval(*m.params[i].default_value, &sc));
            sc.set(m.params[i].sym, std::move(d));
        } else {
            sc.set(m.params[i].sym, value::undefined("parameter '" + m.params[i].name + "' was not provided"));
        }
    }
    if (m.uses_varargs) sc.set(sym::varargs, make_tuple(std::move(extra)));
    if (m.uses_kwargs) sc.set(sym::kwargs, value::from_dict(std::move(kw_extra)));
    ++depth_;
    flow r = exec(m.body, &sc, out);
    --depth_;
    if (r == flow::error) return take_pending();
    return true;
}

}  // namespace tito::jinja
