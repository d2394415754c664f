// The one place that turns an error into an HTTP response. Every error the server sends, from
// the router, a module, the body-size check or an unexpected exception, goes through here.
#pragma once

#include <string>

#include "core/error.hpp"
#include "http/request.hpp"

namespace bangyi::http {

// {"error":{"code","message","fields":[…],"request_id"}} with the status of error.kind().
Response ErrorResponse(const core::Error& error, const std::string& request_id);
// 500 carrying only the request id; the caller logs the details.
Response InternalErrorResponse(const std::string& request_id);

}  // namespace bangyi::http
