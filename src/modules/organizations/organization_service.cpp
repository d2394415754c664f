#include "modules/organizations/organization_service.hpp"

#include "modules/audit/audit_service.hpp"

namespace bangyi::organizations {

namespace {

core::Error DuplicateCreditCode() {
  return core::Error(core::ErrorKind::kConflict, "duplicate", "an organization with this credit code exists",
                     {{"credit_code", "duplicate"}});
}

audit::Changes Diff(const Organization& a, const Organization& b) {
  audit::Changes c;
  c.Diff("name", a.name, b.name)
      .Diff("credit_code", a.credit_code, b.credit_code)
      .Diff("org_type", a.org_type, b.org_type)
      .Diff("rating", a.rating, b.rating)
      .Diff("registered_district", a.registered_district, b.registered_district)
      .Diff("districts_served", a.districts_served, b.districts_served)
      .Diff("streets_served", a.streets_served, b.streets_served)
      .Diff("contact_name", a.contact_name, b.contact_name)
      .Diff("contact_phone", a.contact_phone, b.contact_phone)
      .Diff("contact_email", a.contact_email, b.contact_email)
      .Diff("address", a.address, b.address)
      .Diff("status", a.status, b.status);
  return c;
}

}  // namespace

Organization OrganizationService::Load(db::Connection& c, int64_t id) {
  auto org = FindOrganization(c, id);
  if (!org) {
    throw core::Error::NotFound("organization");
  }
  return *org;
}

nlohmann::json OrganizationService::List(const access::Principal& p, OrganizationFilter filter,
                                         const http::Page& page) {
  access::Require(p, access::permission::kOrganizationsRead);
  filter.all_visible = p.HasPlatform(access::permission::kOrganizationsRead);
  for (const auto& scope : p.ScopesFor(access::permission::kOrganizationsRead)) {
    if (scope.scope_type == access::kScopeOrganization) {
      filter.visible_ids.push_back(std::stoll(scope.scope_id));
    } else if (scope.scope_type != access::kScopePlatform) {
      filter.visible_areas.push_back(scope.scope_id);
    }
  }
  return db_.Read([&](db::Connection& c) {
    std::vector<nlohmann::json> data;
    for (const auto& o : ListOrganizations(c, filter, page.per, page.Offset())) {
      data.push_back(ToJson(o));
    }
    return http::ListBody(std::move(data), CountOrganizations(c, filter), page);
  });
}

nlohmann::json OrganizationService::Get(const access::Principal& p, int64_t id) {
  access::Require(p, access::permission::kOrganizationsRead);
  Organization org = db_.Read([&](db::Connection& c) { return Load(c, id); });
  access::Require(p, access::permission::kOrganizationsRead, org.Ref());
  return ToJson(org);
}

nlohmann::json OrganizationService::Create(const access::Principal& p, const nlohmann::json& body) {
  access::RequirePlatform(p, access::permission::kOrganizationsCreate);
  core::FieldErrors errors;
  Organization org = ParseOrganizationInput(body, divisions_, false, errors);
  errors.ThrowIfAny();
  int64_t id = db_.Write([&](db::Connection& c) {
    if (FindOrganizationIdByCreditCode(c, org.credit_code)) {
      throw DuplicateCreditCode();
    }
    int64_t new_id = 0;
    try {
      new_id = InsertOrganization(c, org);
    } catch (const db::ConstraintError& e) {
      if (e.kind() == db::ConstraintError::Kind::kUnique) {
        throw DuplicateCreditCode();  // another writer took the code since the check above
      }
      throw;
    }
    Organization empty;
    empty.status.clear();
    audit::Record(c, audit::ActorOf(p),
                  {"organization.create", "organization", std::to_string(new_id), new_id, Diff(empty, org).json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return ToJson(Load(c, id)); });
}

nlohmann::json OrganizationService::Update(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, access::permission::kOrganizationsUpdate);
  // Read, authorize and write in one transaction: the checks see exactly what is overwritten,
  // and the version condition in the UPDATE refuses anything that changed since the client read.
  db_.Write([&](db::Connection& c) {
    Organization before = Load(c, id);
    access::Require(p, access::permission::kOrganizationsUpdate, before.Ref());
    core::FieldErrors errors;
    Organization after = ParseOrganizationInput(body, divisions_, true, errors);
    errors.ThrowIfAny();
    after.id = id;
    if (!p.HasPlatform(access::permission::kOrganizationsUpdate) &&
        (after.credit_code != before.credit_code || after.rating != before.rating || after.status != before.status)) {
      throw core::Error::Forbidden("only the foundation may change the credit code, rating or status");
    }
    auto holder = FindOrganizationIdByCreditCode(c, after.credit_code);
    if (holder && *holder != id) {
      throw DuplicateCreditCode();
    }
    bool updated = false;
    try {
      updated = UpdateOrganization(c, after);
    } catch (const db::ConstraintError& e) {
      if (e.kind() == db::ConstraintError::Kind::kUnique) {
        throw DuplicateCreditCode();  // another writer took the code since the check above
      }
      throw;
    }
    if (!updated) {
      throw core::Error::Conflict("version_conflict",
                                  "the organization was changed by someone else; reload and try again");
    }
    audit::Record(c, audit::ActorOf(p), {"organization.update", "organization", std::to_string(id), id,
                                         Diff(before, after).json()});
  });
  return db_.Read([&](db::Connection& c) { return ToJson(Load(c, id)); });
}

}  // namespace bangyi::organizations
