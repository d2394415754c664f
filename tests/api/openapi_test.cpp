#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

#include "api/api_client.hpp"

namespace bangyi::testing {

// Every route the server registers is in docs/openapi.yaml, and the spec names no route that
// does not exist.
TEST(OpenApi, SpecAndRouterAgree) {
  TestServer server({}, false);
  std::string out;
  ASSERT_EQ(server.RunCli({"routes"}, &out), 0) << out;
  std::set<std::string> routes;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.find('[') == std::string::npos) {
      routes.insert(line);
    }
  }
  ASSERT_GT(routes.size(), 15u);

  YAML::Node spec = YAML::LoadFile(BANGYI_OPENAPI);
  EXPECT_EQ(spec["openapi"].as<std::string>().substr(0, 3), "3.1");
  std::set<std::string> documented;
  for (const auto& path : spec["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") {
        continue;
      }
      for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(method + " " + path.first.as<std::string>());
    }
  }
  for (const auto& r : routes) {
    EXPECT_TRUE(documented.count(r)) << "route missing from docs/openapi.yaml: " << r;
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(routes.count(d)) << "docs/openapi.yaml names a route the server lacks: " << d;
  }
}

}  // namespace bangyi::testing
