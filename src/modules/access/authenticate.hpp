// How a module's routes learn who is calling, without depending on the accounts module that
// implements sessions and tokens: the application passes in an Authenticate function.
#pragma once

#include <functional>

#include "http/request.hpp"
#include "modules/access/role.hpp"

namespace bangyi::access {

// Throws core::Error 401 (no or expired session), 403 (CSRF token missing on a write,
// password change pending). Never returns an unauthenticated principal.
using Authenticate = std::function<Principal(const http::Request&)>;

}  // namespace bangyi::access
