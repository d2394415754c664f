// A funded project through the real API, for tests that need one: a round with one reviewer is
// opened, an organization applies, the application is screened, scored, proposed, published
// and decided (the notice period is moved into the past with SQL, as time would), and the
// agreement is signed. Users are created with `prefix` so several flows can share a server.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "api/api_client.hpp"

namespace bangyi::testing {

// A complete application body that passes submission for a round with the default limits below.
nlohmann::json ApplicationBody(const std::string& project_name);
// A round body: budget 1,000,000, grants 10,000–200,000, window from 2026-01-01 to 2099.
nlohmann::json FlowRoundBody(const std::string& title, int min_reviewers);

struct FundedProject {
  long long round_id = 0, application_id = 0, project_id = 0;
};

// `admin` is a logged-in platform admin; `org_admin` a logged-in administrator of `org`.
FundedProject FundProject(const TestServer& server, Client& admin, Client& org_admin, const std::string& prefix,
                          const std::string& amount_yuan = "130000");

}  // namespace bangyi::testing
