// Serves the built web app (web/dist): content types by extension, a year of caching for the
// hashed files under /assets/, no-cache for everything else, pre-compressed .gz when the client
// accepts gzip, index.html for client-side routes, and /api/docs from dist/api-docs/.
#pragma once

#include <optional>
#include <string>

#include "http/request.hpp"

namespace bangyi::http {

class StaticFiles {
 public:
  // `root` may not exist (server built without the web app): then every lookup misses.
  explicit StaticFiles(std::string root);

  // The response for a GET/HEAD of `request.path`, or nullopt when no file answers it (the
  // caller sends 404). Never serves anything outside root.
  std::optional<Response> Serve(const Request& request) const;

  const std::string& root() const { return root_; }

 private:
  std::optional<Response> File(const std::string& relative, const Request& request, bool immutable) const;
  std::string root_;
};

std::string ContentTypeFor(const std::string& path);

}  // namespace bangyi::http
