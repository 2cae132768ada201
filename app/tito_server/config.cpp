// File: app/tito_server/config.cpp
#include "tito_server/config.hpp"

#include <boost/json/parse.hpp>

namespace tito::app {

void add_server_options(CLI::App& app, server_options& o) {
    o.http.port = 8000;
    app.add_option("--host", o.http.host, "Bind address (127.0.0.1 unless told otherwise)")->capture_default_str();
    app.add_option("--port", o.http.port, "Port (0: any free port, printed on stdout)")->capture_default_str();
    app.add_option("--threads", o.threads, "I/O threads (shards); default: number of cores")->capture_default_str();
    app.add_option("--cpu-threads", o.cpu_threads, "Threads for heavy renders (0: render on the I/O threads)")
        ->capture_default_str();
    app.add_option("--offload-bytes", o.api.offload_bytes,
                   "Chat bodies larger than this render on the CPU threads (keeps other sessions' I/O responsive)")
        ->capture_default_str();
    app.add_option("--backend-url", o.backend_url,
                   "Inference router/engine URL, e.g. http://127.0.0.1:30000; empty: start the embedded stub backend");
    app.add_option("--instance-id", o.api.instance_id, "Reported by GET /health as session_server_instance_id");
    app.add_option("--upstream-timeout", o.upstream_timeout_s, "Upstream request timeout in seconds")->capture_default_str();
    app.add_option("--max-body-bytes", o.http.max_body_bytes, "Largest request body accepted (413 beyond)")
        ->capture_default_str();
    app.add_option("--max-header-bytes", o.http.max_header_bytes, "Largest request header block (413 beyond)")
        ->capture_default_str();
    app.add_option("--max-upstream-connections", o.max_upstream_connections, "Upstream connection pool size")
        ->capture_default_str();
    app.add_option("--drain-timeout", o.drain_timeout_s, "Seconds to let in-flight requests finish on SIGTERM")
        ->capture_default_str();
    app.add_option("--hf-checkpoint", o.family.hf_checkpoint,
                   "Model folder with tokenizer.json + tokenizer_config.json (or a hub id in the local HF cache)")
        ->required();
    app.add_option("--tito-model", o.family.tito_model, "TITO family: default, qwen3, qwen35, qwennext, glm47")
        ->capture_default_str();
    app.add_option("--chat-template-path", o.family.chat_template_path,
                   "Jinja file replacing the model's template (default family only)");
    app.add_option("--apply-chat-template-kwargs", o.kwargs_json, "Server-default chat template kwargs (JSON object)");
    app.add_option("--session-message-matcher", o.matcher, "strict, loose_tool_call or role_content_only")
        ->capture_default_str();
    app.add_flag("--use-rollout-routing-replay", o.api.flags.use_routed_experts, "Force return_routed_experts upstream");
    app.add_flag("--use-rollout-indexer-replay", o.api.flags.use_indexer_topk, "Force return_indexer_topk upstream");
    app.add_option("--pause-generation-mode", o.pause_generation_mode, "in_place enables addition-R3 offsets");
    app.add_option("--lora-rank", o.lora_rank, "LoRA rank (> 0 forces lora_path upstream)");
    app.add_option("--lora-adapter-path", o.lora_adapter_path, "LoRA adapter (set: forces lora_path upstream)");
    app.add_option("--stub-latency-ms", o.stub.latency_ms, "Embedded stub only: fixed latency (ms)")->capture_default_str();
    app.add_option("--log-format", o.log_format, "Event log lines: text (key=value) or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_option("--log-level", o.log_level,
                   "Lowest event level written: info (chat_start/chat_done of every request), warn (only 5xx "
                   "chat_done, restarts, errors), error, off")
        ->check(CLI::IsMember({"info", "warn", "error", "off"}))
        ->capture_default_str();
    app.add_option("--stats-interval", o.stats_interval_s, "Seconds between stats heartbeat lines (0: off)")
        ->capture_default_str();
}

result<void> finish_server_options(server_options& o) {
    if (o.threads == 0) o.threads = 1;
    if (!o.kwargs_json.empty()) {
        boost::system::error_code ec;
        auto v = boost::json::parse(o.kwargs_json, ec);
        if (ec || !v.is_object())
            return error{errc::config, "--apply-chat-template-kwargs must be a JSON object"};
        o.family.chat_template_kwargs = std::move(v.get_object());
    }
    if (o.pause_generation_mode == "abort")
        return error{errc::config, "--pause-generation-mode abort cannot be used with the session server"};
    o.api.flags.use_addition_r3 = o.pause_generation_mode == "in_place";
    o.api.flags.use_lora = o.lora_rank > 0 || !o.lora_adapter_path.empty();
    return {};
}

}  // namespace tito::app
