// File: tokenizer/pre_tokenizers/metaspace_options.hpp
// Options shared by the Metaspace pre-tokenizer and the Metaspace decoder.
// Usage:
//   TITO_TRY(auto o, detail::parse_metaspace_options(obj, "Metaspace decoder"));
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"

namespace tito::tokenizer {

enum class prepend_scheme { always, first, never };

struct metaspace_options {
    std::string replacement = "\xE2\x96\x81";  // U+2581
    prepend_scheme scheme = prepend_scheme::always;
    bool split = true;
};

namespace detail {
result<metaspace_options> parse_metaspace_options(json obj, std::string_view where);
}

}  // namespace tito::tokenizer
