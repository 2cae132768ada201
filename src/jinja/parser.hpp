// File: jinja/parser.hpp
// Recursive-descent parser from tokens to the AST, following jinja2/parser.py (3.1): statement tags
// for/if/set/macro/filter/generation/break/continue, expression precedence
// condexpr < or < and < not < compare < +,- < ~ < *,/,//,% < ** < unary < postfix/filter/test.
// Usage:
//   jres<program> p = parse_program(source);
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jinja/ast.hpp"
#include "jinja/token.hpp"

namespace tito::jinja {

struct program {
    stmt_list body;
    std::vector<std::string> symbols;  // symbol id -> name
    std::vector<macro_stmt*> top_level_macros;  // macros defined outside every scope (resolve.cpp)
};

jres<program> parse_program(std::string_view source);

// Fills in name_binding for every name read and namespace target of a parsed program (resolve.cpp).
void resolve_names(program& p);

namespace detail {

class parser;
// Sets the parser's soft flag for a scope (RAII).
class soft_guard {
public:
    soft_guard(parser& p, bool soft);
    ~soft_guard();
    soft_guard(const soft_guard&) = delete;
    soft_guard& operator=(const soft_guard&) = delete;

private:
    parser& p_;
    bool saved_;
};

// The parser object; split over parser.cpp (statements) and parser_expr.cpp (expressions).
class parser {
public:
    explicit parser(token_list toks);
    jres<program> run();

    // statements (parser.cpp)
    jres<bool> parse_body(stmt_list& out, std::initializer_list<std::string_view> end_tags, std::string* end_tag);
    jres<stmt_ptr> parse_statement();
    jres<stmt_ptr> parse_for(src_loc w);
    jres<stmt_ptr> parse_if(src_loc w);
    jres<stmt_ptr> parse_set(src_loc w);
    jres<stmt_ptr> parse_macro(src_loc w);
    jres<stmt_ptr> parse_filter_block(src_loc w);
    jres<target> parse_assign_target(bool with_namespace, bool name_only_tuple);

    // expressions (parser_expr.cpp)
    jres<expr_ptr> parse_expression(bool with_condexpr = true);
    jres<expr_ptr> parse_tuple(bool with_condexpr, bool explicit_parens = false);
    jres<expr_ptr> parse_or();
    jres<expr_ptr> parse_and();
    jres<expr_ptr> parse_not();
    jres<expr_ptr> parse_compare();
    void classify_compare(compare_expr& c);
    jres<expr_ptr> parse_math1();
    jres<expr_ptr> parse_concat();
    jres<expr_ptr> parse_math2();
    jres<expr_ptr> parse_pow();
    jres<expr_ptr> parse_unary(bool with_filter = true);
    jres<expr_ptr> parse_primary();
    jres<expr_ptr> parse_postfix(expr_ptr node);
    jres<expr_ptr> parse_filter_expr(expr_ptr node);
    jres<expr_ptr> parse_subscript(expr_ptr node);
    jres<std::unique_ptr<filter_expr>> parse_filter(expr_ptr operand, bool start_inline);
    jres<expr_ptr> parse_test(expr_ptr node);
    jres<bool> parse_call_args(arg_list& out);

    // token helpers
    const token& cur() const { return toks_[pos_]; }
    const token& peek(std::size_t n = 1) const {
        return toks_[std::min(pos_ + n, toks_.size() - 1)];
    }
    void next() { if (pos_ + 1 < toks_.size()) ++pos_; }
    bool is_op(std::string_view op) const { return cur().kind == token_kind::op && cur().text == op; }
    bool is_name(std::string_view n) const { return cur().kind == token_kind::name && cur().text == n; }
    bool skip_op(std::string_view op) { if (is_op(op)) { next(); return true; } return false; }
    bool skip_name(std::string_view n) { if (is_name(n)) { next(); return true; } return false; }
    jres<bool> expect_op(std::string_view op);
    jres<bool> expect_block_end();
    failure error_here(std::string msg) const;
    symbol intern(const std::string& name);

private:
    token_list toks_;
    std::size_t pos_ = 0;
    std::unordered_map<std::string, symbol> symtab_;
    std::vector<std::string> symbols_;
    // Unknown filters/tests outside if-statements and conditional expressions fail at compile time
    // in Jinja2 (TemplateAssertionError); inside them ("soft" frames) only when evaluated.
    bool soft_ = false;
    int depth_ = 0;  // expression nesting, bounded so hostile templates cannot overflow the stack
    std::vector<std::pair<std::string, src_loc>> hard_unknowns_;
    void note_unknown(const std::string& what, src_loc w) {
        if (!soft_) hard_unknowns_.emplace_back(what, w);
    }
    friend class soft_guard;
};

}  // namespace detail
}  // namespace tito::jinja
