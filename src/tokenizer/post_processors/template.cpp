// File: tokenizer/post_processors/template.cpp
// TemplateProcessing (single-sequence template): "$A" is the encoded text, every other piece a
// special token whose ids come from "special_tokens". Pieces may be objects
// ({"SpecialToken": {"id": ...}} / {"Sequence": {"id": "A"}}) or strings ("[CLS]", "$A:0").
#include <fmt/format.h>

#include "tokenizer/post_processors/post_processor.hpp"

namespace tito::tokenizer {
namespace {

constexpr std::string_view where = "TemplateProcessing";

struct piece {
    bool is_sequence = false;
    std::vector<token_id> ids;  // for special tokens
};

class template_processing final : public post_processor {
public:
    explicit template_processing(std::vector<piece> single) : single_(std::move(single)) {}
    void process(std::vector<token_id>& ids, bool add_special_tokens) const override {
        if (!add_special_tokens) return;
        std::vector<token_id> out;
        out.reserve(ids.size() + 4);
        for (const auto& p : single_) {
            if (p.is_sequence) out.insert(out.end(), ids.begin(), ids.end());
            else out.insert(out.end(), p.ids.begin(), p.ids.end());
        }
        ids.swap(out);
    }

private:
    std::vector<piece> single_;
};

result<std::vector<token_id>> special_ids(detail::json obj, std::string_view name) {
    auto specials = detail::get_member(obj, "special_tokens");
    detail::json entry;
    if (!specials || specials->at_key(name).get(entry) != simdjson::SUCCESS)
        return detail::load_error(fmt::format("{}: missing special token '{}'", where, name));
    auto list = detail::get_member(entry, "ids");
    if (!list || !list->is_array()) return detail::load_error(fmt::format("{}: '{}' has no ids", where, name));
    std::vector<token_id> ids;
    for (detail::json v : list->get_array()) {
        std::int64_t id = 0;
        if (v.get_int64().get(id) != simdjson::SUCCESS || id < 0)
            return detail::load_error(fmt::format("{}: bad id for '{}'", where, name));
        ids.push_back(static_cast<token_id>(id));
    }
    return ids;
}

// "$A", "$B", "$", "$0", optionally ":type_id"; anything else is a special token name.
result<piece> piece_from_string(detail::json obj, std::string_view s) {
    std::string_view name = s.substr(0, s.find(':'));
    if (!name.empty() && name[0] == '$') {
        std::string_view rest = name.substr(1);
        if (rest == "B" || rest == "b") return detail::load_error(fmt::format("{}: $B in single template", where));
        return piece{true, {}};
    }
    TITO_TRY(auto ids, special_ids(obj, name));
    return piece{false, std::move(ids)};
}

result<piece> piece_from_json(detail::json obj, detail::json item) {
    std::string_view s;
    if (item.get_string().get(s) == simdjson::SUCCESS) return piece_from_string(obj, s);
    if (auto seq = detail::get_member(item, "Sequence")) {
        TITO_TRY(auto id, detail::get_string(*seq, "id", where));
        if (id != "A") return detail::load_error(fmt::format("{}: sequence '{}' in single template", where, id));
        return piece{true, {}};
    }
    if (auto sp = detail::get_member(item, "SpecialToken")) {
        TITO_TRY(auto id, detail::get_string(*sp, "id", where));
        TITO_TRY(auto ids, special_ids(obj, id));
        return piece{false, std::move(ids)};
    }
    return detail::load_error(fmt::format("{}: unknown template piece", where));
}

}  // namespace

result<post_processor_ptr> detail::make_template_processing(json obj) {
    auto single = get_member(obj, "single");
    if (!single) return load_error("TemplateProcessing: missing 'single'");
    std::vector<piece> pieces;
    std::string_view text;
    if (single->get_string().get(text) == simdjson::SUCCESS) {
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t end = text.find(' ', pos);
            if (end == std::string_view::npos) end = text.size();
            if (end > pos) {
                TITO_TRY(auto p, piece_from_string(obj, text.substr(pos, end - pos)));
                pieces.push_back(std::move(p));
            }
            pos = end + 1;
        }
    } else if (single->is_array()) {
        for (json item : single->get_array()) {
            TITO_TRY(auto p, piece_from_json(obj, item));
            pieces.push_back(std::move(p));
        }
    } else {
        return load_error("TemplateProcessing: 'single' must be a string or a list");
    }
    return post_processor_ptr{std::make_unique<template_processing>(std::move(pieces))};
}

}  // namespace tito::tokenizer
