// File: chat/tools.cpp
// See tools.hpp. Validation follows pydantic v2 lax mode on Python input: `str` fields accept only
// strings; `bool` fields accept bools, the ints 0/1, the floats 0.0/1.0 and the usual strings
// ("true", "off", "1", ... case-insensitive).
#include "chat/tools.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "chat/python_values.hpp"

namespace tito::chat {
namespace {

namespace bj = boost::json;

error invalid(std::size_t i, std::string_view what) {
    return error{errc::template_runtime, fmt::format("invalid tool at index {}: {}", i, what)};
}

// pydantic's lax bool.
std::optional<bool> lax_bool(const bj::value& v) {
    switch (v.kind()) {
        case bj::kind::bool_: return v.get_bool();
        case bj::kind::int64:
            if (v.get_int64() == 0 || v.get_int64() == 1) return v.get_int64() == 1;
            return std::nullopt;
        case bj::kind::uint64:
            if (v.get_uint64() <= 1) return v.get_uint64() == 1;
            return std::nullopt;
        case bj::kind::double_:
            if (v.get_double() == 0.0 || v.get_double() == 1.0) return v.get_double() == 1.0;
            return std::nullopt;
        case bj::kind::string: {
            std::string s(v.get_string());
            std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
            for (const char* t : {"1", "on", "t", "true", "y", "yes"})
                if (s == t) return true;
            for (const char* f : {"0", "off", "f", "false", "n", "no"})
                if (s == f) return false;
            return std::nullopt;
        }
        default: return std::nullopt;
    }
}

// Optional[bool]: null stays null.
result<bj::value> optional_bool(const bj::object& o, const char* key, std::size_t i, const char* where) {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return bj::value(nullptr);
    auto b = lax_bool(*v);
    if (!b) return invalid(i, fmt::format("{}.{}: input should be a valid boolean", where, key));
    return bj::value(*b);
}

result<bj::value> canonical_tool(const bj::value& element, std::size_t i) {
    bj::object wrapped;
    const bj::object* tool = element.if_object();
    if (!tool || !tool->contains("function")) {
        wrapped["type"] = "function";
        wrapped["function"] = element;
        tool = &wrapped;
    }
    bj::value type = "function";
    if (auto* t = tool->if_contains("type")) {
        if (!t->is_string()) return invalid(i, "type: input should be a valid string");
        type = *t;
    }
    const bj::object* fn = tool->at("function").if_object();
    if (!fn) return invalid(i, "function: input should be a valid dictionary or instance of Function");

    bj::object f;
    auto* desc = fn->if_contains("description");
    if (desc && !desc->is_null() && !desc->is_string()) return invalid(i, "function.description: input should be a valid string");
    f["description"] = desc ? *desc : bj::value(nullptr);
    auto* name = fn->if_contains("name");
    if (!name) return invalid(i, "function.name: field required");
    if (!name->is_string()) return invalid(i, "function.name: input should be a valid string");
    f["name"] = *name;
    auto* params = fn->if_contains("parameters");
    f["parameters"] = params ? *params : bj::value(nullptr);
    bool strict = false;
    if (auto* s = fn->if_contains("strict")) {
        auto b = lax_bool(*s);
        if (!b) return invalid(i, "function.strict: input should be a valid boolean");
        strict = *b;
    }
    f["strict"] = strict;
    bj::object out;
    out["type"] = std::move(type);
    if constexpr (sglang_tool_defer_loading) {
        TITO_TRY(bj::value fn_defer, optional_bool(*fn, "defer_loading", i, "function"));
        TITO_TRY(bj::value tool_defer, optional_bool(*tool, "defer_loading", i, "tool"));
        if (fn_defer.is_null()) fn_defer = tool_defer;  // Tool._propagate_defer_loading
        if (!fn_defer.is_null()) f["defer_loading"] = fn_defer;
        out["function"] = std::move(f);
        out["defer_loading"] = std::move(tool_defer);
    } else {
        out["function"] = std::move(f);
    }
    return bj::value(std::move(out));
}

}  // namespace

result<std::optional<bj::array>> canonicalize_tools(const bj::value& tools) {
    if (!py_truthy(tools)) return std::optional<bj::array>{};
    if (!tools.is_array()) return error{errc::template_runtime, "tools: input should be a valid list"};
    bj::array out;
    out.reserve(tools.get_array().size());
    for (std::size_t i = 0; i < tools.get_array().size(); ++i) {
        TITO_TRY(auto t, canonical_tool(tools.get_array()[i], i));
        out.push_back(std::move(t));
    }
    return std::optional<bj::array>(std::move(out));
}

bj::array bare_functions(const bj::array& canonical_tools) {
    bj::array out;
    out.reserve(canonical_tools.size());
    for (const auto& t : canonical_tools) {
        const auto& o = t.get_object();
        out.push_back(o.contains("function") ? o.at("function") : t);
    }
    return out;
}

}  // namespace tito::chat
