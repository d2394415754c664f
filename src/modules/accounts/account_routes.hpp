#pragma once

#include "http/router.hpp"
#include "modules/accounts/auth_service.hpp"
#include "modules/accounts/token_service.hpp"
#include "modules/accounts/user_service.hpp"

namespace bangyi::accounts {

// /api/v1/auth/*, /api/v1/users*, /api/v1/api-tokens*.
void RegisterRoutes(http::Router& router, AuthService& auth, UserService& users, TokenService& tokens);

}  // namespace bangyi::accounts
