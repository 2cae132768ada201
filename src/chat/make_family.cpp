// File: chat/make_family.cpp
// make_family (family.hpp): the start-up sequence of spec 1.2 / 6.6 for the supported families.
//   1. registry lookup (unknown or unsupported family => errc::config);
//   2. a user chat_template_path with a named family => errc::config (miles' launcher message);
//   3. the checkpoint folder (tokenizer, native templates, special tokens, model_type);
//   4. the template: bundled (embedded) for qwen*, chat_template_path or native otherwise;
//   5. kwargs: launcher merge, then the family constructor merge (6.6 steps 1-2);
//   6. family ids for the boundary rule (qwen: "\n" must be one token) and the comparator.
#include <fmt/format.h>

#include "chat/bundled_templates.hpp"
#include "chat/family.hpp"
#include "chat/jinja_family.hpp"
#include "chat/kwargs.hpp"
#include "chat/model_dir.hpp"

namespace tito::chat {
namespace {

result<token_id> required_token(const tokenizer::tokenizer& tok, std::string_view token, std::string_view family) {
    auto id = tok.token_to_id(token);
    if (!id) return error{errc::config, fmt::format("--tito-model={}: the tokenizer has no token {}", family, token)};
    return *id;
}

result<std::vector<named_template>> pick_templates(const family_spec& spec, const family_config& cfg, model_dir& md) {
    if (!spec.bundled_template.empty()) {
        auto text = bundled_template(spec.bundled_template);
        if (!text) return error{errc::internal, fmt::format("bundled template {} is missing", spec.bundled_template)};
        return std::vector<named_template>{{"", std::string(*text)}};
    }
    if (!cfg.chat_template_path.empty()) {
        auto text = read_text_file(cfg.chat_template_path);
        if (!text) return error{errc::config, fmt::format("chat_template_path: {}", text.error().message())};
        return std::vector<named_template>{{"", std::move(*text)}};
    }
    return std::move(md.templates);
}

// The comparator's "auto" special ids: transformers' all_special_ids plus every added token
// flagged special.
std::unordered_set<token_id> auto_special_ids(const model_dir& md) {
    std::unordered_set<token_id> ids;
    for (const auto& kv : md.special_tokens_map) {
        const auto& v = kv.value();
        if (v.is_string()) {
            if (auto id = md.tok->token_to_id(v.get_string())) ids.insert(*id);
        } else if (v.is_array()) {
            for (const auto& e : v.get_array())
                if (e.is_string())
                    if (auto id = md.tok->token_to_id(e.get_string())) ids.insert(*id);
        }
    }
    for (token_id id : md.tok->special_added_ids()) ids.insert(id);
    return ids;
}

result<void> resolve_boundary_ids(const family_spec& spec, jinja_family_parts& p) {
    switch (spec.boundary) {
        case boundary_rule::none: return {};
        case boundary_rule::im_end_newline: {
            auto nl = p.tok->encode("\n", false);
            if (nl.size() != 1)
                return error{errc::config, fmt::format("--tito-model={}: expected \"\\n\" to encode to a single token, got {}",
                                                       spec.name, nl.size())};
            p.newline_id = nl[0];
            TITO_TRY(p.im_end_id, required_token(*p.tok, "<|im_end|>", spec.name));
            return {};
        }
        case boundary_rule::glm_drop_opener:
            TITO_TRY(p.observation_id, required_token(*p.tok, "<|observation|>", spec.name));
            TITO_TRY(p.user_id, required_token(*p.tok, "<|user|>", spec.name));
            return {};
    }
    return {};
}

}  // namespace

result<std::shared_ptr<const family>> make_family(const family_config& cfg) {
    const family_spec* spec = find_family_spec(cfg.tito_model);
    if (!spec)
        return error{errc::config, fmt::format("--tito-model={} is not supported by tito-server (supported: {})",
                                               cfg.tito_model, supported_family_names())};
    const bool named = spec->name != "default";
    if (named && !cfg.chat_template_path.empty())
        return error{errc::config, fmt::format("--chat-template-path cannot override the template registered for "
                                               "--tito-model={}; use --tito-model=default for a custom template",
                                               spec->name)};
    TITO_TRY(auto md, load_model_dir(cfg.hf_checkpoint));
    if (md.model_type == "deepseek_v32" || md.model_type == "deepseek_v4" || md.model_type == "inkling_mm_model")
        return error{errc::config, fmt::format("checkpoint model_type {} needs a renderer tito-server does not support",
                                               md.model_type)};

    jinja_family_parts p;
    p.spec = spec;
    p.tok = md.tok;
    TITO_TRY(auto templates, pick_templates(*spec, cfg, md));
    TITO_TRY(p.render, renderer::create(templates, md.special_tokens_map, std::string(spec->name)));
    if (spec->fixed_clear_thinking_false) p.fixed_kwargs["clear_thinking"] = false;
    boost::json::object server = cfg.chat_template_kwargs;
    if (named) {
        TITO_TRY(server, merge_server_kwargs(server, p.fixed_kwargs, spec->name));
    }
    TITO_TRY(p.base_kwargs, apply_fixed_kwargs(std::move(server), p.fixed_kwargs, spec->class_name, errc::config));
    TITO_TRY_VOID(resolve_boundary_ids(*spec, p));

    std::unordered_set<token_id> trim;
    if (spec->boundary == boundary_rule::im_end_newline) trim = {p.newline_id};
    if (spec->boundary == boundary_rule::glm_drop_opener) trim = {p.observation_id, p.user_id};
    std::optional<std::string> start;
    if (!spec->assistant_start.empty()) start = std::string(spec->assistant_start);
    p.cmp = std::make_unique<const comparator>(md.tok, auto_special_ids(md), std::move(start), std::move(trim),
                                               md.clean_up_tokenization_spaces);
    return std::shared_ptr<const family>(std::make_shared<const jinja_family>(std::move(p)));
}

}  // namespace tito::chat
