// File: net/asio_runtime.hpp
// Asio view of net::runtime, for the few components allowed to include Asio
// (http, upstream, backend/stub). Everything else uses net/runtime.hpp.
// Usage:
//   boost::asio::io_context& ctx = tito::net::context(rt, tito::net::this_shard());
#pragma once

#include <boost/asio/io_context.hpp>

#include "net/runtime.hpp"

namespace tito::net {

boost::asio::io_context& context(runtime& rt, std::size_t shard);

}  // namespace tito::net
