// File: net/runtime.hpp
// The thread model: N shards, each one thread running its own single-threaded io_context
// (Seastar-style shared-nothing; STYLE.md 3.6). Connections, upstream pools and timers live on
// one shard for their whole life, so their state needs no locks.
// Asio-free interface; Asio-aware code gets the io_context through net/asio_runtime.hpp.
// Usage:
//   tito::net::runtime rt{4};
//   rt.start();
//   rt.post(2, [] { /* runs on shard 2's thread */ });
//   rt.stop(); rt.join();
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace tito::net {

inline constexpr std::size_t no_shard = static_cast<std::size_t>(-1);

// Thread safety: post()/post_after()/stop() may be called from any thread; start()/join() from
// the owning thread only.
class runtime {
public:
    explicit runtime(std::size_t shards);
    ~runtime();
    runtime(const runtime&) = delete;
    runtime& operator=(const runtime&) = delete;

    std::size_t shards() const noexcept;
    void start();
    // Lets the shards exit once their queued work is done (no new work is refused, though).
    void stop() noexcept;
    // Stops every io_context at once, abandoning pending work.
    void force_stop() noexcept;
    void join();

    void post(std::size_t shard, std::function<void()> fn);
    void post_after(std::size_t shard, std::chrono::nanoseconds delay, std::function<void()> fn);

    struct impl;
    impl& get_impl() noexcept { return *impl_; }

private:
    std::unique_ptr<impl> impl_;
};

// Index of the shard the calling thread runs, or no_shard for other threads.
std::size_t this_shard() noexcept;
// The runtime the calling thread belongs to, or nullptr.
runtime* this_runtime() noexcept;

}  // namespace tito::net
