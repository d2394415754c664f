// Errors that end a request. Services throw `Error`; the HTTP layer renders every one of them in
// the single JSON shape documented in docs/api-contract.md. Expected outcomes inside a layer (a
// row that is missing, a field that is invalid) are return values; they become an Error only at
// the service boundary, where they end the request.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bangyi::core {

enum class ErrorKind {
  kBadRequest,        // 400: malformed JSON, unreadable request
  kUnauthenticated,   // 401: no or expired session, bad credentials
  kForbidden,         // 403: authenticated but not allowed
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: duplicate or state conflict
  kGone,              // 410: existed once, no longer usable (an expired link)
  kPayloadTooLarge,   // 413
  kValidation,        // 422: fields[] names each bad field
  kTooManyRequests,   // 429: throttled (login lockout)
  kInternal,          // 500: details only in the log
  kUnavailable,       // 503: shutting down
};

struct FieldError {
  std::string field;
  std::string code;
  bool operator==(const FieldError&) const = default;
};

// For test failure messages.
inline std::ostream& operator<<(std::ostream& os, const FieldError& e) { return os << e.field << ":" << e.code; }

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, std::string message, std::vector<FieldError> fields = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), fields_(std::move(fields)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // Shorthands for the common cases; `code` defaults to the kind's generic code.
  static Error BadRequest(std::string code, std::string message);
  static Error Unauthenticated(std::string message = "authentication required");
  static Error Forbidden(std::string message = "not allowed");
  static Error NotFound(std::string what);
  static Error Conflict(std::string code, std::string message);
  static Error Gone(std::string code, std::string message);
  static Error Validation(std::vector<FieldError> fields);

 private:
  ErrorKind kind_;
  std::string code_;
  std::vector<FieldError> fields_;
};

// The one map from error kind to HTTP status.
int HttpStatus(ErrorKind kind);

// Collects field errors while a whole input is checked, so the client learns every bad field at once.
class FieldErrors {
 public:
  void Add(std::string field, std::string code) { errors_.push_back({std::move(field), std::move(code)}); }
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& list() const { return errors_; }
  // Throws Error::Validation when any error was added.
  void ThrowIfAny() const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace bangyi::core
