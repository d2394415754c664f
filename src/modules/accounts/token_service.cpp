#include "modules/accounts/token_service.hpp"

#include "core/crypto.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/auth_service.hpp"
#include "modules/accounts/session_repository.hpp"
#include "modules/audit/audit_service.hpp"

namespace bangyi::accounts {

namespace {

nlohmann::json ToJson(const ApiToken& t) {
  return {{"id", t.id},           {"name", t.name},
          {"scopes", t.scopes},   {"user_id", t.user_id},
          {"created_at", t.created_at}, {"last_used_at", t.last_used_at},
          {"revoked_at", t.revoked_at}};
}

}  // namespace

nlohmann::json TokenService::List(const access::Principal& p, const http::Page& page) {
  access::RequirePlatform(p, access::permission::kApiTokensManage);
  return db_.Read([&](db::Connection& c) {
    std::vector<nlohmann::json> data;
    for (const auto& t : ListApiTokens(c, page.per, page.Offset())) {
      data.push_back(ToJson(t));
    }
    return http::ListBody(std::move(data), CountApiTokens(c), page);
  });
}

nlohmann::json TokenService::Create(const access::Principal& p, const nlohmann::json& body) {
  access::RequirePlatform(p, access::permission::kApiTokensManage);
  if (p.token_scopes) {
    throw core::Error::Forbidden("an API token cannot create API tokens");
  }
  core::JsonReader in(body);
  std::string name = in.String("name", true, 100);
  auto scopes = in.StringArray("scopes", 32, 64);
  if (!in.Has("scopes") || (scopes.empty() && in.errors().empty())) {
    in.Add("scopes", "required");
  }
  auto held = p.Permissions();
  for (const auto& s : scopes) {
    if (held.count(s) == 0) {
      in.Add("scopes", "invalid");  // unknown, or more than the creator holds
      break;
    }
  }
  in.ThrowIfAny();
  std::string token = std::string(kApiTokenPrefix) + core::RandomToken(32);
  int64_t id = db_.Write([&](db::Connection& c) {
    int64_t new_id = InsertApiToken(c, p.user_id, p.organization_id, name, core::Sha256Hex(token), scopes);
    audit::Record(c, audit::ActorOf(p),
                  {"api_token.create", "api_token", std::to_string(new_id), p.organization_id,
                   audit::Changes().Set("name", name).Set("scopes", scopes).Sensitive("token").json()});
    return new_id;
  });
  auto created = db_.Read([&](db::Connection& c) { return FindApiToken(c, id); });
  nlohmann::json out = ToJson(*created);
  out["token"] = token;
  return out;
}

void TokenService::Revoke(const access::Principal& p, int64_t id) {
  access::RequirePlatform(p, access::permission::kApiTokensManage);
  db_.Write([&](db::Connection& c) {
    auto t = FindApiToken(c, id);
    if (!t) {
      throw core::Error::NotFound("API token");
    }
    if (t->revoked_at) {
      throw core::Error::Conflict("conflict", "the token is already revoked");
    }
    RevokeApiToken(c, id);
    audit::Record(c, audit::ActorOf(p),
                  {"api_token.revoke", "api_token", std::to_string(id), std::nullopt,
                   audit::Changes().Diff("revoked", false, true).json()});
  });
}

}  // namespace bangyi::accounts
