// File: net/runtime.cpp
#include "net/runtime.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <optional>
#include <thread>
#include <vector>

#include "base/assert.hpp"
#include "net/asio_runtime.hpp"

namespace tito::net {

namespace asio = boost::asio;

namespace {
thread_local std::size_t t_shard = no_shard;
thread_local runtime* t_runtime = nullptr;
}  // namespace

struct runtime::impl {
    struct shard {
        asio::io_context ctx{1};
        std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
        std::thread thread;
    };
    std::vector<std::unique_ptr<shard>> shards;
};

runtime::runtime(std::size_t shards) : impl_(std::make_unique<impl>()) {
    TITO_CHECK(shards > 0);
    for (std::size_t i = 0; i < shards; ++i) {
        auto s = std::make_unique<impl::shard>();
        s->guard.emplace(s->ctx.get_executor());
        impl_->shards.push_back(std::move(s));
    }
}

runtime::~runtime() {
    force_stop();
    join();
}

std::size_t runtime::shards() const noexcept { return impl_->shards.size(); }

void runtime::start() {
    for (std::size_t i = 0; i < impl_->shards.size(); ++i) {
        auto* s = impl_->shards[i].get();
        s->thread = std::thread([this, s, i] {
            t_shard = i;
            t_runtime = this;
            s->ctx.run();
            t_shard = no_shard;
            t_runtime = nullptr;
        });
    }
}

void runtime::stop() noexcept {
    for (auto& s : impl_->shards) asio::post(s->ctx, [sp = s.get()] { sp->guard.reset(); });
}

void runtime::force_stop() noexcept {
    for (auto& s : impl_->shards) s->ctx.stop();
}

void runtime::join() {
    for (auto& s : impl_->shards)
        if (s->thread.joinable()) s->thread.join();
}

void runtime::post(std::size_t shard, std::function<void()> fn) {
    asio::post(impl_->shards.at(shard)->ctx, std::move(fn));
}

void runtime::post_after(std::size_t shard, std::chrono::nanoseconds delay, std::function<void()> fn) {
    auto& ctx = impl_->shards.at(shard)->ctx;
    asio::post(ctx, [&ctx, delay, fn = std::move(fn)]() mutable {
        auto timer = std::make_shared<asio::steady_timer>(ctx, delay);
        timer->async_wait([timer, fn = std::move(fn)](const boost::system::error_code&) { fn(); });
    });
}

std::size_t this_shard() noexcept { return t_shard; }
runtime* this_runtime() noexcept { return t_runtime; }

asio::io_context& context(runtime& rt, std::size_t shard) {
    return rt.get_impl().shards.at(shard)->ctx;
}

}  // namespace tito::net
