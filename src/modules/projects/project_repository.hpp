// Named SQL for funded projects and the figures computed from their case work.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace bangyi::projects {

namespace project_state {
inline constexpr std::string_view kAgreementPending = "agreement_pending";
inline constexpr std::string_view kActive = "active";
inline constexpr std::string_view kSuspended = "suspended";  // a failed evaluation stops payment
inline constexpr std::string_view kFinished = "finished";
}  // namespace project_state

// A decided application becomes a project: its name, team, indicators and budget lines copied.
int64_t CreateFromApplication(db::Connection& c, int64_t round_id, int64_t application_id, int64_t organization_id,
                              const nlohmann::json& document, int64_t grant_cents);

std::optional<nlohmann::json> FindProject(db::Connection& c, int64_t id);
// organization_id / round_id 0 = any.
nlohmann::json ListProjects(db::Connection& c, int64_t organization_id, int64_t round_id, int64_t limit,
                            int64_t offset);
int64_t CountProjects(db::Connection& c, int64_t organization_id, int64_t round_id);
nlohmann::json ListBudgetLines(db::Connection& c, int64_t project_id);
bool SignAgreement(db::Connection& c, int64_t id, int64_t version, const std::string& signed_on,
                   const std::string& starts_on, const std::string& ends_on);

// The demo and closing use: sets the state without the agreement's rules.
void SetProjectState(db::Connection& c, int64_t id, std::string_view state);
// Links an organization's cases opened within [from, to] that have no project, and their service
// records within the same dates, to `project_id` (demo data; intake links new cases one by one).
void LinkCases(db::Connection& c, int64_t project_id, int64_t organization_id, const std::string& from,
               const std::string& to);

// Case-work figures of a project, per month ("YYYY-MM") and in total. Minutes stay minutes here.
struct MonthFigures {
  int64_t services = 0, service_minutes = 0, person_times = 0, persons = 0, households = 0, volunteer_minutes = 0;
  int64_t responses = 0, satisfied = 0;  // survey responses on "overall", and those 满意 or 非常满意
};
struct CaseFigures {
  std::vector<std::pair<std::string, MonthFigures>> months;  // ascending
  MonthFigures total;                                         // persons and households distinct overall
  std::vector<std::string> household_categories;              // stored JSON of each distinct household
};
// `from` / `to` ("YYYY-MM-DD", inclusive; "" = open) bound the service dates.
CaseFigures ComputeCaseFigures(db::Connection& c, int64_t project_id, const std::string& from = "",
                               const std::string& to = "");

}  // namespace bangyi::projects
