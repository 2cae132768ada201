// File: chat/comparator.cpp
// See comparator.hpp. Content texts are compared exactly (the upstream docstring mentions
// stripping; the code does not strip).
#include "chat/comparator.hpp"

#include <fmt/format.h>

namespace tito::chat {
namespace {

void trim_trailing(token_ids& ids, const std::unordered_set<token_id>& trim) {
    while (!ids.empty() && trim.count(ids.back())) ids.pop_back();
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
}

}  // namespace

std::string clean_up_tokenization(std::string s) {
    static constexpr std::pair<std::string_view, std::string_view> rules[] = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
        {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
    for (const auto& [from, to] : rules) replace_all(s, from, to);
    return s;
}

comparator::comparator(std::shared_ptr<const tokenizer::tokenizer> tok, std::unordered_set<token_id> special_ids,
                       std::optional<std::string> assistant_start, std::unordered_set<token_id> trim_ids,
                       bool clean_up_spaces)
    : tok_(std::move(tok)),
      special_(std::move(special_ids)),
      assistant_start_(std::move(assistant_start)),
      trim_(std::move(trim_ids)),
      clean_up_spaces_(clean_up_spaces) {}

std::string comparator::decode(const token_ids& ids) const {
    std::string s = tok_->decode(ids, false);
    return clean_up_spaces_ ? clean_up_tokenization(std::move(s)) : s;
}

std::vector<segment> comparator::segments(const token_ids& ids) const {
    std::vector<segment> out;
    token_ids current;
    for (token_id id : ids) {
        if (special_.count(id)) {
            if (!current.empty()) out.push_back({std::move(current), false}), current.clear();
            out.push_back({{id}, true});
        } else {
            current.push_back(id);
        }
    }
    if (!current.empty()) out.push_back({std::move(current), false});
    return out;
}

std::string comparator::describe(const std::vector<segment>& segs) const {
    std::string out;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        if (i) out += ' ';
        if (segs[i].is_special) out += "[" + decode(segs[i].ids) + "]";
        else out += fmt::format("({} tokens)", segs[i].ids.size());
    }
    return out;
}

bool comparator::is_assistant(const std::vector<segment>& segs, std::size_t i) const {
    if (!assistant_start_ || segs[i].is_special || i == 0 || !segs[i - 1].is_special) return false;
    const auto& c = segs[i].ids;
    token_ids head(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(c.size(), 20)));
    return (decode(segs[i - 1].ids) + decode(head)).starts_with(*assistant_start_);
}

std::vector<mismatch> comparator::compare(token_ids expected, token_ids actual) const {
    if (!trim_.empty()) {
        trim_trailing(expected, trim_);
        trim_trailing(actual, trim_);
    }
    const auto e = segments(expected);
    const auto a = segments(actual);
    std::string detail;
    if (e.size() != a.size()) {
        detail = fmt::format("segment count differs: expected {}, got {}", e.size(), a.size());
    } else {
        for (std::size_t i = 0; i < e.size(); ++i)
            if (e[i].is_special != a[i].is_special) {
                detail = "segment structure (special/content pattern) differs";
                break;
            }
    }
    if (!detail.empty()) return {mismatch{"special_token_count", -1, describe(e), describe(a), std::move(detail)}};

    std::vector<mismatch> out;
    for (std::size_t i = 0; i < e.size(); ++i) {
        const auto idx = static_cast<std::int64_t>(i);
        if (e[i].is_special) {
            if (e[i].ids != a[i].ids) out.push_back({"special_token_type", idx, decode(e[i].ids), decode(a[i].ids), ""});
            continue;
        }
        std::string te = decode(e[i].ids);
        std::string ta = decode(a[i].ids);
        if (te == ta) continue;
        const bool assistant = is_assistant(e, i) && is_assistant(a, i);
        out.push_back({assistant ? "assistant_text" : "non_assistant_text", idx, std::move(te), std::move(ta), ""});
    }
    return out;
}

}  // namespace tito::chat
