// File: tokenizer/types.hpp
// Basic vocabulary types shared by every tokenizer stage and the public API.
#pragma once

#include <cstdint>

namespace tito::tokenizer {

using token_id = std::uint32_t;

}  // namespace tito::tokenizer
