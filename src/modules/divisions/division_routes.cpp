#include "modules/divisions/division_routes.hpp"

namespace bangyi::divisions {

void RegisterRoutes(http::Router& router, const DivisionIndex& index, const access::Authenticate& authenticate) {
  router.Get("/api/v1/divisions", [&index, authenticate](http::Request& r) {
    access::Require(authenticate(r), access::permission::kDivisionsRead);
    return http::Response::Json(200, {{"data", index.Tree()}});
  });
  // Administrative divisions are public knowledge; the volunteer sign-up page needs them before
  // anyone has an account.
  router.Get("/api/v1/public/divisions",
             [&index](http::Request&) { return http::Response::Json(200, {{"data", index.Tree()}}); });
}

}  // namespace bangyi::divisions
