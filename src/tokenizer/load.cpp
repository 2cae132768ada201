// File: tokenizer/load.cpp
// tokenizer.json -> tokenizer (HF tokenizer/serialization.rs). Components are built by the
// per-stage factories; options that would change ids and are not implemented are load errors.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "tokenizer/added_vocabulary.hpp"
#include "tokenizer/decoders/decoder.hpp"
#include "tokenizer/fast_split.hpp"
#include "tokenizer/models/bpe.hpp"
#include "tokenizer/models/model.hpp"
#include "tokenizer/normalizers/normalizer.hpp"
#include "tokenizer/post_processors/post_processor.hpp"
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::tokenizer {

namespace {

detail::json member_or_null(detail::json root, std::string_view key) {
    detail::json v;
    if (root.at_key(key).get(v) != simdjson::SUCCESS) {
        static simdjson::dom::parser null_parser;
        static const detail::json null_value = null_parser.parse(std::string_view("null")).value();
        return null_value;
    }
    return v;
}

result<std::vector<added_token>> read_added_tokens(detail::json root) {
    std::vector<added_token> out;
    auto list = detail::get_member(root, "added_tokens");
    if (!list) return out;
    if (!list->is_array()) return detail::load_error("'added_tokens' must be a list");
    for (detail::json item : list->get_array()) {
        constexpr std::string_view where = "added_tokens entry";
        added_token t;
        TITO_TRY(auto content, detail::get_string(item, "content", where));
        t.content = std::string(content);
        TITO_TRY(t.single_word, detail::get_bool(item, "single_word", false, where));
        TITO_TRY(t.lstrip, detail::get_bool(item, "lstrip", false, where));
        TITO_TRY(t.rstrip, detail::get_bool(item, "rstrip", false, where));
        TITO_TRY(t.normalized, detail::get_bool(item, "normalized", true, where));
        TITO_TRY(t.special, detail::get_bool(item, "special", false, where));
        out.push_back(std::move(t));
    }
    return out;
}

// The split of the direct pipeline (tokenizer.hpp) when `pre` is exactly
//   Sequence[Split(Regex a fast_split pattern, Isolated, not inverted), ByteLevel(no prefix space, no regex)]
// (how Qwen2/Qwen3 and Llama 3 spell theirs), else nullopt. Anything else keeps the staged pipeline.
std::optional<fast_split> direct_split(detail::json pre) {
    auto is = [](detail::json o, std::string_view key, std::string_view want) {
        std::string_view v;
        return o.is_object() && o.at_key(key).get_string().get(v) == simdjson::SUCCESS && v == want;
    };
    auto flag = [](detail::json o, std::string_view key, bool fallback) {
        auto r = detail::get_bool(o, key, fallback, "");
        return r ? std::optional<bool>(*r) : std::nullopt;
    };
    if (!is(pre, "type", "Sequence")) return std::nullopt;
    simdjson::dom::array parts;
    if (pre.at_key("pretokenizers").get_array().get(parts) != simdjson::SUCCESS || parts.size() != 2) return std::nullopt;
    const detail::json split = parts.at(0).value(), bytes = parts.at(1).value();
    if (!is(split, "type", "Split") || !is(split, "behavior", "Isolated") || flag(split, "invert", false) != false)
        return std::nullopt;
    if (!is(bytes, "type", "ByteLevel") || flag(bytes, "add_prefix_space", true) != false ||
        flag(bytes, "use_regex", true) != false)
        return std::nullopt;
    auto spec = detail::get_pattern(split, "");
    if (!spec || !spec->is_regex) return std::nullopt;
    return fast_split::recognize(spec->text);
}

}  // namespace

result<std::shared_ptr<const tokenizer>> tokenizer::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return error{errc::io, fmt::format("cannot open tokenizer file '{}'", path)};
    std::ostringstream buf;
    buf << in.rdbuf();
    auto r = load_json(buf.str());
    if (!r) return error{r.error().code(), fmt::format("{}: {}", path, r.error().message())};
    return r;
}

result<std::shared_ptr<const tokenizer>> tokenizer::load_json(std::string_view json_text) {
    simdjson::dom::parser parser;
    detail::json root;
    if (auto err = parser.parse(json_text.data(), json_text.size()).get(root); err != simdjson::SUCCESS)
        return detail::load_error(fmt::format("invalid JSON: {}", simdjson::error_message(err)));
    if (!root.is_object()) return detail::load_error("tokenizer.json must be an object");
    if (auto v = detail::get_member(root, "version")) {
        std::string_view s;
        if (v->get_string().get(s) != simdjson::SUCCESS || s != "1.0")
            return detail::load_error("unknown tokenizer version (expected \"1.0\")");
    }
    if (detail::get_member(root, "truncation")) return detail::load_error("'truncation' is not supported");
    if (detail::get_member(root, "padding")) return detail::load_error("'padding' is not supported");

    std::shared_ptr<tokenizer> t(new tokenizer());
    TITO_TRY(t->normalizer_, make_normalizer(member_or_null(root, "normalizer")));
    TITO_TRY(t->pre_tokenizer_, make_pre_tokenizer(member_or_null(root, "pre_tokenizer")));
    auto model_json = detail::get_member(root, "model");
    if (!model_json) return detail::load_error("missing 'model'");
    TITO_TRY(t->model_, make_model(*model_json));
    TITO_TRY(t->post_processor_, make_post_processor(member_or_null(root, "post_processor")));
    TITO_TRY(t->decoder_, make_decoder(member_or_null(root, "decoder")));
    TITO_TRY(auto added, read_added_tokens(root));
    t->added_ = std::make_unique<const added_vocabulary>(
        added_vocabulary::build(added, *t->model_, t->normalizer_.get()));
    t->vocab_size_ = t->model_->vocab_size() + t->added_->count_outside(*t->model_);
    if (const auto* b = dynamic_cast<const bpe*>(t->model_.get()))
        if (auto f = direct_split(member_or_null(root, "pre_tokenizer"))) {
            t->direct_split_ = std::make_unique<const fast_split>(std::move(*f));
            t->direct_bpe_ = b;
        }
    return std::shared_ptr<const tokenizer>(std::move(t));
}

}  // namespace tito::tokenizer
