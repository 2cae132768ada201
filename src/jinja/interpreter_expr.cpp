// File: jinja/interpreter_expr.cpp
// Expression evaluation. eval_ref() is the hot path: names, attributes and items resolve to a
// pointer into existing storage (scope, dict, list, literal) so reading `message.role` copies
// nothing and touches no reference count; string `+` chains are built in one buffer.
#include "jinja/builtins.hpp"
#include "jinja/interpreter.hpp"
#include "jinja/objects.hpp"

namespace tito::jinja {

failure undefined_failure(const value& v, src_loc w);  // interpreter_access.cpp

namespace {

bool plain_string(const value& v) { return v.is_string() && !v.is_markup(); }

}  // namespace

// The hot path is kept small (literals, names, dict attributes) so its calls stay cheap; every
// other case is in eval_ref_slow / eval_attr_slow. Names resolve inline (find_name), also as
// the object of an attribute, which saves a call level for the common `name.attr`.
inline const value* render_state::find_name(const expr& e, scope* sc, value& tmp) {
    const auto& n = static_cast<const name_expr&>(e);
    if (const value* v = bound_name(n.sym, n.bind, sc)) return v;
    return eval_ref_slow(e, sc, tmp);
}

const value* render_state::eval_attr(const attr_expr& a, scope* sc, value& tmp) {
    const value* obj = a.obj->kind == expr_kind::name ? find_name(*a.obj, sc, tmp) : eval_ref(*a.obj, sc, tmp);
    if (obj && obj->is_dict() && (a.method_mask & (mm_dict | mm_unsafe_dict)) == 0) {
        if (const value* v = obj->dict().find(a.name, a.key_tag)) return v;
    }
    return eval_attr_slow(a, obj, tmp);
}

const value* render_state::eval_ref(const expr& e, scope* sc, value& tmp) {
    switch (e.kind) {
        case expr_kind::literal: return &static_cast<const literal_expr&>(e).val;
        case expr_kind::name: return find_name(e, sc, tmp);
        case expr_kind::attr: return eval_attr(static_cast<const attr_expr&>(e), sc, tmp);
        default: return eval_ref_slow(e, sc, tmp);
    }
}

const value* render_state::eval_attr_slow(const attr_expr& a, const value* obj, value& tmp) {
    if (!obj) return nullptr;
    if (obj->is_dict() && method_status(*obj, a.method_mask) == 0) {
        tmp = value::undefined_attr(&a.name);  // missing key
        return &tmp;
    }
    if (obj->is_object()) {
        // Only the loop object answers loop_attr and only namespaces attr_ref, so the order is free.
        if (a.loop_attr < 0) {
            if (const value* v = obj->object().attr_ref(a.name, a.key_tag)) return v;
        } else if (obj != &tmp && obj->object().loop_attr(a.loop_attr, tmp)) {  // loop.index0, loop.last, ...
            return &tmp;
        }
    }
    return eval_attr_generic(a, *obj, tmp);
}

// The rest of eval_attr_slow, apart so that the namespace path above needs no stack frame.
const value* render_state::eval_attr_generic(const attr_expr& a, const value& obj, value& tmp) {
    if (obj.is_object() && a.loop_attr >= 0) {
        value r;  // not tmp: obj may live in tmp
        if (obj.object().loop_attr(a.loop_attr, r)) {
            tmp = std::move(r);
            return &tmp;
        }
        if (const value* v = obj.object().attr_ref(a.name, a.key_tag)) return v;
    }
    auto r = get_attribute(obj, a.name, a.method_mask, a.where);
    if (!r) { pending_ = std::move(r).error(); return nullptr; }
    tmp = std::move(*r);
    return &tmp;
}

const value* render_state::eval_ref_slow(const expr& e, scope* sc, value& tmp) {
    switch (e.kind) {
        case expr_kind::name:  // not bound anywhere
            tmp = value::undefined_name(&static_cast<const name_expr&>(e).name);
            return &tmp;
        case expr_kind::item: {
            const auto& it = static_cast<const item_expr&>(e);
            const value* obj = eval_ref(*it.obj, sc, tmp);
            if (!obj) return nullptr;
            if (it.literal_key && obj->is_dict()) {
                const std::string& k = static_cast<const literal_expr&>(*it.key).val.str();
                if (const value* v = obj->dict().find(k, it.key_tag)) return v;
                if ((it.key_mask & (mm_dict | mm_unsafe_dict)) == 0) {
                    tmp = value::undefined_attr(&k);  // same hint as get_item's missing key
                    return &tmp;
                }
            }
            value ktmp;
            const value* key = eval_ref(*it.key, sc, ktmp);
            if (!key) return nullptr;
            if (obj->is_dict()) {
                if (const value* v = obj->dict().find(*key)) return v;
            } else if (obj->is_list() && obj->sequence_kind() != seq_kind::generator && (key->is_int() || key->is_bool())) {
                const auto& items = obj->list().items;
                std::int64_t i = key->as_int(), n = static_cast<std::int64_t>(items.size());
                if (i < 0) i += n;
                if (i >= 0 && i < n) return &items[static_cast<std::size_t>(i)];
            }
            auto r = get_subscript(*obj, *key, it.where);
            if (!r) { pending_ = std::move(r).error(); return nullptr; }
            tmp = std::move(*r);
            return &tmp;
        }
        default: {
            auto r = eval_other(e, sc);
            if (!r) { pending_ = std::move(r).error(); return nullptr; }
            tmp = std::move(*r);
            return &tmp;
        }
    }
}

jres<value> render_state::eval(const expr& e, scope* sc) {
    switch (e.kind) {
        case expr_kind::literal:
        case expr_kind::name:
        case expr_kind::attr:
        case expr_kind::item: {
            value tmp;
            JREF(p, eval_ref(e, sc, tmp));
            if (p == &tmp) return tmp;
            return *p;
        }
        default: return eval_other(e, sc);
    }
}

namespace {

// py_eq with the string == string case (most comparisons in chat templates) inline.
bool fast_eq(const value& a, const value& b) {
    if (a.is_string() && b.is_string()) {
        const std::string& x = a.str();
        const std::string& y = b.str();
        return x.size() == y.size() && std::char_traits<char>::compare(x.data(), y.data(), x.size()) == 0;
    }
    return py_eq(a, b);
}

}  // namespace

// One comparison lhs <op> rhs of a chain.
cond render_state::compare_op(cmp_op op, const value& lhs, const value& rhs, src_loc where) {
    switch (op) {
        case cmp_op::eq: return fast_eq(lhs, rhs) ? cond::yes : cond::no;
        case cmp_op::ne: return fast_eq(lhs, rhs) ? cond::no : cond::yes;
        case cmp_op::in:
        case cmp_op::not_in: {
            bool found;
            if (rhs.is_dict() && lhs.is_string()) {  // "key" in mapping
                found = rhs.dict().find(std::string_view(lhs.str())) != nullptr;
            } else {
                if (rhs.is_undefined() && rhs.undefined_unsafe()) return park_cond(undefined_failure(rhs, where));
                auto r = contains(rhs, lhs);
                if (!r) { r.error().set_where(where); return park_cond(std::move(r).error()); }
                found = *r;
            }
            return found == (op == cmp_op::in) ? cond::yes : cond::no;
        }
        default: {
            const char* sym = op == cmp_op::lt ? "<" : op == cmp_op::le ? "<=" : op == cmp_op::gt ? ">" : ">=";
            auto r = py_compare(lhs, rhs, sym);
            if (!r) { r.error().set_where(where); return park_cond(std::move(r).error()); }
            int k = *r;
            bool ok = op == cmp_op::lt ? k < 0 : op == cmp_op::le ? k <= 0 : op == cmp_op::gt ? k > 0 : k >= 0;
            return ok ? cond::yes : cond::no;
        }
    }
}

// `x == 'lit'`, `x != 'lit'`: a string operand is compared in place, anything else via py_eq.
cond render_state::eval_eq_literal(const compare_expr& c, scope* sc) {
    if (c.first->kind == expr_kind::attr) {  // `name.attr == 'lit'` on a dict: the entry in place
        const value* obj;
        if (const value* v = dict_attr_fast(static_cast<const attr_expr&>(*c.first), sc, obj)) return detail::eq_literal(*v, c);
    }
    value tmp;
    const value* lhs = c.first->kind == expr_kind::attr ? eval_attr(static_cast<const attr_expr&>(*c.first), sc, tmp)
                                                        : eval_ref(*c.first, sc, tmp);
    if (!lhs) return cond::error;
    return detail::eq_literal(*lhs, c);
}

// `'lit' in x`, `'lit' not in x`: a dict is searched with the tag computed at parse time.
cond render_state::eval_literal_in(const compare_expr& c, scope* sc) {
    const value& lit = static_cast<const literal_expr&>(*c.first).val;
    value tmp;
    const expr& re = *c.rest[0].second;
    const value* rhs;
    if (re.kind == expr_kind::name) {
        rhs = find_name(re, sc, tmp);
    } else if (re.kind == expr_kind::attr) {  // `'<tag>' in message.content`: the entry in place
        const auto& a = static_cast<const attr_expr&>(re);
        const value* obj;
        rhs = dict_attr_fast(a, sc, obj);  // a missing key is an undefined, which contains nothing
        if (!rhs) rhs = obj ? eval_attr_slow(a, obj, tmp) : eval_attr(a, sc, tmp);
    } else {
        rhs = eval_ref(re, sc, tmp);
    }
    if (!rhs) return cond::error;
    bool found;
    if (rhs->is_dict()) found = rhs->dict().find(std::string_view(lit.str()), c.key_tag) != nullptr;
    else if (rhs->is_string()) found = rhs->str().find(lit.str()) != std::string::npos;  // as contains()
    else return compare_op(c.rest[0].first, lit, *rhs, c.where);
    return found != c.negated ? cond::yes : cond::no;
}

cond render_state::eval_compare(const compare_expr& c, scope* sc) {
    if (c.fast == compare_expr::shape::eq_literal) return eval_eq_literal(c, sc);
    if (c.fast == compare_expr::shape::literal_in) return eval_literal_in(c, sc);
    value ltmp;
    const value* lhs = eval_ref(*c.first, sc, ltmp);
    if (!lhs) return cond::error;
    if (c.rest.size() == 1) {  // the usual single comparison
        value rtmp;
        const value* rhs = eval_ref(*c.rest[0].second, sc, rtmp);
        if (!rhs) return cond::error;
        return compare_op(c.rest[0].first, *lhs, *rhs, c.where);
    }
    value rtmp[2];
    int slot = 0;
    for (const auto& [op, e] : c.rest) {
        value& rt = rtmp[slot];
        const value* rhs = eval_ref(*e, sc, rt);
        if (!rhs) return cond::error;
        cond ok = compare_op(op, *lhs, *rhs, c.where);
        if (ok != cond::yes) return ok;
        lhs = rhs;  // stays alive in its slot while the next right operand uses the other one
        slot ^= 1;
    }
    return cond::yes;
}

// A filter whose plain-str result can be written straight into an output buffer (tojson).
bool render_state::streams_into(const expr& e) {
    return e.kind == expr_kind::filter && static_cast<const filter_expr&>(e).into;
}

jres<bool> render_state::eval_filter_into(const filter_expr& f, scope* sc, std::string& out) {
    value tmp;
    JREF(operand, eval_ref(*f.operand, sc, tmp));
    call_args args;
    if (!f.args.positional.empty() || !f.args.keyword.empty() || f.args.star_args || f.args.star_kwargs)
        JTRY_VOID(eval_args(f.args, sc, args));
    auto r = f.into(*this, *operand, args, out);
    if (!r) r.error().set_where(f.where);
    return r;
}

// Evaluates a left-deep chain a + b + c + ... with Python's pairwise semantics, but keeps plain
// strings in `buf` (appended at its end) instead of allocating a temporary per `+`. On return
// either the result is a plain string appended to buf (returns true) or it is in `result` (false).
jres<bool> render_state::eval_add_chain(const binary_expr& b, scope* sc, std::string& buf, value& result) {
    const expr* const* operands = b.add_chain.data();  // rightmost first
    std::size_t n = b.add_chain.size();
    const expr* walked[64];
    if (n == 0) [[unlikely]] {  // not resolved (resolve_names did not see this node): walk it here
        const expr* cur = &b;
        while (cur->kind == expr_kind::binary && static_cast<const binary_expr*>(cur)->op == binop::add && n < 63) {
            walked[n++] = static_cast<const binary_expr*>(cur)->rhs.get();
            cur = static_cast<const binary_expr*>(cur)->lhs.get();
        }
        walked[n++] = cur;
        operands = walked;
    }
    std::size_t base = buf.size();
    bool in_buf = false;
    if (streams_into(*operands[n - 1])) {
        JTRY_VOID(eval_filter_into(static_cast<const filter_expr&>(*operands[n - 1]), sc, buf));
        in_buf = true;
    } else {
        value tmp;
        JREF(first, eval_ref(*operands[n - 1], sc, tmp));
        if (plain_string(*first)) { buf += first->str(); in_buf = true; }
        else result = *first;
    }
    for (std::size_t i = n - 1; i-- > 0;) {
        if (in_buf && streams_into(*operands[i])) {  // str + (x|tojson): the JSON goes into buf
            JTRY_VOID(eval_filter_into(static_cast<const filter_expr&>(*operands[i]), sc, buf));
            continue;
        }
        const expr& op = *operands[i];
        if (in_buf && op.kind == expr_kind::literal) {  // the text parts of a chain, in place
            const value& lit = static_cast<const literal_expr&>(op).val;
            if (plain_string(lit)) { buf += lit.str(); continue; }
        }
        value tmp;
        JREF(v, eval_ref(op, sc, tmp));
        if (in_buf && plain_string(*v)) { buf += v->str(); continue; }
        if (in_buf) {
            result = value::from_string(buf.substr(base));
            buf.resize(base);
            in_buf = false;
        }
        auto r = binary_op(binop::add, result, *v);
        if (!r) { r.error().set_where(b.where); return std::move(r).error(); }
        result = std::move(*r);
        if (plain_string(result)) { buf += result.str(); in_buf = true; }
    }
    return in_buf;
}

namespace {

bool check_simple(simple_test k, const value& v) {
    switch (k) {
        case simple_test::defined: return !v.is_undefined();
        case simple_test::undefined: return v.is_undefined();
        case simple_test::none: return v.is_none();
        case simple_test::string: return v.is_string();
        case simple_test::mapping: return v.is_dict();
        case simple_test::boolean: return v.is_bool();
        case simple_test::integer: return v.is_int();
        case simple_test::number: return v.is_number();
        case simple_test::no: break;
    }
    return false;
}

}  // namespace

cond render_state::eval_test(const test_expr& t, scope* sc) {
    if (t.simple != simple_test::no) {  // `x is defined`, `x.y is none`, ...: no call, no arguments
        value tmp;
        const value* v;
        if (t.operand->kind == expr_kind::attr) {
            const auto& a = static_cast<const attr_expr&>(*t.operand);
            const value* obj;
            v = dict_attr_fast(a, sc, obj);
            if (!v) v = obj ? eval_attr_slow(a, obj, tmp) : eval_attr(a, sc, tmp);
        } else {
            v = eval_ref(*t.operand, sc, tmp);
        }
        if (!v) return cond::error;
        return check_simple(t.simple, *v) ? cond::yes : cond::no;
    }
    if (!t.fn) return park_cond(fail(py_exc::template_runtime_error, "No test named '" + t.name + "' found.", t.where));
    value tmp;
    const value* operand = eval_ref(*t.operand, sc, tmp);
    if (!operand) return cond::error;
    call_args args;
    if (!t.args.positional.empty() || !t.args.keyword.empty() || t.args.star_args || t.args.star_kwargs) {
        auto a = eval_args(t.args, sc, args);
        if (!a) return park_cond(std::move(a).error());
    }
    auto r = t.fn(*this, *operand, args);
    if (!r) { r.error().set_where(t.where); return park_cond(std::move(r).error()); }
    return *r ? cond::yes : cond::no;
}

namespace {

// truthy(*v) as a cond, the common kinds inline; a null v is a parked failure.
inline cond truthy_cond(const value* v) {
    if (!v) return cond::error;
    switch (v->kind()) {
        case value_kind::undefined:
        case value_kind::none: return cond::no;
        case value_kind::boolean: return v->as_bool() ? cond::yes : cond::no;
        case value_kind::string: return v->str().empty() ? cond::no : cond::yes;
        default: return truthy(*v) ? cond::yes : cond::no;
    }
}

}  // namespace

cond render_state::attr_truthy(const attr_expr& a, scope* sc) {
    const value* obj;
    if (const value* v = dict_attr_fast(a, sc, obj)) return truthy_cond(v);
    if (obj && obj->is_object() && a.loop_attr < 0) {  // a namespace attribute (`not ns.found`)
        if (const value* v = obj->object().attr_ref(a.name, a.key_tag)) return truthy_cond(v);
    }
    value tmp;
    return truthy_cond(obj ? eval_attr_slow(a, obj, tmp) : eval_attr(a, sc, tmp));
}

cond render_state::eval_truthy(const expr& e, scope* sc) {
    switch (e.kind) {
        case expr_kind::compare: {
            const auto& c = static_cast<const compare_expr&>(e);
            if (c.fast == compare_expr::shape::eq_literal) return eval_eq_literal(c, sc);
            if (c.fast == compare_expr::shape::literal_in) return eval_literal_in(c, sc);
            return eval_compare(c, sc);
        }
        case expr_kind::test: return eval_test(static_cast<const test_expr&>(e), sc);
        case expr_kind::not_: {
            const expr& o = *static_cast<const unary_expr&>(e).operand;
            cond t;
            if (o.kind == expr_kind::attr) {  // `not ns.flag`, `not message.content`
                t = attr_truthy(static_cast<const attr_expr&>(o), sc);
            } else {
                t = eval_cond(o, sc);
            }
            return t == cond::error ? t : t == cond::yes ? cond::no : cond::yes;
        }
        case expr_kind::and_: {
            const auto& l = static_cast<const logical_expr&>(e);
            cond a = eval_cond(*l.lhs, sc);
            if (a != cond::yes) return a;
            return eval_cond(*l.rhs, sc);
        }
        case expr_kind::or_: {
            const auto& l = static_cast<const logical_expr&>(e);
            cond a = eval_cond(*l.lhs, sc);
            if (a != cond::no) return a;
            return eval_cond(*l.rhs, sc);
        }
        case expr_kind::attr: {
            return attr_truthy(static_cast<const attr_expr&>(e), sc);
        }
        default: {
            value tmp;
            return truthy_cond(eval_ref(e, sc, tmp));
        }
    }
}

// `{{ m(args) }}` for a macro m: the body renders into out (same text as str(m(args)), which is
// the body's output), without a buffer or a str value. no: not a macro call.
render_state::call_into_result render_state::eval_macro_call_into(const call_expr& c, scope* sc, std::string& out) {
    value tmp;
    const value* fn = find_name(*c.callee, sc, tmp);
    if (!fn) return call_into_result::error;
    if (!fn->is_object() || fn->object().kind() != object_kind::macro) return call_into_result::no;
    call_args args;
    if (auto a = eval_args(c.args, sc, args); !a) {
        pending_ = std::move(a).error();
        return call_into_result::error;
    }
    auto r = static_cast<const macro_object&>(fn->object()).call_into(*this, std::move(args), out);
    if (!r) {
        r.error().set_where(c.where);
        pending_ = std::move(r).error();
        return call_into_result::error;
    }
    return call_into_result::done;
}

jres<bool> render_state::eval_into(const expr& e, scope* sc, std::string& out) {
    switch (e.kind) {
        case expr_kind::binary:
            if (static_cast<const binary_expr&>(e).op == binop::add) {
                value result;
                JTRY(bool in_buf, eval_add_chain(static_cast<const binary_expr&>(e), sc, out, result));
                if (!in_buf) append_str(out, result);
                return true;
            }
            break;
        case expr_kind::filter:
            if (streams_into(e)) return eval_filter_into(static_cast<const filter_expr&>(e), sc, out);
            break;
        case expr_kind::concat:
            for (const auto& p : static_cast<const concat_expr&>(e).parts) {
                value tmp;
                JREF(v, eval_ref(*p, sc, tmp));
                append_str(out, *v);
            }
            return true;
        case expr_kind::call:
            if (static_cast<const call_expr&>(e).callee->kind == expr_kind::name) {
                const call_into_result r = eval_macro_call_into(static_cast<const call_expr&>(e), sc, out);
                if (r == call_into_result::done) return true;
                if (r == call_into_result::error) return take_pending();
            }
            break;
        default: break;
    }
    value tmp;
    JREF(v, e.kind == expr_kind::attr ? eval_attr(static_cast<const attr_expr&>(e), sc, tmp) : eval_ref(e, sc, tmp));
    if (v->is_string()) out += v->str();
    else append_str(out, *v);
    return true;
}

jres<value> render_state::eval_other(const expr& e, scope* sc) {
    switch (e.kind) {
        case expr_kind::list:
        case expr_kind::tuple: {
            const auto& s = static_cast<const seq_expr&>(e);
            std::vector<value> items;
            items.reserve(s.items.size());
            for (const auto& x : s.items) {
                JTRY(value v, eval(*x, sc));
                items.push_back(std::move(v));
            }
            return value::from_list(std::move(items), e.kind == expr_kind::tuple ? seq_kind::tuple : seq_kind::list);
        }
        case expr_kind::dict: {
            const auto& d = static_cast<const dict_expr&>(e);
            std::vector<std::pair<value, value>> items;
            for (const auto& [ke, ve] : d.items) {
                JTRY(value k, eval(*ke, sc));
                JTRY(value v, eval(*ve, sc));
                bool dup = false;
                for (auto& kv : items) if (py_eq(kv.first, k)) { kv.second = v; dup = true; break; }
                if (!dup) items.emplace_back(std::move(k), std::move(v));
            }
            return value::from_dict(std::move(items));
        }
        case expr_kind::slice: {
            const auto& s = static_cast<const slice_expr&>(e);
            value otmp;
            JREF(obj, eval_ref(*s.obj, sc, otmp));
            value a, b, c;
            if (s.start) { JTRY(a, eval(*s.start, sc)); }
            if (s.stop) { JTRY(b, eval(*s.stop, sc)); }
            if (s.step) { JTRY(c, eval(*s.step, sc)); }
            if (obj->is_undefined()) return undefined_failure(*obj, s.where);
            auto r = get_slice(*obj, a, b, c);
            if (!r) r.error().set_where(s.where);
            return r;
        }
        case expr_kind::call: return eval_call(static_cast<const call_expr&>(e), sc);
        case expr_kind::filter: {
            const auto& f = static_cast<const filter_expr&>(e);
            value tmp;
            JREF(operand, eval_ref(*f.operand, sc, tmp));
            return apply_filter(f, *operand, sc);
        }
        case expr_kind::test: {
            CTRY(ok, eval_test(static_cast<const test_expr&>(e), sc));
            return value::from_bool(ok);
        }
        case expr_kind::neg: {
            value tmp;
            JREF(v, eval_ref(*static_cast<const unary_expr&>(e).operand, sc, tmp));
            auto r = negate(*v);
            if (!r) r.error().set_where(e.where);
            return r;
        }
        case expr_kind::pos: {
            JTRY(value v, eval(*static_cast<const unary_expr&>(e).operand, sc));
            if (v.is_undefined()) return undefined_failure(v, e.where);
            if (!v.is_number()) return fail_type(std::string("bad operand type for unary +: '") + type_name(v) + "'", e.where);
            return v.is_bool() ? value::from_int(v.as_int()) : v;
        }
        case expr_kind::not_: {
            CTRY(t, eval_truthy(*static_cast<const unary_expr&>(e).operand, sc));
            return value::from_bool(!t);
        }
        case expr_kind::binary: {
            const auto& b = static_cast<const binary_expr&>(e);
            if (b.op == binop::add) {
                std::string buf;
                value result;
                JTRY(bool in_buf, eval_add_chain(b, sc, buf, result));
                if (in_buf) return value::from_string(std::move(buf));
                return result;
            }
            value lt, rt;
            JREF(l, eval_ref(*b.lhs, sc, lt));
            JREF(r, eval_ref(*b.rhs, sc, rt));
            if (l->is_int() && r->is_int() && b.op == binop::sub) {  // index arithmetic, e.g. loop.index0 - 1
                std::int64_t z;
                if (!__builtin_sub_overflow(l->as_int(), r->as_int(), &z)) return value::from_int(z);
            }
            auto res = binary_op(b.op, *l, *r);
            if (!res) res.error().set_where(b.where);
            return res;
        }
        case expr_kind::concat: {
            std::string s;
            JTRY_VOID(eval_into(e, sc, s));
            return value::from_string(std::move(s));
        }
        case expr_kind::compare: {
            CTRY(ok, eval_compare(static_cast<const compare_expr&>(e), sc));
            return value::from_bool(ok);
        }
        case expr_kind::and_:
        case expr_kind::or_: {
            const auto& l = static_cast<const logical_expr&>(e);
            value tmp;
            JREF(a, eval_ref(*l.lhs, sc, tmp));
            bool t = truthy(*a);
            if (e.kind == expr_kind::and_ ? !t : t) return a == &tmp ? std::move(tmp) : *a;
            return eval(*l.rhs, sc);
        }
        case expr_kind::cond: {
            const auto& c = static_cast<const cond_expr&>(e);
            CTRY(t, eval_cond(*c.test, sc));
            if (t) return eval(*c.then, sc);
            if (c.otherwise) return eval(*c.otherwise, sc);
            return value::undefined("the inline if-expression on line " + std::to_string(c.where.line) +
                                    " evaluated to false and no else section was defined.");
        }
        default: {
            value tmp;
            JREF(p, eval_ref(e, sc, tmp));
            return p == &tmp ? std::move(tmp) : *p;
        }
    }
}

}  // namespace tito::jinja
