// File: unit/session/matcher_fixtures.hpp
// Message builders for the matcher tests, shaped like the reference's _tool_call/_assistant
// helpers: one assistant message with one call {"id","type","function":{"name","arguments"}}.
// Usage:
//   auto stored = assistant(text_args(R"({"city":"Paris"})"));
//   auto replay = assistant(json(R"({"city":"Paris"})"));   // arguments as an object
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace tito::session::test {

inline boost::json::value json(std::string_view text) { return boost::json::parse(text); }

// An `arguments` value that is the JSON *string* `text` (not parsed).
inline boost::json::value text_args(std::string_view text) {
    return boost::json::value(boost::json::string(text));
}

struct call_spec {
    std::optional<boost::json::value> arguments{};  // nullopt: no "arguments" key
    std::string_view id = "call-A";
    std::string_view name = "lookup";
    std::optional<boost::json::value> index{};  // nullopt: no "index" key
};

inline boost::json::value tool_call(const call_spec& spec) {
    boost::json::object function;
    function["name"] = spec.name;
    if (spec.arguments) function["arguments"] = *spec.arguments;
    boost::json::object call;
    call["id"] = spec.id;
    call["type"] = "function";
    call["function"] = std::move(function);
    if (spec.index) call["index"] = *spec.index;
    return call;
}

inline boost::json::value assistant_with_calls(boost::json::array calls) {
    boost::json::object m;
    m["role"] = "assistant";
    m["content"] = "";
    m["tool_calls"] = std::move(calls);
    return m;
}

inline boost::json::value assistant(boost::json::value arguments) {
    return assistant_with_calls({tool_call({.arguments = std::move(arguments)})});
}

// The first call of an assistant message built above, for in-place edits.
inline boost::json::object& first_call(boost::json::value& message) {
    return message.as_object()["tool_calls"].as_array()[0].as_object();
}

}  // namespace tito::session::test
