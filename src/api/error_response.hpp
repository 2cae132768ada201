// File: api/error_response.hpp
// The one table from tito::errc to HTTP status (STYLE.md 3.5); docs/errors.md is checked
// against it by a test.
#pragma once

#include "base/error.hpp"
#include "http/message.hpp"

namespace tito::api {

int http_status(errc code) noexcept;
// {"error": message} with the status of e.code().
http::response to_response(const error& e);

}  // namespace tito::api
