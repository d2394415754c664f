// List responses: {"data":[…],"metadata":{"total":N,"page":P,"per":K}}; page from 1, per 1..200
// (default 20). A bad page or per is a 422 naming the parameter.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

#include "http/request.hpp"

namespace bangyi::http {

struct Page {
  int64_t page = 1;
  int64_t per = 20;
  int64_t Offset() const { return (page - 1) * per; }
};

inline constexpr int64_t kMaxPer = 200;

Page ParsePage(const Request& request);
nlohmann::json ListBody(std::vector<nlohmann::json> data, int64_t total, const Page& page);

}  // namespace bangyi::http
