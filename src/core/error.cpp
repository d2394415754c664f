#include "core/error.hpp"

namespace bangyi::core {

Error Error::BadRequest(std::string code, std::string message) {
  return Error(ErrorKind::kBadRequest, std::move(code), std::move(message));
}
Error Error::Unauthenticated(std::string message) {
  return Error(ErrorKind::kUnauthenticated, "unauthenticated", std::move(message));
}
Error Error::Forbidden(std::string message) {
  return Error(ErrorKind::kForbidden, "forbidden", std::move(message));
}
Error Error::NotFound(std::string what) {
  return Error(ErrorKind::kNotFound, "not_found", what + " not found");
}
Error Error::Conflict(std::string code, std::string message) {
  return Error(ErrorKind::kConflict, std::move(code), std::move(message));
}

Error Error::Gone(std::string code, std::string message) {
  return Error(ErrorKind::kGone, std::move(code), std::move(message));
}
Error Error::Validation(std::vector<FieldError> fields) {
  return Error(ErrorKind::kValidation, "validation_failed", "validation failed", std::move(fields));
}

int HttpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadRequest: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kGone: return 410;
    case ErrorKind::kPayloadTooLarge: return 413;
    case ErrorKind::kValidation: return 422;
    case ErrorKind::kTooManyRequests: return 429;
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

void FieldErrors::ThrowIfAny() const {
  if (!errors_.empty()) {
    throw Error::Validation(errors_);
  }
}

}  // namespace bangyi::core
