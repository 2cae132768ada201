// File: chat/jinja_family.hpp
// The family implementation for every Jinja-driven family (spec 6.2-6.4): renderer + tokenizer +
// registry row + resolved boundary ids + comparator. Built by make_family (make_family.cpp).
// Thread safety: immutable after construction; all methods are const and lock-free.
// Usage:
//   auto fam = std::make_shared<const jinja_family>(std::move(parts));
//   auto ids = fam->first_turn(messages, tools, fam->base_kwargs());
#pragma once

#include <memory>
#include <optional>

#include "chat/comparator.hpp"
#include "chat/families.hpp"
#include "chat/family.hpp"
#include "chat/renderer.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::chat {

struct jinja_family_parts {
    const family_spec* spec = nullptr;
    std::shared_ptr<const tokenizer::tokenizer> tok;
    std::shared_ptr<const renderer> render;
    boost::json::object base_kwargs;   // server kwargs + fixed kwargs (6.6 step 2)
    boost::json::object fixed_kwargs;
    std::unique_ptr<const comparator> cmp;
    token_id newline_id = 0;           // im_end_newline
    token_id im_end_id = 0;            // im_end_newline
    token_id observation_id = 0;       // glm_drop_opener
    token_id user_id = 0;              // glm_drop_opener
};

class jinja_family final : public family {
public:
    explicit jinja_family(jinja_family_parts parts);

    std::string_view name() const override;
    bool append_role_allowed(std::string_view role) const override;
    std::string allowed_roles_repr() const override;
    std::size_t max_trim_tokens() const override;
    const boost::json::object& base_kwargs() const override;
    result<boost::json::object> request_kwargs(const boost::json::object& request) const override;
    result<token_ids> first_turn(const boost::json::array& messages, const boost::json::value& tools,
                                 const boost::json::object& kwargs) const override;
    using family::merge_tokens;
    result<token_ids> merge_tokens(const boost::json::value& last_stored, std::size_t stored_count,
                                   const boost::json::array& messages, const token_ids& prefix,
                                   const boost::json::value& tools, const boost::json::object& kwargs) const override;
    result<std::vector<mismatch>> compare(const boost::json::array& messages, const boost::json::value& tools,
                                          const token_ids& actual) const override;

    // The stored prefix after the family's boundary rule (6.4).
    token_ids boundary(const token_ids& prefix) const;
    void apply_boundary(token_ids& ids) const;  // the same rule, in place
    const renderer& get_renderer() const { return *p_.render; }
    const tokenizer::tokenizer& get_tokenizer() const { return *p_.tok; }
    const comparator& get_comparator() const { return *p_.cmp; }

private:
    jinja_family_parts p_;
};

}  // namespace tito::chat
