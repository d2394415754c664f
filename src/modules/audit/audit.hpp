// Audit events: who did what to which record, when, from where, and which fields changed.
// Written with the connection of the change's own transaction, so an event exists exactly when
// its change was committed. Values of sensitive fields are never recorded, only that they changed.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_optional.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace bangyi::audit {

struct Actor {
  std::optional<int64_t> user_id;
  std::string username;
  std::string request_id;
  std::string ip;
};

// Builds the "changes" object: {"field": {"from": old, "to": new}}.
class Changes {
 public:
  // Adds the field when the values differ.
  Changes& Diff(const std::string& field, const nlohmann::json& from, const nlohmann::json& to);
  // Records that a sensitive field changed, without its values.
  Changes& Sensitive(const std::string& field);
  // Adds a value for a newly created record.
  Changes& Set(const std::string& field, const nlohmann::json& to);
  bool empty() const { return json_.empty(); }
  const nlohmann::json& json() const { return json_; }

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

struct Event {
  std::string action;       // "organization.create", "auth.login_failed", …
  std::string entity_type;  // "organization", "user", "session", …
  std::optional<std::string> entity_id;
  std::optional<int64_t> organization_id;
  nlohmann::json changes = nlohmann::json::object();
};

// Appends one event using `c` (inside the caller's transaction).
void Record(db::Connection& c, const Actor& actor, const Event& event);

}  // namespace bangyi::audit
