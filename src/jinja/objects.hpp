// File: jinja/objects.hpp
// The object_data kinds: namespace(), the loop variable, macros, and native functions
// (globals, bound methods, loop.cycle). All are created during one render and die with it.
// Usage:
//   value ns = value::from_object(std::make_shared<namespace_object>());
//   value f = make_native("range", [](render_state& st, call_args&& a) -> jres<value> { ... });
#pragma once

#include <functional>
#include <memory>

#include <boost/container/small_vector.hpp>

#include "jinja/interpreter.hpp"

namespace tito::jinja {

class namespace_object final : public object_data {
public:
    namespace_object() noexcept : object_data(object_kind::namespace_) {}
    const char* type_name() const noexcept override { return "Namespace"; }
    value get_attr(std::string_view name) const override;
    const value* attr_ref(std::string_view name, std::uint64_t tag) const override;
    bool set_attr(std::string_view name, value v) const override;
    bool set_attr_tagged(std::string_view name, std::uint64_t tag, value&& v) const override;
    std::string repr() const override;
    // The stored attribute `name` (tag = key_tag(name)), or nullptr; inline for `set ns.x = ...`.
    value* slot(std::string_view name, std::uint64_t tag) const noexcept {
        attr* a = find(name, tag);
        return a ? &a->v : nullptr;
    }

private:
    // Attributes in insertion order; names are matched by key_tag first, like dict keys.
    struct attr {
        std::uint64_t tag;
        std::string name;
        value v;
    };
    // A tag holds the length and the first 7 bytes, so only names of 8+ bytes need a compare.
    attr* find(std::string_view name, std::uint64_t tag) const noexcept {
        for (attr& a : attrs_)
            if (a.tag == tag && (name.size() < 8 || a.name == name)) return &a;
        return nullptr;
    }
    // Inline room for the few attributes a template's namespace holds (no second allocation).
    mutable boost::container::small_vector<attr, 3> attrs_;
};

class loop_object final : public object_data {
public:
    // Loops over items [begin, begin + count) of the list value seq (a slice without a copy).
    loop_object(value seq, std::size_t begin, std::size_t count)
        : object_data(object_kind::loop), seq_(std::move(seq)), begin_(begin), len_(count) {}
    const char* type_name() const noexcept override { return "LoopContext"; }
    value get_attr(std::string_view name) const override;
    bool loop_attr(int id, value& out) const override;
    std::string repr() const override;
    void set_index(std::size_t i) const noexcept { index0_ = i; }

private:
    const value& item(std::size_t k) const { return seq_.list().items[begin_ + k]; }
    value seq_;  // a list value holding the (filtered) items
    std::size_t begin_, len_;
    mutable std::size_t index0_ = 0;
    mutable std::shared_ptr<value> last_changed_;
};

class macro_object final : public object_data {
public:
    // closure: the defining scope (nullptr = template root); owned keeps a flattened copy alive.
    macro_object(const macro_stmt* def, scope* closure, std::shared_ptr<scope> owned)
        : object_data(object_kind::macro), def_(def), closure_(closure), owned_(std::move(owned)) {}
    const char* type_name() const noexcept override { return "Macro"; }
    bool callable() const noexcept override { return true; }
    value get_attr(std::string_view name) const override;
    std::string repr() const override;
    jres<value> call(render_state& st, call_args&& args) const override;
    // call() with the body's output appended to `out` (`{{ m(...) }}`: no buffer, no str value).
    jres<bool> call_into(render_state& st, call_args&& args, std::string& out) const;

private:
    const macro_stmt* def_;
    scope* closure_;
    std::shared_ptr<scope> owned_;
};

using native_fn = std::function<jres<value>(render_state&, call_args&&)>;

class native_function final : public object_data {
public:
    native_function(std::string name, native_fn fn, const char* type = "builtin_function_or_method")
        : name_(std::move(name)), fn_(std::move(fn)), type_(type) {}
    const char* type_name() const noexcept override { return type_; }
    bool callable() const noexcept override { return true; }
    std::string repr() const override;
    jres<value> call(render_state& st, call_args&& args) const override { return fn_(st, std::move(args)); }

private:
    std::string name_;
    native_fn fn_;
    const char* type_;
};

value make_native(std::string name, native_fn fn, const char* type = "builtin_function_or_method");

}  // namespace tito::jinja
