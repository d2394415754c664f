#include "modules/accounts/user_service.hpp"

#include "core/crypto.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/password.hpp"
#include "modules/accounts/session_repository.hpp"
#include "modules/audit/audit_service.hpp"

namespace bangyi::accounts {

namespace {

constexpr std::string_view kOrganizationExists = "SELECT id FROM organizations WHERE id = $1";

nlohmann::json RolesJson(const std::vector<access::RoleAssignment>& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : roles) {
    out.push_back(r.role + "@" + r.scope_type + (r.scope_id.empty() ? "" : ":" + r.scope_id));
  }
  return out;
}

// What a scope check needs to know about an account: its organization.
access::OrganizationRef OrgRefOf(std::optional<int64_t> organization_id) {
  return access::OrganizationRef{organization_id.value_or(-1), "", {}};
}

}  // namespace

User UserService::Load(db::Connection& c, int64_t id) {
  auto user = FindUserById(c, id);
  if (!user) {
    throw core::Error::NotFound("user");
  }
  return *user;
}

nlohmann::json UserService::List(const access::Principal& p, UserFilter filter, const http::Page& page) {
  access::Require(p, access::permission::kUsersRead);
  if (!p.HasPlatform(access::permission::kUsersRead)) {
    // Organization-scoped readers see their own organization only.
    if (filter.organization_id && *filter.organization_id != p.organization_id.value_or(-1)) {
      access::Require(p, access::permission::kUsersRead, OrgRefOf(filter.organization_id));
    }
    filter.organization_id = p.organization_id.value_or(-1);
  }
  return db_.Read([&](db::Connection& c) {
    std::vector<nlohmann::json> data;
    for (const auto& u : ListUsers(c, filter, page.per, page.Offset())) {
      data.push_back(ToJson(u));
    }
    return http::ListBody(std::move(data), CountUsers(c, filter), page);
  });
}

nlohmann::json UserService::Get(const access::Principal& p, int64_t id) {
  access::Require(p, access::permission::kUsersRead);
  User user = db_.Read([&](db::Connection& c) { return Load(c, id); });
  if (user.id != p.user_id) {
    access::Require(p, access::permission::kUsersRead, OrgRefOf(user.organization_id));
  }
  return ToJson(user);
}

std::vector<access::RoleAssignment> UserService::ReadRoles(const nlohmann::json& raw,
                                                          std::optional<int64_t> organization_id,
                                                          core::FieldErrors& errors) {
  std::vector<access::RoleAssignment> roles;
  if (!raw.is_array() || raw.empty()) {
    errors.Add("roles", raw.is_null() || (raw.is_array() && raw.empty()) ? "required" : "invalid");
    return roles;
  }
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto& item = raw[i];
    std::string field = "roles[" + std::to_string(i) + "]";
    if (!item.is_object() || !item.contains("role") || !item["role"].is_string()) {
      errors.Add(field + ".role", "required");
      continue;
    }
    access::RoleAssignment r{item["role"].get<std::string>(), "", ""};
    if (!access::IsRole(r.role)) {
      errors.Add(field + ".role", "unknown");
      continue;
    }
    auto allowed = access::AllowedScopes(r.role);
    if (item.contains("scope_type") && !item["scope_type"].is_null() && !item["scope_type"].is_string()) {
      errors.Add(field + ".scope_type", "invalid");
      continue;
    }
    r.scope_type = item.contains("scope_type") && item["scope_type"].is_string() ? item["scope_type"].get<std::string>()
                                                                                : allowed.front();
    if (std::find(allowed.begin(), allowed.end(), r.scope_type) == allowed.end()) {
      errors.Add(field + ".scope_type", "invalid");
      continue;
    }
    const auto& sid = item.contains("scope_id") ? item["scope_id"] : nlohmann::json();
    std::string scope_id = sid.is_string() ? sid.get<std::string>() : sid.is_number_integer() ? std::to_string(sid.get<int64_t>()) : "";
    if (r.scope_type == access::kScopeOrganization) {
      // Organization roles are held in the account's own organization.
      if (!organization_id) {
        errors.Add("organization_id", "required");
        continue;
      }
      if (!scope_id.empty() && scope_id != std::to_string(*organization_id)) {
        errors.Add(field + ".scope_id", "invalid");
        continue;
      }
      scope_id = std::to_string(*organization_id);
    } else if (r.scope_type == access::kScopeDistrict && !divisions_.IsDistrict(scope_id)) {
      errors.Add(field + ".scope_id", scope_id.empty() ? "required" : "unknown");
      continue;
    } else if (r.scope_type == access::kScopeStreet && !divisions_.IsStreet(scope_id)) {
      errors.Add(field + ".scope_id", scope_id.empty() ? "required" : "unknown");
      continue;
    } else if (r.scope_type == access::kScopePlatform) {
      scope_id.clear();
    }
    r.scope_id = scope_id;
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) {
      roles.push_back(r);
    }
  }
  return roles;
}

