// File: chat/model_dir.cpp
// Checkpoint folder loading (see model_dir.hpp). Mirrors transformers' from_pretrained for the
// parts the session server observes: special_tokens_map.json entries override tokenizer_config.json
// ones, and chat_template.jinja clobbers a `chat_template` in the config.
#include "chat/model_dir.hpp"

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tito::chat {
namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;

constexpr const char* special_attributes[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                              "pad_token", "cls_token", "mask_token"};

result<bj::object> read_json_object(const fs::path& p) {
    TITO_TRY(auto text, read_text_file(p.string()));
    boost::system::error_code ec;
    bj::value v = bj::parse(text, ec);
    if (ec) return error{errc::config, fmt::format("{}: invalid JSON: {}", p.string(), ec.message())};
    if (!v.is_object()) return error{errc::config, fmt::format("{}: expected a JSON object", p.string())};
    return std::move(v.get_object());
}

// An AddedToken dict becomes its content; strings stay; anything else is "not set".
std::optional<std::string> token_content(const bj::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_object())
        if (auto* c = v.get_object().if_contains("content"); c && c->is_string()) return std::string(c->get_string());
    return std::nullopt;
}

// Applies the special-token entries of one JSON object (tokenizer_config or special_tokens_map)
// onto `attrs` / `additional` (later calls override earlier ones, as transformers does).
void collect_special(const bj::object& cfg, std::vector<std::optional<std::string>>& attrs,
                     std::optional<std::vector<std::string>>& additional) {
    for (std::size_t i = 0; i < std::size(special_attributes); ++i) {
        auto* v = cfg.if_contains(special_attributes[i]);
        if (v) attrs[i] = token_content(*v);
    }
    if (auto* a = cfg.if_contains("additional_special_tokens"); a && a->is_array()) {
        std::vector<std::string> list;
        for (const auto& e : a->get_array())
            if (auto c = token_content(e)) list.push_back(std::move(*c));
        additional = std::move(list);
    }
}

bj::object build_special_map(const bj::object& cfg, const bj::object* map_file) {
    std::vector<std::optional<std::string>> attrs(std::size(special_attributes));
    std::optional<std::vector<std::string>> additional;
    collect_special(cfg, attrs, additional);
    if (map_file) collect_special(*map_file, attrs, additional);
    bj::object out;
    for (std::size_t i = 0; i < attrs.size(); ++i)
        if (attrs[i] && !attrs[i]->empty()) out[special_attributes[i]] = *attrs[i];
    if (additional && !additional->empty()) {
        bj::array a;
        for (auto& s : *additional) a.emplace_back(s);
        out["additional_special_tokens"] = std::move(a);
    }
    return out;
}

result<std::vector<named_template>> config_templates(const bj::object& cfg, const fs::path& file) {
    std::vector<named_template> out;
    auto* t = cfg.if_contains("chat_template");
    if (!t || t->is_null()) return out;
    if (t->is_string()) {
        if (!t->get_string().empty()) out.push_back({"", std::string(t->get_string())});
        return out;
    }
    if (!t->is_array()) return error{errc::config, fmt::format("{}: chat_template must be a string or a list", file.string())};
    for (const auto& e : t->get_array()) {
        const auto* o = e.if_object();
        const bj::value* name = o ? o->if_contains("name") : nullptr;
        const bj::value* text = o ? o->if_contains("template") : nullptr;
        if (!name || !name->is_string() || !text || !text->is_string())
            return error{errc::config, fmt::format("{}: chat_template list entries need string 'name' and 'template'",
                                                   file.string())};
        out.push_back({std::string(name->get_string()), std::string(text->get_string())});
    }
    return out;
}

std::optional<fs::path> hub_cache_dir() {
    if (const char* c = std::getenv("HF_HUB_CACHE"); c && *c) return fs::path(c);
    if (const char* h = std::getenv("HF_HOME"); h && *h) return fs::path(h) / "hub";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "huggingface" / "hub";
    return std::nullopt;
}

}  // namespace

result<std::string> read_text_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return error{errc::io, fmt::format("cannot read {}", path)};
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

result<std::string> resolve_checkpoint(const std::string& hf_checkpoint) {
    if (hf_checkpoint.empty()) return error{errc::config, "hf_checkpoint is required (a model folder or a hub id)"};
    std::error_code ec;
    if (fs::is_directory(hf_checkpoint, ec)) return hf_checkpoint;
    const auto slash = hf_checkpoint.find('/');
    const bool hub_like = slash != std::string::npos && slash > 0 && hf_checkpoint.find('/', slash + 1) == std::string::npos &&
                          hf_checkpoint.front() != '.';
    if (!hub_like) return error{errc::config, fmt::format("hf_checkpoint {} is not a directory", hf_checkpoint)};
    auto cache = hub_cache_dir();
    if (!cache) return error{errc::config, fmt::format("hf_checkpoint {}: no local HF cache directory", hf_checkpoint)};
    const fs::path repo = *cache / ("models--" + hf_checkpoint.substr(0, slash) + "--" + hf_checkpoint.substr(slash + 1));
    auto ref = read_text_file((repo / "refs" / "main").string());
    if (!ref)
        return error{errc::config, fmt::format("hf_checkpoint {} is neither a directory nor in the local HF cache ({}); "
                                               "tito-server does not download models",
                                               hf_checkpoint, repo.string())};
    std::string rev = *ref;
    while (!rev.empty() && (rev.back() == '\n' || rev.back() == '\r' || rev.back() == ' ')) rev.pop_back();
    const fs::path snap = repo / "snapshots" / rev;
    if (!fs::is_directory(snap, ec))
        return error{errc::config, fmt::format("hf_checkpoint {}: snapshot {} is missing", hf_checkpoint, snap.string())};
    return snap.string();
}

result<model_dir> load_model_dir(const std::string& hf_checkpoint) {
    TITO_TRY(auto dir, resolve_checkpoint(hf_checkpoint));
    const fs::path root(dir);
    model_dir md;
    md.path = dir;
    auto tok = tokenizer::tokenizer::load_file((root / "tokenizer.json").string());
    if (!tok) return error{errc::config, fmt::format("{}: {}", (root / "tokenizer.json").string(), tok.error().message())};
    md.tok = std::move(*tok);

    std::error_code ec;
    bj::object cfg;
    if (fs::exists(root / "tokenizer_config.json", ec)) {
        TITO_TRY(cfg, read_json_object(root / "tokenizer_config.json"));
    }
    std::optional<bj::object> map_file;
    if (fs::exists(root / "special_tokens_map.json", ec)) {
        TITO_TRY(map_file, read_json_object(root / "special_tokens_map.json"));
    }
    md.special_tokens_map = build_special_map(cfg, map_file ? &*map_file : nullptr);
    if (auto* c = cfg.if_contains("clean_up_tokenization_spaces"); c && c->is_bool())
        md.clean_up_tokenization_spaces = c->get_bool();

    if (fs::exists(root / "chat_template.jinja", ec)) {
        TITO_TRY(auto text, read_text_file((root / "chat_template.jinja").string()));
        md.templates.push_back({"", std::move(text)});
    } else {
        TITO_TRY(md.templates, config_templates(cfg, root / "tokenizer_config.json"));
    }
    if (fs::exists(root / "config.json", ec)) {
        TITO_TRY(auto mc, read_json_object(root / "config.json"));
        if (auto* t = mc.if_contains("model_type"); t && t->is_string()) md.model_type = std::string(t->get_string());
    }
    return md;
}

}  // namespace tito::chat
