// File: jinja/ast.hpp
// The parsed template: expression and statement nodes. Nodes are immutable after parsing; names are
// interned to symbol ids so scopes compare integers; filters and tests are resolved to function
// pointers at parse time (a missing one stays null and raises only when evaluated, like Jinja2
// inside conditional branches).
// Usage:
//   const expr& e = ...; switch (e.kind) { case expr_kind::name: static_cast<const name_expr&>(e) ... }
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jinja/value.hpp"
#include "jinja/value_ops.hpp"

namespace tito::jinja {

class render_state;
using filter_fn = jres<value> (*)(render_state&, const value&, call_args&);
using test_fn = jres<bool> (*)(render_state&, const value&, call_args&);
// A filter writing its (plain str) result straight into `out` instead of returning it.
using filter_into_fn = jres<bool> (*)(render_state&, const value&, call_args&, std::string& out);

using symbol = std::uint32_t;

enum class expr_kind : std::uint8_t {
    literal, name, list, tuple, dict, attr, item, slice, call, filter, test,
    neg, pos, not_, binary, concat, compare, and_, or_, cond,
};

struct expr {
    expr(expr_kind k, src_loc w) : kind(k), where(w) {}
    virtual ~expr() = default;
    expr_kind kind;
    src_loc where;
};
using expr_ptr = std::unique_ptr<expr>;

struct literal_expr : expr {
    literal_expr(src_loc w, value v) : expr(expr_kind::literal, w), val(std::move(v)) {}
    value val;
};
// Where a name read finds its binding, worked out after parsing (resolve.cpp): `local` is entry
// `slot` of the scope `hops` parents up (a for loop's `loop` or target, always bound there);
// `root` skips the scope chain, no enclosing scope can bind the name; `dynamic` walks the chain.
enum class name_res : std::uint8_t { dynamic, root, local };
struct name_binding {
    name_res res = name_res::dynamic;
    std::uint8_t hops = 0;
    std::uint8_t slot = 0;
};
struct name_expr : expr {
    name_expr(src_loc w, std::string n, symbol s) : expr(expr_kind::name, w), name(std::move(n)), sym(s) {}
    std::string name;
    symbol sym;
    name_binding bind;
};
struct seq_expr : expr {  // list or tuple literal
    using expr::expr;
    std::vector<expr_ptr> items;
};
struct dict_expr : expr {
    using expr::expr;
    std::vector<std::pair<expr_ptr, expr_ptr>> items;
};
struct attr_expr : expr {  // obj.name
    attr_expr(src_loc w) : expr(expr_kind::attr, w) {}
    expr_ptr obj;
    std::string name;
    std::uint64_t key_tag = 0;     // key_tag(name), for dict lookups
    std::uint8_t method_mask = 0;  // builtins.hpp method_bits of `name`
    // index, index0, first, last, length, revindex, revindex0 -> 0..6 (loop variable fast path)
    std::int8_t loop_attr = -1;
};
struct item_expr : expr {  // obj[key]
    item_expr(src_loc w) : expr(expr_kind::item, w) {}
    expr_ptr obj, key;
    // Set at parse time when key is a string literal whose repr is the key in single quotes: a
    // dict lookup then uses the precomputed tag, and a missing key the allocation-free undefined.
    bool literal_key = false;
    std::uint8_t key_mask = 0;  // builtins.hpp method_bits of the key
    std::uint64_t key_tag = 0;
};
struct slice_expr : expr {  // obj[start:stop:step]; parts may be null
    slice_expr(src_loc w) : expr(expr_kind::slice, w) {}
    expr_ptr obj, start, stop, step;
};
struct arg_list {
    std::vector<expr_ptr> positional;
    std::vector<std::pair<std::string, expr_ptr>> keyword;
    expr_ptr star_args, star_kwargs;
};
struct call_expr : expr {
    call_expr(src_loc w) : expr(expr_kind::call, w) {}
    expr_ptr callee;
    arg_list args;
};
struct filter_expr : expr {  // operand | name(args); operand null inside {% filter %}
    filter_expr(src_loc w) : expr(expr_kind::filter, w) {}
    expr_ptr operand;
    std::string name;
    filter_fn fn = nullptr;
    filter_into_fn into = nullptr;  // set only where it gives the same text as fn (builtins.hpp)
    arg_list args;
};
// Type tests without arguments, checked inline by eval_test (same results as tests.cpp).
enum class simple_test : std::uint8_t { no, defined, undefined, none, string, mapping, boolean, integer, number };
struct test_expr : expr {  // operand is name(args)
    test_expr(src_loc w) : expr(expr_kind::test, w) {}
    expr_ptr operand;
    std::string name;
    test_fn fn = nullptr;
    arg_list args;
    simple_test simple = simple_test::no;
};
struct unary_expr : expr {  // neg, pos, not_
    using expr::expr;
    expr_ptr operand;
};
struct binary_expr : expr {
    binary_expr(src_loc w, binop o) : expr(expr_kind::binary, w), op(o) {}
    binop op;
    expr_ptr lhs, rhs;
    // `+`: the operands of the left-deep chain a + b + ... rooted here, rightmost first (set after
    // parsing, resolve.cpp), so evaluating a chain does not walk it.
    std::vector<const expr*> add_chain;
};
struct concat_expr : expr {  // a ~ b ~ c
    concat_expr(src_loc w) : expr(expr_kind::concat, w) {}
    std::vector<expr_ptr> parts;
};
enum class cmp_op : std::uint8_t { eq, ne, lt, le, gt, ge, in, not_in };
struct compare_expr : expr {
    compare_expr(src_loc w) : expr(expr_kind::compare, w) {}
    expr_ptr first;
    std::vector<std::pair<cmp_op, expr_ptr>> rest;
    // Single comparisons against a string literal, recognised at parse time (most conditions in
    // chat templates): `x == 'lit'` / `x != 'lit'` and `'lit' in x` / `'lit' not in x`.
    enum class shape : std::uint8_t { general, eq_literal, literal_in };
    shape fast = shape::general;
    bool negated = false;      // != / not in
    std::uint64_t key_tag = 0; // key_tag of the literal (a dict lookup; a short string compare)
};
struct logical_expr : expr {  // and_, or_
    using expr::expr;
    expr_ptr lhs, rhs;
};
struct cond_expr : expr {  // then if test else otherwise
    cond_expr(src_loc w) : expr(expr_kind::cond, w) {}
    expr_ptr test, then, otherwise;
};

// ---- statements ----

enum class stmt_kind : std::uint8_t {
    data, output, if_, for_, set, set_block, macro, filter_block, block, break_, continue_, call_block,
};

struct stmt {
    stmt(stmt_kind k, src_loc w) : kind(k), where(w) {}
    virtual ~stmt() = default;
    stmt_kind kind;
    src_loc where;
};
using stmt_ptr = std::unique_ptr<stmt>;
using stmt_list = std::vector<stmt_ptr>;

// Assignment / loop target: a name, a namespace attribute (ns.x) or a tuple of targets.
struct target {
    enum class kind_t : std::uint8_t { name, attr, tuple } kind = kind_t::name;
    symbol sym = 0;            // name, or the namespace variable for attr
    std::string name;          // variable name (for messages)
    std::string attr;          // attr targets
    std::uint64_t attr_tag = 0;  // key_tag(attr)
    name_binding bind;           // attr targets: where the namespace variable is found
    std::vector<target> items; // tuple targets
    src_loc where;
};

struct data_stmt : stmt {
    data_stmt(src_loc w, std::string t) : stmt(stmt_kind::data, w), text(std::move(t)) {}
    std::string text;
};
struct output_stmt : stmt {
    output_stmt(src_loc w) : stmt(stmt_kind::output, w) {}
    expr_ptr e;
};
struct if_stmt : stmt {
    if_stmt(src_loc w) : stmt(stmt_kind::if_, w) {}
    std::vector<std::pair<expr_ptr, stmt_list>> branches;
    stmt_list otherwise;
};
// One test of a for loop's item, compiled after parsing (resolve.cpp) from the condition of a loop
// body that is a single `if` without elif/else (scan loops such as `{% for m in ms %}{% if
// m.role == 'assistant' and 'tool_calls' not in m %}...`). `node` is the original condition part
// on the loop target: attr_eq `t.attr == 'lit'` / `!=` (compare_expr), contains `'lit' in t` /
// `not in` (compare_expr), attr_contains `'lit' in t.attr` (compare_expr), attr_truthy `t.attr`
// (attr_expr); `negated` when it stood under `not`.
struct item_test {
    enum class kind_t : std::uint8_t { attr_eq, contains, attr_contains, attr_truthy } kind;
    bool negated = false;
    const expr* node = nullptr;
};

struct for_stmt : stmt {
    for_stmt(src_loc w) : stmt(stmt_kind::for_, w) {}
    target tgt;
    expr_ptr iter;
    expr_ptr filter;  // for x in y if cond
    stmt_list body;
    stmt_list otherwise;
    bool recursive = false;
    // False when the body reads `loop` only as `loop.<attribute>` and defines no macro: the loop
    // object cannot outlive the loop, so it lives on the interpreter's stack (no allocation).
    bool loop_escapes = true;
    // The single `if`'s condition as a conjunction of item tests (see item_test), empty when it
    // has another shape: the interpreter checks it against each item before setting up the
    // iteration, and runs the body only for items that pass.
    std::vector<item_test> item_tests;
};
struct set_stmt : stmt {
    set_stmt(src_loc w) : stmt(stmt_kind::set, w) {}
    target tgt;
    expr_ptr e;
};
struct filter_block_stmt;
struct set_block_stmt : stmt {
    set_block_stmt(src_loc w) : stmt(stmt_kind::set_block, w) {}
    target tgt;
    std::vector<std::unique_ptr<filter_expr>> filters;  // {% set x | upper %}
    stmt_list body;
};
struct macro_param {
    std::string name;
    symbol sym;
    expr_ptr default_value;  // may be null
};
struct macro_stmt : stmt {
    macro_stmt(src_loc w) : stmt(stmt_kind::macro, w) {}
    std::string name;
    symbol sym = 0;
    std::vector<macro_param> params;
    stmt_list body;
    bool uses_varargs = false, uses_kwargs = false, uses_caller = false;
    // Set by template_::parse for a macro defined outside every scope (its closure is the root
    // frame, so one object serves every render): the macro as a value.
    value top_level;
};
struct call_block_stmt : stmt {  // {% call(params) macro(args) %}body{% endcall %}
    call_block_stmt(src_loc w) : stmt(stmt_kind::call_block, w) {}
    std::unique_ptr<macro_stmt> caller;  // the body as an anonymous macro named "caller"
    std::unique_ptr<call_expr> call;
};
struct filter_block_stmt : stmt {
    filter_block_stmt(src_loc w) : stmt(stmt_kind::filter_block, w) {}
    std::vector<std::unique_ptr<filter_expr>> filters;
    stmt_list body;
};
struct block_stmt : stmt {  // {% generation %}: renders its body in place
    block_stmt(src_loc w) : stmt(stmt_kind::block, w) {}
    stmt_list body;
};

// Special symbols every template has (interned first by the parser).
namespace sym {
constexpr symbol loop = 0;
constexpr symbol caller = 1;
constexpr symbol varargs = 2;
constexpr symbol kwargs = 3;
constexpr symbol first_free = 4;
}  // namespace sym

}  // namespace tito::jinja
