// File: tokenizer/pre_tokenizers/metaspace.cpp
// Metaspace: ' ' -> replacement, prepend the replacement (always / first piece / never), then
// optionally split before each replacement (MergedWithNext).
#include <fmt/format.h>

#include "tokenizer/pre_tokenizers/metaspace_options.hpp"
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

class metaspace final : public pre_tokenizer {
public:
    explicit metaspace(metaspace_options o) : opt_(std::move(o)) {}

    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        const std::string& rep = opt_.replacement;
        detail::rewrite_each(pt, [&](std::string_view s, bool at_origin, std::string& out) {
            bool prepend = opt_.scheme == prepend_scheme::always || (opt_.scheme == prepend_scheme::first && at_origin);
            if (prepend && !(s.substr(0, 1) == " " || s.substr(0, rep.size()) == rep)) out.append(rep);
            for (char c : s) {
                if (c == ' ') out.append(rep);
                else out.push_back(c);
            }
        });
        if (!opt_.split) return;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            found.clear();
            for (std::size_t pos = 0; (pos = s.find(rep, pos)) != std::string_view::npos; pos += rep.size())
                found.push_back({pos, pos + rep.size()});
            split_pieces(s, p, found, split_behavior::merged_with_next, false, out);
        });
    }

private:
    metaspace_options opt_;
};

}  // namespace

result<metaspace_options> detail::parse_metaspace_options(json obj, std::string_view where) {
    metaspace_options o;
    TITO_TRY(auto rep, get_string(obj, "replacement", where));
    o.replacement = std::string(rep);
    TITO_TRY(auto scheme, get_opt_string(obj, "prepend_scheme", where));
    std::string_view s = scheme.value_or("always");
    if (s == "always") o.scheme = prepend_scheme::always;
    else if (s == "first") o.scheme = prepend_scheme::first;
    else if (s == "never") o.scheme = prepend_scheme::never;
    else return load_error(fmt::format("{}: unknown prepend_scheme '{}'", where, s));
    if (auto legacy = get_member(obj, "add_prefix_space")) {
        bool b = true;
        if (legacy->get_bool().get(b) == simdjson::SUCCESS && !b) {
            if (o.scheme != prepend_scheme::never && scheme)
                return load_error(fmt::format("{}: add_prefix_space does not match prepend_scheme", where));
            o.scheme = prepend_scheme::never;
        }
    }
    TITO_TRY(o.split, get_bool(obj, "split", true, where));
    return o;
}

result<pre_tokenizer_ptr> detail::make_metaspace(json obj) {
    TITO_TRY(auto o, parse_metaspace_options(obj, "Metaspace pre_tokenizer"));
    return pre_tokenizer_ptr{std::make_unique<metaspace>(std::move(o))};
}

}  // namespace tito::tokenizer
