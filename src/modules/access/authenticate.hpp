// How a module's routes learn who is calling, without depending on the accounts module that
// implements sessions and tokens: the application passes in an Authenticate function.
#pragma once

#include <functional>

#include "core/json_input.hpp"
#include "http/request.hpp"
#include "modules/access/role.hpp"

namespace bangyi::access {

// Throws core::Error 401 (no or expired session), 403 (CSRF token missing on a write,
// password change pending). Never returns an unauthenticated principal.
using Authenticate = std::function<Principal(const http::Request&)>;

// Handlers for the common route shapes, so a module's routes read as a table. The caller is
// authenticated before anything else (401 beats 400 and 404).
// GET …/{id}…: `fn(principal, id)` → 200 JSON.
template <typename Fn>
std::function<http::Response(http::Request&)> IdRead(const Authenticate& authenticate, Fn fn) {
  return [authenticate, fn](http::Request& r) {
    auto p = authenticate(r);
    return http::Response::Json(200, fn(p, r.PathId("id")));
  };
}

// A write on …/{id}…: `fn(principal, id, body)` → `status` JSON; the body is a JSON object.
template <typename Fn>
std::function<http::Response(http::Request&)> IdWrite(const Authenticate& authenticate, int status, Fn fn) {
  return [authenticate, status, fn](http::Request& r) {
    auto p = authenticate(r);
    int64_t id = r.PathId("id");
    return http::Response::Json(status, fn(p, id, core::ParseJsonObject(r.body)));
  };
}

}  // namespace bangyi::access
