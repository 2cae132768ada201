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

    void pre_tokenize(std::vector<normalized_string>& pieces) const override {
        thread_local std::vector<text::match> found;
        detail::split_each(pieces, [&](const normalized_string& in, std::vector<normalized_string>& out) {
            normalized_string p{replace_spaces(in.text), in.at_origin};
            bool starts = p.text.compare(0, opt_.replacement.size(), opt_.replacement) == 0;
            if (!starts && !p.text.empty() &&
                (opt_.scheme == prepend_scheme::always || (opt_.scheme == prepend_scheme::first && p.at_origin)))
                p.text.insert(0, opt_.replacement);
            if (!opt_.split) {
                if (!p.text.empty()) out.push_back(std::move(p));
                return;
            }
            found.clear();
            for (std::size_t pos = 0; (pos = p.text.find(opt_.replacement, pos)) != std::string::npos;
                 pos += opt_.replacement.size())
                found.push_back({pos, pos + opt_.replacement.size()});
            split_pieces(p, found, split_behavior::merged_with_next, false, out);
        });
    }

private:
    std::string replace_spaces(const std::string& s) const {
        if (s.find(' ') == std::string::npos) return s;
        std::string r;
        r.reserve(s.size() + 8);
        for (char c : s) {
            if (c == ' ') r.append(opt_.replacement);
            else r.push_back(c);
        }
        return r;
    }
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
