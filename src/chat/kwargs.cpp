// File: chat/kwargs.cpp
// See kwargs.hpp.
#include "chat/kwargs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "chat/python_values.hpp"

namespace tito::chat {

namespace bj = boost::json;

result<bj::object> merge_server_kwargs(const bj::object& server, const bj::object& fixed, std::string_view family_name) {
    bj::object out = server;
    for (const auto& kv : fixed) {
        if (auto* cur = out.if_contains(kv.key()); cur && !py_equal(*cur, kv.value()))
            return error{errc::config,
                         fmt::format("--apply-chat-template-kwargs {}={} conflicts with the value registered for "
                                     "--tito-model={}: {}",
                                     std::string_view(kv.key()), py_repr(*cur), family_name, py_repr(kv.value()))};
        out[kv.key()] = kv.value();
    }
    return out;
}

result<bj::object> apply_fixed_kwargs(bj::object kw, const bj::object& fixed, std::string_view class_name, errc code) {
    for (const auto& kv : fixed) {
        if (auto* cur = kw.if_contains(kv.key()); cur && !py_equal(*cur, kv.value()))
            return error{code, fmt::format("chat template kwarg {}={} conflicts with the value registered for {}: {}",
                                           std::string_view(kv.key()), py_repr(*cur), class_name, py_repr(kv.value()))};
        kw[kv.key()] = kv.value();
    }
    return kw;
}

bj::object merge_request_kwargs(const bj::object& base, const bj::object& request, const std::vector<std::string>& aliases) {
    const bool drop_aliases = std::any_of(aliases.begin(), aliases.end(), [&](const std::string& a) { return request.contains(a); });
    bj::object merged;
    for (const auto& kv : base) {  // rebuilt rather than erased: object::erase reorders
        if (drop_aliases && std::find(aliases.begin(), aliases.end(), std::string_view(kv.key())) != aliases.end()) continue;
        merged[kv.key()] = kv.value();
    }
    for (const auto& kv : request) merged[kv.key()] = kv.value();
    return merged;
}

}  // namespace tito::chat
