#include "http/pagination.hpp"

#include <charconv>

#include "core/error.hpp"

namespace bangyi::http {

namespace {

bool ParseInt(const std::string& s, int64_t* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Page ParsePage(const Request& request) {
  Page p;
  core::FieldErrors errors;
  if (auto v = request.Query("page")) {
    if (!ParseInt(*v, &p.page) || p.page < 1 || p.page > 1000000) {
      errors.Add("page", "out_of_range");
    }
  }
  if (auto v = request.Query("per")) {
    if (!ParseInt(*v, &p.per) || p.per < 1 || p.per > kMaxPer) {
      errors.Add("per", "out_of_range");
    }
  }
  errors.ThrowIfAny();
  return p;
}

nlohmann::json ListBody(std::vector<nlohmann::json> data, int64_t total, const Page& page) {
  return {{"data", std::move(data)}, {"metadata", {{"total", total}, {"page", page.page}, {"per", page.per}}}};
}

}  // namespace bangyi::http
