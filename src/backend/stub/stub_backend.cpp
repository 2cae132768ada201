// File: backend/stub/stub_backend.cpp
#include "backend/stub/stub_backend.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>

#include "base/json.hpp"
#include "base/json_parse.hpp"

namespace tito::backend {

std::string base64_encode(std::string_view in) {
    static constexpr char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        out += tbl[v >> 18];
        out += tbl[(v >> 12) & 63];
        out += tbl[(v >> 6) & 63];
        out += tbl[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = (unsigned char)in[i] << 16;
        out += tbl[v >> 18];
        out += tbl[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
        out += tbl[v >> 18];
        out += tbl[(v >> 12) & 63];
        out += tbl[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

stub_backend::stub_backend(net::runtime& rt, stub_config cfg) : rt_(rt), cfg_(std::move(cfg)), rng_(cfg_.seed) {
    if (cfg_.routed_experts_bytes > 0) {
        std::string raw(cfg_.routed_experts_bytes, '\0');
        for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<char>((i * 7) % 64);  // small expert ids
        routed_experts_b64_ = base64_encode(raw);
    }
}

double stub_backend::draw_latency_ms() {
    std::lock_guard lk{mu_};
    if (cfg_.latency_p99_ms > 0 && cfg_.latency_median_ms > 0) {
        // lognormal: median = e^mu, p99 = e^(mu + 2.3263 sigma)
        const double mu = std::log(cfg_.latency_median_ms);
        const double sigma = std::max(0.0, (std::log(cfg_.latency_p99_ms) - mu) / 2.326347874040841);
        std::lognormal_distribution<double> d{mu, sigma};
        return d(rng_);
    }
    return cfg_.latency_ms;
}

stub_stats stub_backend::stats() const {
    std::lock_guard lk{mu_};
    return stats_;
}

void stub_backend::handle(http::request req, http::responder res) {
    // Every POST goes through the engine model (cap, queue, latency), like work on a real engine;
    // GETs (health, models, ...) answer at once.
    if (req.method == "POST") return chat(std::move(req), std::move(res));
    res.send(http::json_response(200, R"({"status":"ok"})"));
}

void stub_backend::admit(std::function<void()> start) {
    {
        std::lock_guard lk{mu_};
        ++stats_.requests;
        if (cfg_.max_running != 0 && running_ >= cfg_.max_running) {
            queue_.push_back(std::move(start));
            stats_.max_queued_seen = std::max<std::uint64_t>(stats_.max_queued_seen, queue_.size());
            return;
        }
        ++running_;
        stats_.max_running_seen = std::max<std::uint64_t>(stats_.max_running_seen, running_);
    }
    start();
}

void stub_backend::finished() {
    std::function<void()> next;
    {
        std::lock_guard lk{mu_};
        if (queue_.empty()) {
            --running_;
            return;
        }
        next = std::move(queue_.front());
        queue_.pop_front();
    }
    next();
}

void stub_backend::chat(http::request req, http::responder res) {
    {
        std::lock_guard lk{mu_};
        if (queue_.size() >= cfg_.max_queue) {
            ++stats_.rejected;
            res.send(http::error_response(503, "stub backend queue is full"));
            return;
        }
    }
    const std::size_t shard = res.shard();
    auto shared_req = std::make_shared<http::request>(std::move(req));
    admit([this, shard, shared_req, res] {
        const double latency = draw_latency_ms();
        auto finish = [this, shared_req, res, latency] {
            if (shared_req->path == "/v1/chat/completions")
                res.send(http::json_response(200, build_reply(*shared_req, latency)));
            else
                res.send(http::json_response(200, R"({"status":"ok"})"));
            finished();
        };
        if (latency <= 0) {
            rt_.post(shard, std::move(finish));
        } else {
            rt_.post_after(shard, std::chrono::microseconds(static_cast<std::int64_t>(latency * 1000)), std::move(finish));
        }
    });
}

namespace {

// Finds `"input_ids":[...]` holding only integers and counts them without parsing, so the reply
// needs no DOM of thousands of numbers: {position of '[', one past ']', count}; nullopt when the
// array is absent or holds anything else (the caller parses the whole body then).
struct id_list {
    std::size_t begin, end, count;
};

// 0x80 in each byte of w equal to c (exact, no borrow between bytes).
std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    const std::uint64_t x = w ^ (0x0101010101010101ull * c);
    return ~(((x & low7) + low7) | x | low7);
}
// 0x80 in each byte of w that is an ASCII digit.
std::uint64_t bytes_digit(std::uint64_t w) {
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, highs = 0x8080808080808080ull;
    const std::uint64_t x = w & low7;
    const std::uint64_t at_least_0 = x + 0x5050505050505050ull;    // high bit set iff byte >= '0'
    const std::uint64_t above_9 = x + 0x4646464646464646ull;       // high bit set iff byte > '9'
    return at_least_0 & ~above_9 & ~w & highs;
}

std::optional<id_list> find_input_ids(std::string_view body) {
    constexpr std::string_view key = "\"input_ids\":";
    // The server appends the key last (Python dict order), so the last quote of the body usually
    // ends it; otherwise search.
    std::size_t k = std::string_view::npos;
    if (const auto* q = static_cast<const char*>(::memrchr(body.data(), '"', body.size())); q != nullptr) {
        const auto last = static_cast<std::size_t>(q - body.data());
        if (last + 2 >= key.size() && body.compare(last + 2 - key.size(), key.size(), key) == 0) k = last + 2 - key.size();
    }
    if (k == std::string_view::npos) k = body.rfind(key);
    if (k == std::string_view::npos) return std::nullopt;
    std::size_t i = k + key.size();
    while (i < body.size() && body[i] == ' ') ++i;
    if (i >= body.size() || body[i] != '[') return std::nullopt;
    const std::size_t open = i;
    const std::size_t close = body.find(']', open);
    if (close == std::string_view::npos) return std::nullopt;
    // Eight bytes at a time: commas counted, anything but digits, commas and spaces flagged.
    std::size_t commas = 0;
    bool any_digit = false;
    std::uint64_t bad = 0;
    std::size_t p = open + 1;
    for (; p + 8 <= close; p += 8) {
        std::uint64_t w;
        std::memcpy(&w, body.data() + p, 8);
        const std::uint64_t comma = bytes_equal(w, ','), digit = bytes_digit(w);
        commas += static_cast<std::size_t>(((comma >> 7) * 0x0101010101010101ull) >> 56);  // bytes flagged
        any_digit |= digit != 0;
        bad |= ~(comma | digit | bytes_equal(w, ' ')) & 0x8080808080808080ull;
    }
    for (; p < close; ++p) {
        const char c = body[p];
        commas += c == ',';
        any_digit |= c >= '0' && c <= '9';
        bad |= static_cast<std::uint64_t>(!(c >= '0' && c <= '9') && c != ',' && c != ' ');
    }
    if (bad) return std::nullopt;
    return id_list{open, close + 1, any_digit ? commas + 1 : 0};
}

}  // namespace

std::string stub_backend::build_reply(const http::request& req, double latency_ms) {
    std::size_t prompt_tokens = 0;
    std::string model = cfg_.model;
    boost::system::error_code ec;
    // The request document lives in an arena, and a plain input_ids list is counted, not parsed.
    std::string_view text = req.body;
    std::string without_ids;
    const auto ids = find_input_ids(text);
    if (ids) {
        without_ids.reserve(text.size());
        without_ids.append(text.substr(0, ids->begin)).append("[]").append(text.substr(ids->end));
        text = without_ids;
        prompt_tokens = ids->count;
    }
    auto body = json::parse_exact(text, ec, 512, json::make_arena(text.size() * 2));
    if (ec) body = boost::json::object{};
    if (body.is_object()) {
        const auto& o = body.get_object();
        if (auto* a = o.if_contains("input_ids"); !ids && a && a->is_array()) prompt_tokens = a->get_array().size();
        if (auto* m = o.if_contains("model"); m && m->is_string()) model = std::string(m->get_string());
    }
    const auto reply = make_stub_reply(cfg_, body);
    std::uint64_t id;
    {
        std::lock_guard lk{mu_};
        id = next_id_++;
    }
    const std::size_t n = reply.completion_ids.size();
    std::string out;
    out.reserve(512 + n * 16 + reply.message_json.size() + routed_experts_b64_.size());
    fmt::format_to(std::back_inserter(out), R"({{"id":"chatcmpl-stub-{}","object":"chat.completion","created":{},"model":)",
                   id, std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count());
    json::append_quoted(out, model);
    out += R"(,"choices":[{"index":0,"message":)";
    out += reply.message_json;
    out += R"(,"logprobs":null,"finish_reason":)";
    json::append_quoted(out, reply.finish_reason);
    fmt::format_to(std::back_inserter(out), R"(,"meta_info":{{"id":"stub-{}","finish_reason":{{"type":"stop"}},"prompt_tokens":{},)", id,
                   prompt_tokens);
    fmt::format_to(std::back_inserter(out), R"("completion_tokens":{},"cached_tokens":0,"output_token_logprobs":[)", n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ',';
        out += '[';
        if (cfg_.full_precision_logprobs) {
            // A deterministic spread over (0, 10), rounded to float32 like a model's logits.
            const auto k = static_cast<std::uint32_t>((i + 1) * 2654435761u);
            json::append_python_float(out, -static_cast<double>(static_cast<float>(k % 1000003u) / 100000.3f + 1e-4f));
        } else {
            json::append_python_float(out, -(0.015625 + 0.125 * static_cast<double>(i % 8)));
        }
        fmt::format_to(std::back_inserter(out), ",{}]", reply.completion_ids[i]);
    }
    out += "],\"e2e_latency\":";
    json::append_python_float(out, latency_ms / 1000.0);
    if (!routed_experts_b64_.empty()) {
        out += ",\"routed_experts\":";
        json::append_quoted(out, routed_experts_b64_);
    }
    fmt::format_to(std::back_inserter(out), R"(}}}}],"usage":{{"prompt_tokens":{},"completion_tokens":{},"total_tokens":{}}}}})",
                   prompt_tokens, n, prompt_tokens + n);
    return out;
}

}  // namespace tito::backend