void UserService::RequireManage(const access::Principal& p, std::optional<int64_t> organization_id,
                                const std::vector<access::RoleAssignment>& roles) {
  if (p.HasPlatform(access::permission::kUsersManage)) {
    return;
  }
  access::Require(p, access::permission::kUsersManage, OrgRefOf(organization_id));
  for (const auto& r : roles) {
    if (!access::IsOrganizationStaffRole(r.role)) {
      throw core::Error::Forbidden("an organization administrator cannot grant the role " + r.role);
    }
  }
}

nlohmann::json UserService::Create(const access::Principal& p, const nlohmann::json& body) {
  access::Require(p, access::permission::kUsersManage);
  core::JsonReader in(body);
  std::string username = NormalizeUsername(in.String("username", true, 64));
  if (!username.empty() && !CheckUsername(username).empty()) {
    in.Add("username", "format");
  }
  std::string display_name = in.String("display_name", true, 64);
  std::optional<std::string> password;
  if (in.Has("password")) {
    const auto& raw = in.Raw("password");
    if (!raw.is_string()) {
      in.Add("password", "invalid");
    } else if (auto code = CheckPasswordPolicy(raw.get<std::string>(), username); !code.empty()) {
      in.Add("password", code);
    } else {
      password = raw.get<std::string>();
    }
  }
  std::optional<int64_t> organization_id = in.Int("organization_id", false, 1, INT64_MAX);
  auto roles = ReadRoles(in.Raw("roles"), organization_id, in.errors());
  in.ThrowIfAny();
  RequireManage(p, organization_id, roles);

  // Hash outside the write lock: Argon2id takes tens of milliseconds.
  std::optional<std::string> hash = password ? std::optional(core::HashPassword(*password)) : std::nullopt;
  int64_t id = db_.Write([&](db::Connection& c) {
    if (organization_id && !c.QueryOne(kOrganizationExists, {*organization_id})) {
      throw core::Error::Validation({{"organization_id", "unknown"}});
    }
    if (FindUserByUsername(c, username)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "username already taken", {{"username", "duplicate"}});
    }
    User u;
    u.username = username;
    u.display_name = display_name;
    u.password_hash = hash;
    u.organization_id = organization_id;
    u.status = "active";
    u.must_change_password = hash.has_value();  // an administrator chose it: the person sets their own
    int64_t new_id = 0;
    try {
      new_id = InsertUser(c, u);
    } catch (const db::ConstraintError& e) {
      if (e.kind() == db::ConstraintError::Kind::kUnique) {
        throw core::Error(core::ErrorKind::kConflict, "duplicate", "username already taken", {{"username", "duplicate"}});
      }
      throw;
    }
    ReplaceRoles(c, new_id, organization_id, roles);
    audit::Changes changes;
    changes.Set("username", username).Set("display_name", display_name).Set("organization_id", organization_id);
    changes.Set("roles", RolesJson(roles));
    if (hash) {
      changes.Sensitive("password");
    }
    audit::Record(c, audit::ActorOf(p), {"user.create", "user", std::to_string(new_id), organization_id, changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return ToJson(Load(c, id)); });
}

nlohmann::json UserService::Update(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, access::permission::kUsersManage);
  // Read, authorize and write in one transaction, so the checks see what is written over.
  db_.Write([&](db::Connection& c) {
    User before = Load(c, id);
    // The account's current roles count too: an organization administrator cannot touch an
    // account that holds a platform role, even one filed under their organization.
    RequireManage(p, before.organization_id, before.roles);
    core::JsonReader in(body);
    User after = before;
    if (in.Has("display_name")) {
      after.display_name = in.String("display_name", true, 64);
    }
    if (in.Has("status")) {
      after.status = in.String("status", true, 16);
      if (after.status != "active" && after.status != "disabled") {
        in.Add("status", "invalid");
      }
    }
    bool roles_given = in.Has("roles");
    if (roles_given) {
      after.roles = ReadRoles(in.Raw("roles"), before.organization_id, in.errors());
    }
    in.ThrowIfAny();
    if (roles_given) {
      RequireManage(p, before.organization_id, after.roles);
    }
    if (id == p.user_id && (after.status != "active" || (roles_given && after.roles != before.roles))) {
      throw core::Error::Conflict("conflict", "you cannot disable yourself or change your own roles");
    }
    if (!UpdateUser(c, after)) {
      throw core::Error::Conflict("version_conflict", "the account was changed by someone else; reload and try again");
    }
    audit::Changes changes;
    changes.Diff("display_name", before.display_name, after.display_name).Diff("status", before.status, after.status);
    if (!changes.empty()) {
      audit::Record(c, audit::ActorOf(p), {"user.update", "user", std::to_string(id), before.organization_id, changes.json()});
    }
    if (roles_given && after.roles != before.roles) {
      ReplaceRoles(c, id, before.organization_id, after.roles);
      audit::Record(c, audit::ActorOf(p),
                    {"user.roles_changed", "user", std::to_string(id), before.organization_id,
                     audit::Changes().Diff("roles", RolesJson(before.roles), RolesJson(after.roles)).json()});
    }
    if (after.status == "disabled") {
      DeleteUserSessions(c, id);
      RevokeUserApiTokens(c, id);
    }
  });
  return db_.Read([&](db::Connection& c) { return ToJson(Load(c, id)); });
}

