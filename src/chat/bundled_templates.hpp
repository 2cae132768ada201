// File: chat/bundled_templates.hpp
// The fixed chat templates bundled with the binary (miles' *_fixed.jinja, copied verbatim into
// src/chat/templates/ and embedded at build time by cmake/embed_files.cmake). The server therefore
// needs no data files at run time.
// Usage:
//   std::optional<std::string_view> t = tito::chat::bundled_template("qwen3_fixed.jinja");
#pragma once

#include <optional>
#include <string_view>

namespace tito::chat {

// The exact bytes of a bundled template by file name, or nullopt. The view is static.
std::optional<std::string_view> bundled_template(std::string_view file_name);

}  // namespace tito::chat
