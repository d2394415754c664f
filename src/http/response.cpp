#include <cctype>
#include <charconv>

#include "http/error_response.hpp"
#include "http/request.hpp"

namespace bangyi::http {

std::string Request::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  auto header = headers.find("cookie");
  if (header == headers.end()) {
    return {};
  }
  std::string_view cookies = header->second;
  while (!cookies.empty()) {
    auto semi = cookies.find(';');
    std::string_view part = cookies.substr(0, semi);
    cookies = semi == std::string_view::npos ? std::string_view() : cookies.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') {
      part.remove_prefix(1);
    }
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<int64_t> Request::QueryId(const std::string& name) const {
  auto v = Query(name);
  if (!v) {
    return std::nullopt;
  }
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
  if (ec != std::errc() || ptr != v->data() + v->size() || id <= 0) {
    throw core::Error::Validation({{name, "invalid"}});
  }
  return id;
}

int64_t Request::PathId(const std::string& name) const {
  auto it = params.find(name);
  int64_t id = 0;
  if (it != params.end()) {
    const std::string& s = it->second;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc() && ptr == s.data() + s.size() && id > 0) {
      return id;
    }
  }
  throw core::Error::NotFound("resource");
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::Text(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

// The file name in RFC 5987 form (Chinese names survive every browser).
Response Response::Download(std::string content_type, const std::string& filename, std::string body) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char ch : filename) {
    if (std::isalnum(ch) != 0 || ch == '.' || ch == '-' || ch == '_') {
      encoded.push_back(static_cast<char>(ch));
    } else {
      encoded += '%';
      encoded.push_back(kHex[ch >> 4]);
      encoded.push_back(kHex[ch & 15]);
    }
  }
  Response r = Text(200, std::move(content_type), std::move(body));
  r.AddHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) {
      continue;
    }
    auto eq = part.find('=');
    std::string key = PercentDecode(part.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(part.substr(eq + 1), true);
    out[key] = value;
  }
  return out;
}

Response ErrorResponse(const core::Error& error, const std::string& request_id) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : error.fields()) {
    fields.push_back({{"field", f.field}, {"code", f.code}});
  }
  return Response::Json(core::HttpStatus(error.kind()),
                        {{"error",
                          {{"code", error.code()},
                           {"message", error.what()},
                           {"fields", fields},
                           {"request_id", request_id}}}});
}

Response InternalErrorResponse(const std::string& request_id) {
  return ErrorResponse(core::Error(core::ErrorKind::kInternal, "internal", "internal server error"), request_id);
}

}  // namespace bangyi::http
