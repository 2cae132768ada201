// File: chat/jinja_family.cpp
// See jinja_family.hpp. merge_tokens follows miles' merge_tokens overrides: the appended messages
// are rendered first (a render failure leaves nothing half-done), then boundary(prefix) ++ suffix.
#include "chat/jinja_family.hpp"

#include <algorithm>

#include "chat/incremental.hpp"
#include "chat/kwargs.hpp"

namespace tito::chat {

jinja_family::jinja_family(jinja_family_parts parts) : p_(std::move(parts)) {}

std::string_view jinja_family::name() const { return p_.spec->name; }

bool jinja_family::append_role_allowed(std::string_view role) const {
    const auto& r = p_.spec->allowed_roles;
    return std::find(r.begin(), r.end(), role) != r.end();
}

// str(frozenset) as miles prints it; CPython's order depends on string hashing (PYTHONHASHSEED), so
// the registry's declaration order stands in for it.
std::string jinja_family::allowed_roles_repr() const {
    std::string out = "frozenset({";
    for (std::size_t i = 0; i < p_.spec->allowed_roles.size(); ++i) {
        if (i) out += ", ";
        out += "'";
        out += p_.spec->allowed_roles[i];
        out += "'";
    }
    return out + "})";
}

std::size_t jinja_family::max_trim_tokens() const { return p_.spec->max_trim_tokens; }

const boost::json::object& jinja_family::base_kwargs() const { return p_.base_kwargs; }

result<boost::json::object> jinja_family::request_kwargs(const boost::json::object& request) const {
    auto merged = merge_request_kwargs(p_.base_kwargs, request, {});
    return apply_fixed_kwargs(std::move(merged), p_.fixed_kwargs, p_.spec->class_name, errc::bad_request);
}

result<token_ids> jinja_family::first_turn(const boost::json::array& messages, const boost::json::value& tools,
                                           const boost::json::object& kwargs) const {
    TITO_TRY(std::string text, p_.render->render(messages, tools, true, kwargs));
    return p_.tok->encode(text, false);
}

token_ids jinja_family::boundary(const token_ids& prefix) const {
    token_ids out = prefix;
    apply_boundary(out);
    return out;
}

void jinja_family::apply_boundary(token_ids& ids) const {
    switch (p_.spec->boundary) {
        case boundary_rule::none: break;
        case boundary_rule::im_end_newline:
            if (!ids.empty() && ids.back() == p_.im_end_id) ids.push_back(p_.newline_id);
            break;
        case boundary_rule::glm_drop_opener:
            if (!ids.empty() && (ids.back() == p_.observation_id || ids.back() == p_.user_id)) ids.pop_back();
            break;
    }
}

result<token_ids> jinja_family::merge_tokens(const boost::json::value& last_stored, std::size_t stored_count,
                                             const boost::json::array& messages, const token_ids& prefix,
                                             const boost::json::value& tools, const boost::json::object& kwargs) const {
    TITO_TRY(auto suffix, tokenize_additional(*p_.render, *p_.tok, last_stored, stored_count, messages, tools, kwargs));
    // One allocation: the boundary adds at most one token, and the commit appends the completion.
    constexpr std::size_t completion_room = 256;
    token_ids out;
    out.reserve(prefix.size() + 1 + suffix.size() + completion_room);
    out.assign(prefix.begin(), prefix.end());
    apply_boundary(out);
    out.insert(out.end(), suffix.begin(), suffix.end());
    return out;
}

result<std::vector<mismatch>> jinja_family::compare(const boost::json::array& messages, const boost::json::value& tools,
                                                    const token_ids& actual) const {
    TITO_TRY(std::string text, p_.render->render(messages, tools, false, p_.base_kwargs));
    return p_.cmp->compare(p_.tok->encode(text, false), actual);
}

}  // namespace tito::chat
