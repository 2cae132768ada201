// File: jinja/error.cpp
#include "jinja/error.hpp"

#include "base/result.hpp"

namespace tito::jinja {

failure::failure(py_exc kind, std::string message, src_loc where)
    : p_(std::make_shared<data>(data{kind, std::move(message), where})) {}

failure fail(py_exc kind, std::string message, src_loc where) {
    return failure(kind, std::move(message), where);
}

const char* py_exc_name(py_exc k) noexcept {
    switch (k) {
        case py_exc::template_error: return "TemplateError";
        case py_exc::type_error: return "TypeError";
        case py_exc::undefined_error: return "UndefinedError";
        case py_exc::security_error: return "SecurityError";
        case py_exc::template_runtime_error: return "TemplateRuntimeError";
        case py_exc::value_error: return "ValueError";
        case py_exc::zero_division: return "ZeroDivisionError";
        case py_exc::index_error: return "IndexError";
        case py_exc::limit: return "LimitExceeded";
        case py_exc::syntax: return "TemplateSyntaxError";
    }
    return "Error";
}

tito::error failure::to_error(const std::string& template_name) const {
    errc code = kind() == py_exc::syntax ? errc::template_syntax : errc::template_runtime;
    std::string msg = kind() == py_exc::template_error
                          ? message()
                          : std::string(py_exc_name(kind())) + ": " + message();
    return tito::error{code, std::move(msg), error_location{template_name, where().line, where().column}};
}

}  // namespace tito::jinja