void UserService::ResetPassword(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, access::permission::kUsersManage);
  User user = db_.Read([&](db::Connection& c) { return Load(c, id); });
  RequireManage(p, user.organization_id, user.roles);
  if (id == p.user_id) {
    throw core::Error::Conflict("conflict", "change your own password with your current one (POST /api/v1/auth/password)");
  }
  core::JsonReader in(body);
  const auto& raw = in.Raw("new_password");
  if (!raw.is_string() || raw.get<std::string>().empty()) {
    in.Add("new_password", raw.is_null() || raw.is_string() ? "required" : "invalid");
  } else if (auto code = CheckPasswordPolicy(raw.get<std::string>(), user.username); !code.empty()) {
    in.Add("new_password", code);
  }
  in.ThrowIfAny();
  std::string hash = core::HashPassword(raw.get<std::string>());  // slow: outside the write lock
  db_.Write([&](db::Connection& c) {
    User current = Load(c, id);
    RequireManage(p, current.organization_id, current.roles);
    SetPassword(c, id, hash, true);
    DeleteUserSessions(c, id);
    RevokeUserApiTokens(c, id);
    audit::Record(c, audit::ActorOf(p),
                  {"user.password_reset", "user", std::to_string(id), current.organization_id,
                   audit::Changes().Sensitive("password").json()});
  });
}

}  // namespace bangyi::accounts
