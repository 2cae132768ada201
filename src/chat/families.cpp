// File: chat/families.cpp
// The registry rows (spec 6.3, miles tito_tokenizer.py). Every named family here pins
// clear_thinking=false; only qwen35 narrows the append roles (its template raises on a non-leading
// system message).
#include "chat/families.hpp"

namespace tito::chat {
namespace {

const std::vector<family_spec>& registry() {
    static const std::vector<family_spec> rows = {
        {"default", "TITOTokenizer", "", false, {"tool", "user", "system", "assistant"}, 0, boundary_rule::none, ""},
        {"qwen3", "Qwen3TITOTokenizer", "qwen3_fixed.jinja", true, {"tool", "user", "system", "assistant"}, 0,
         boundary_rule::im_end_newline, "<|im_start|>assistant"},
        {"qwen35", "Qwen35TITOTokenizer", "qwen3.5_fixed.jinja", true, {"tool", "user", "assistant"}, 0,
         boundary_rule::im_end_newline, "<|im_start|>assistant"},
        {"qwennext", "QwenNextTITOTokenizer", "qwen3_thinking_2507_and_next_fixed.jinja", true,
         {"tool", "user", "system", "assistant"}, 0, boundary_rule::im_end_newline, "<|im_start|>assistant"},
        {"glm47", "GLM47TITOTokenizer", "", true, {"tool", "user", "system", "assistant"}, 1,
         boundary_rule::glm_drop_opener, "<|assistant|>"},
    };
    return rows;
}

}  // namespace

const family_spec* find_family_spec(std::string_view name) {
    for (const auto& s : registry())
        if (s.name == name) return &s;
    return nullptr;
}

std::string supported_family_names() {
    std::string out;
    for (const auto& s : registry()) {
        if (!out.empty()) out += ", ";
        out += s.name;
    }
    return out;
}

}  // namespace tito::chat
