#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/router.hpp"

namespace bangyi::http {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> ReadFile(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    return std::nullopt;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool AcceptsGzip(const Request& r) { return r.Header("accept-encoding").find("gzip") != std::string::npos; }

}  // namespace

std::string ContentTypeFor(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".yaml" || ext == ".yml") return "application/yaml; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::File(const std::string& relative, const Request& request,
                                          bool immutable) const {
  fs::path full = fs::path(root_) / relative;
  std::optional<std::string> body;
  bool gzipped = false;
  if (AcceptsGzip(request)) {
    body = ReadFile(full.string() + ".gz");
    gzipped = body.has_value();
  }
  if (!body) {
    body = ReadFile(full);
  }
  if (!body) {
    return std::nullopt;
  }
  Response r = Response::Text(200, ContentTypeFor(relative), std::move(*body));
  r.AddHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.AddHeader("Vary", "Accept-Encoding");
  if (gzipped) {
    r.AddHeader("Content-Encoding", "gzip");
  }
  return r;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return std::nullopt;
  }
  auto segments = SplitPath(request.path);
  std::string relative;
  for (const auto& s : segments) {
    // Refuse anything that could step outside root.
    if (s == ".." || s == "." || s.find('\\') != std::string::npos || s.find('\0') != std::string::npos) {
      return std::nullopt;
    }
    relative += relative.empty() ? s : "/" + s;
  }
  // API reference: /api/docs → api-docs/index.html, /api/docs/x → api-docs/x.
  if (segments.size() >= 2 && segments[0] == "api" && segments[1] == "docs") {
    std::string rest = segments.size() == 2 ? "index.html" : relative.substr(std::string("api/docs/").size());
    return File("api-docs/" + rest, request, false);
  }
  if (segments.empty() || segments[0] == "api" || segments[0] == "metrics") {
    if (segments.empty()) {
      return File("index.html", request, false);
    }
    return std::nullopt;
  }
  bool immutable = segments[0] == "assets";
  if (auto r = File(relative, request, immutable)) {
    return r;
  }
  // A path without a file extension is a client route of the single-page app.
  if (fs::path(segments.back()).extension().empty()) {
    return File("index.html", request, false);
  }
  return std::nullopt;
}

}  // namespace bangyi::http
