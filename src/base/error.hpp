// File: base/error.hpp
// tito::error: the one error value of the project (see STYLE.md 3.5).
//   errc kind + human message + optional location detail (template, line, column).
// Usage:
//   return tito::error{tito::errc::bad_request, "invalid JSON body: ..."};
//   if (!r) log(r.error().message);
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace tito {

// Closed set of error kinds. The api/ layer maps each to an HTTP status (api/error_response.cpp).
enum class errc : std::uint8_t {
    bad_request,         // client sent something invalid (400)
    not_found,           // unknown session or route (404)
    method_not_allowed,  // known path, wrong method (405)
    conflict,            // session state changed underneath a commit (409)
    session_closed,      // session deleted while the request waited or ran (410)
    payload_too_large,   // body or header over the configured limit (413)
    internal,            // invariant violation, rendering failure (500)
    not_implemented,     // route not built yet (501)
    upstream_transport,  // connect/read/write/timeout talking to the backend (502)
    upstream_response,   // backend answered 200 with a malformed body (502)
    template_syntax,     // chat template failed to parse
    template_runtime,    // chat template raised while rendering
    tokenizer_load,      // tokenizer.json uses something unsupported or is malformed
    config,              // bad start-up configuration
    io,                  // file system
};

std::string_view to_string(errc e) noexcept;

// Where an error happened, when that is known (template name + line/column, or a token index).
struct error_location {
    std::string name;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

class error {
public:
    error() = default;  // required by boost::system::result::error()
    error(errc code, std::string message) : code_(code), message_(std::move(message)) {}
    error(errc code, std::string message, error_location where)
        : code_(code), message_(std::move(message)), where_(std::move(where)), has_where_(true) {}

    errc code() const noexcept { return code_; }
    const std::string& message() const noexcept { return message_; }
    bool has_location() const noexcept { return has_where_; }
    const error_location& location() const noexcept { return where_; }

    // "message" or "name:line:column: message".
    std::string describe() const;

private:
    errc code_ = errc::internal;
    std::string message_;
    error_location where_;
    bool has_where_ = false;
};

// Thrown by result<T>::value() on an error (found by ADL, see boost/system/result.hpp).
class error_exception : public std::exception {
public:
    explicit error_exception(error e) : error_(std::move(e)), what_(error_.describe()) {}
    const char* what() const noexcept override { return what_.c_str(); }
    const tito::error& get() const noexcept { return error_; }

private:
    tito::error error_;
    std::string what_;
};


}  // namespace tito
