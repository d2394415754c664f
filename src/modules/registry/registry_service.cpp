#include "modules/registry/registry_service.hpp"

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/registry/registry.hpp"

namespace bangyi::registry {

namespace {

constexpr std::string_view kIdColumn = kIdNumberAad;
constexpr std::string_view kPhoneColumn = kPhoneAad;
constexpr std::string_view kConditionsColumn = kConditionsAad;
constexpr std::string_view kAddressColumn = kAddressAad;


}  // namespace

int64_t RegistryService::CallerOrganization(const access::Principal& p, std::string_view perm) const {
  access::Require(p, perm);
  if (!p.organization_id) {
    throw core::Error::Forbidden("the registry is kept by organizations; this account belongs to none");
  }
  access::Require(p, perm, access::OrganizationOnly(*p.organization_id));
  return *p.organization_id;
}

nlohmann::json RegistryService::HouseholdJson(const HouseholdRow& h) const {
  const auto* district = divisions_.Find(h.district_code);
  const auto* street = divisions_.Find(h.street_code);
  auto categories = nlohmann::json::parse(h.categories, nullptr, false);
  return {{"id", h.id},
          {"organization_id", h.organization_id},
          {"district_code", h.district_code},
          {"district_name", district != nullptr ? district->name : ""},
          {"street_code", h.street_code},
          {"street_name", street != nullptr ? street->name : ""},
          {"community", h.community},
          {"address_detail", h.address_masked},
          {"categories", categories.is_discarded() ? nlohmann::json::array() : categories},
          {"notes", h.notes},
          {"version", h.version},
          {"created_at", h.created_at},
          {"updated_at", h.updated_at}};
}

nlohmann::json RegistryService::PersonJson(const PersonRow& p) const {
  std::string today = core::TodayShanghai();
  int age = AgeOn(p.birth_date, today);
  return {{"id", p.id},
          {"organization_id", p.organization_id},
          {"household_id", p.household_id},
          {"relation", p.relation},
          {"name", p.name},
          {"gender", p.gender},
          {"birth_date", p.birth_date},
          {"age", age},
          {"is_minor", age < 18},
          {"is_elderly", age >= 60},
          {"id_number", p.id_number_masked},
          {"phone", p.phone_masked},
          {"has_conditions", !p.conditions_enc.empty()},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

nlohmann::json RegistryService::CreateHousehold(const access::Principal& p, const nlohmann::json& body) {
  int64_t org = CallerOrganization(p, access::permission::kHouseholdsWrite);
  core::FieldErrors errors;
  HouseholdInput in = ParseHouseholdInput(body, divisions_, errors);
  errors.ThrowIfAny();
  HouseholdRow row;
  row.organization_id = org;
  row.district_code = in.district_code;
  row.street_code = in.street_code;
  row.community = in.community;
  SealHousehold(row, in.address_detail);
  row.categories = in.categories.dump();
  row.notes = in.notes;
  int64_t id = db_.Write([&](db::Connection& c) {
    int64_t new_id = InsertHousehold(c, row);
    audit::Changes changes;
    changes.Set("street_code", row.street_code).Set("community", row.community).Set("categories", in.categories);
    if (!in.address_detail.empty()) {
      changes.Sensitive("address_detail");
    }
    audit::Record(c, audit::ActorOf(p), {"household.create", "household", std::to_string(new_id), org, changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return HouseholdJson(*FindHousehold(c, id)); });
}

void RegistryService::SealHousehold(HouseholdRow& row, const std::string& address) const {
  row.address_enc = address.empty() ? "" : cipher_.Encrypt(address, kAddressColumn);
  row.address_masked = address.empty() ? "" : core::MaskText(address);
}

void RegistryService::SealPerson(PersonRow& row, const PersonInput& in) const {
  row.id_number_enc = in.id_number.empty() ? "" : cipher_.Encrypt(in.id_number, kIdColumn);
  row.id_number_bidx =
      in.id_number.empty() ? std::nullopt : std::optional(core::BlindIndex(blind_key_, kIdIndexDomain, in.id_number));
  row.id_number_masked = in.id_number.empty() ? "" : core::MaskIdNumber(in.id_number);
  row.phone_enc = in.phone.empty() ? "" : cipher_.Encrypt(in.phone, kPhoneColumn);
  row.phone_masked = in.phone.empty() ? "" : core::MaskPhone(in.phone);
  row.conditions_enc = in.conditions.empty() ? "" : cipher_.Encrypt(in.conditions.dump(), kConditionsColumn);
}

HouseholdRow RegistryService::AuthorizedHousehold(const access::Principal& p, int64_t id, std::string_view perm) {
  access::Require(p, perm);
  auto household = db_.Read([&](db::Connection& c) {
    auto h = FindHousehold(c, id);
    return h && !MergedInto(c, id) ? h : std::nullopt;
  });
  if (!household) {
    throw core::Error::NotFound("household");
  }
  access::Require(p, perm, access::OrganizationOnly(household->organization_id));
  return *household;
}

nlohmann::json RegistryService::ListHouseholds(const access::Principal& p, HouseholdFilter filter,
                                               const http::Page& page) {
  filter.organization_id = CallerOrganization(p, access::permission::kHouseholdsRead);
  core::FieldErrors errors;
  if (!filter.category.empty() && !IsCategory(filter.category)) {
    errors.Add("category", "invalid");
  }
  if (core::Utf8Length(filter.q) > 50) {
    errors.Add("q", "too_long");
  }
  errors.ThrowIfAny();
  return db_.Read([&](db::Connection& c) {
    std::vector<nlohmann::json> data;
    for (const auto& h : registry::ListHouseholds(c, filter, page.per, page.Offset())) {
      data.push_back(HouseholdJson(h));
    }
    return http::ListBody(std::move(data), CountHouseholds(c, filter), page);
  });
}

nlohmann::json RegistryService::UpdateHousehold(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  HouseholdRow before = AuthorizedHousehold(p, id, access::permission::kHouseholdsWrite);
  core::FieldErrors errors;
  HouseholdInput in = ParseHouseholdInput(body, divisions_, errors);
  core::JsonReader extra(body);
  auto version = extra.Int("version", true, 1, INT64_MAX);
  for (const auto& e : extra.errors().list()) {
    errors.Add(e.field, e.code);
  }
  errors.ThrowIfAny();
  HouseholdRow row = before;
  row.district_code = in.district_code;
  row.street_code = in.street_code;
  row.community = in.community;
  row.categories = in.categories.dump();
  row.notes = in.notes;
  bool address_given = body.contains("address_detail");
  if (address_given) {
    SealHousehold(row, in.address_detail);
  }
  db_.Write([&](db::Connection& c) {
    if (!registry::UpdateHousehold(c, row, *version)) {
      throw core::Error(core::ErrorKind::kConflict, "version_conflict", "the household changed meanwhile; reload it",
                        {{"version", "stale"}});
    }
    audit::Changes changes;
    changes.Diff("street_code", before.street_code, row.street_code)
        .Diff("community", before.community, row.community)
        .Diff("categories", nlohmann::json::parse(before.categories), in.categories)
        .Diff("notes", before.notes, row.notes);
    if (address_given) {
      changes.Sensitive("address_detail");
    }
    audit::Record(c, audit::ActorOf(p), {"household.update", "household", std::to_string(id), row.organization_id,
                                         changes.json()});
  });
  return GetHousehold(p, id);
}

nlohmann::json RegistryService::UpdatePerson(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, access::permission::kHouseholdsWrite);
  auto before = db_.Read([&](db::Connection& c) { return FindPerson(c, id); });
  if (!before) {
    throw core::Error::NotFound("person");
  }
  access::Require(p, access::permission::kHouseholdsWrite, access::OrganizationOnly(before->organization_id));
  // Omitted sensitive fields keep their stored values, and the stored ID still checks the new
  // birth date and gender.
  nlohmann::json merged = body;
  auto keep = [&](const char* field, const std::string& stored, std::string_view column) {
    if (!body.contains(field) && !stored.empty()) {
      auto clear = cipher_.Decrypt(stored, column);
      if (!clear) {
        throw std::runtime_error("cannot decrypt " + std::string(column) + " of person " + std::to_string(id));
      }
      merged[field] = std::string(column) == kConditionsColumn ? nlohmann::json::parse(*clear) : nlohmann::json(*clear);
    }
  };
  keep("id_number", before->id_number_enc, kIdColumn);
  keep("phone", before->phone_enc, kPhoneColumn);
  keep("conditions", before->conditions_enc, kConditionsColumn);
  core::FieldErrors errors;
  PersonInput in = ParsePersonInput(merged, core::TodayShanghai(), errors);
  core::JsonReader extra(body);
  auto version = extra.Int("version", true, 1, INT64_MAX);
  for (const auto& e : extra.errors().list()) {
    errors.Add(e.field, e.code);
  }
  errors.ThrowIfAny();
  PersonRow row = *before;
  row.relation = in.relation;
  row.name = in.name;
  row.gender = in.gender;
  row.birth_date = in.birth_date;
  SealPerson(row, in);
  db_.Write([&](db::Connection& c) {
    if (row.id_number_bidx && row.id_number_bidx != before->id_number_bidx) {
      for (const auto& other : FindPersonsByIdIndex(c, row.organization_id, *row.id_number_bidx)) {
        if (other.id != id) {
          throw core::Error(core::ErrorKind::kConflict, "duplicate", "this organization already registered this person",
                            {{"id_number", "duplicate"}});
        }
      }
    }
    if (!registry::UpdatePerson(c, row, *version)) {
      throw core::Error(core::ErrorKind::kConflict, "version_conflict", "the person changed meanwhile; reload it",
                        {{"version", "stale"}});
    }
    audit::Changes changes;
    changes.Diff("relation", before->relation, row.relation)
        .Diff("name", before->name, row.name)
        .Diff("gender", before->gender, row.gender)
        .Diff("birth_date", before->birth_date, row.birth_date);
    for (const char* field : {"id_number", "phone", "conditions"}) {
      if (body.contains(field)) {
        changes.Sensitive(field);
      }
    }
    audit::Record(c, audit::ActorOf(p), {"person.update", "person", std::to_string(id), row.organization_id,
                                         changes.json()});
  });
  return db_.Read([&](db::Connection& c) { return PersonJson(*FindPerson(c, id)); });
}

nlohmann::json RegistryService::Finances(const access::Principal& p, int64_t household_id) {
  AuthorizedHousehold(p, household_id, access::permission::kHouseholdsRead);
  return db_.Read([&](db::Connection& c) {
    nlohmann::json records = ListFinances(c, household_id);
    for (auto& r : records) {
      r["amount_yuan"] = core::FormatYuan(r["amount_cents"].get<int64_t>());
      r.erase("amount_cents");
    }
    int64_t members = static_cast<int64_t>(ListMembers(c, household_id).size());
    nlohmann::json months = nlohmann::json::array();
    for (const auto& m : FinanceMonths(c, household_id)) {
      int64_t income = m["income_cents"].get<int64_t>();
      months.push_back({{"period_month", m["period_month"]},
                        {"income_yuan", core::FormatYuan(income)},
                        {"expenditure_yuan", core::FormatYuan(m["expenditure_cents"].get<int64_t>())},
                        {"members", members},
                        {"income_per_member_yuan", members > 0 ? nlohmann::json(core::FormatYuan(income / members))
                                                               : nlohmann::json(nullptr)}});
    }
    return nlohmann::json{{"data", records}, {"months", months}};
  });
}

nlohmann::json RegistryService::AddFinance(const access::Principal& p, int64_t household_id, const nlohmann::json& body) {
  HouseholdRow household = AuthorizedHousehold(p, household_id, access::permission::kHouseholdsWrite);
  FinanceInput in = ParseFinanceInput(body, core::TodayShanghai());
  db_.Write([&](db::Connection& c) {
    int64_t id = InsertFinance(c, FinanceRow{household.organization_id, household_id, in.kind, in.category,
                                             in.period_month, in.note, in.amount_cents, p.user_id});
    audit::Changes changes;
    changes.Set("household_id", household_id).Set("kind", in.kind).Set("category", in.category)
        .Set("period_month", in.period_month).Set("amount_yuan", core::FormatYuan(in.amount_cents));
    audit::Record(c, audit::ActorOf(p), {"household.finance_add", "household", std::to_string(household_id),
                                         household.organization_id, changes.json()});
    return id;
  });
  return Finances(p, household_id);
}

nlohmann::json RegistryService::Merge(const access::Principal& p, int64_t household_id, const nlohmann::json& body) {
  HouseholdRow into = AuthorizedHousehold(p, household_id, access::permission::kHouseholdsWrite);
  core::JsonReader in(body);
  auto from_id = in.Int("from_household_id", true, 1, INT64_MAX);
  in.ThrowIfAny();
  if (*from_id == household_id) {
    throw core::Error::Validation({{"from_household_id", "same_household"}});
  }
  HouseholdRow from = AuthorizedHousehold(p, *from_id, access::permission::kHouseholdsWrite);
  if (from.organization_id != into.organization_id) {
    throw core::Error::Validation({{"from_household_id", "other_organization"}});
  }
  db_.Write([&](db::Connection& c) {
    if (MergedInto(c, *from_id) || MergedInto(c, household_id)) {
      throw core::Error::Conflict("already_merged", "one of the households was merged meanwhile");
    }
    if (HasOpenCase(c, *from_id) && HasOpenCase(c, household_id)) {
      throw core::Error::Conflict("open_cases_both", "both households have an open case; close or transfer one first");
    }
    MergeHouseholds(c, *from_id, household_id);
    audit::Record(c, audit::ActorOf(p), {"household.merge", "household", std::to_string(household_id),
                                         into.organization_id, {{"merged_from", {{"from", nullptr}, {"to", *from_id}}}}});
    audit::Record(c, audit::ActorOf(p), {"household.merged_into", "household", std::to_string(*from_id),
                                         into.organization_id, {{"merged_into", {{"from", nullptr}, {"to", household_id}}}}});
  });
  return GetHousehold(p, household_id);
}

std::optional<nlohmann::json> RegistryService::HouseholdView(db::Connection& c, int64_t id) const {
  auto h = FindHousehold(c, id);
  if (!h) {
    return std::nullopt;
  }
  nlohmann::json out = HouseholdJson(*h);
  auto merged = MergedInto(c, id);
  out["merged_into_id"] = merged ? nlohmann::json(*merged) : nlohmann::json(nullptr);
  out["members"] = nlohmann::json::array();
  for (const auto& m : ListMembers(c, id)) {
    out["members"].push_back(PersonJson(m));
  }
  return out;
}

std::string RegistryService::IdIndex(const std::string& normalized_id_number) const {
  return core::BlindIndex(blind_key_, kIdIndexDomain, normalized_id_number);
}

nlohmann::json RegistryService::GetHousehold(const access::Principal& p, int64_t id) {
  access::Require(p, access::permission::kHouseholdsRead);
  auto view = db_.Read([&](db::Connection& c) { return HouseholdView(c, id); });
  if (!view) {
    throw core::Error::NotFound("household");
  }
  access::Require(p, access::permission::kHouseholdsRead, access::OrganizationOnly((*view)["organization_id"].get<int64_t>()));
  return *view;
}

nlohmann::json RegistryService::AddPerson(const access::Principal& p, int64_t household_id, const nlohmann::json& body) {
  access::Require(p, access::permission::kHouseholdsWrite);
  auto household = db_.Read([&](db::Connection& c) { return FindHousehold(c, household_id); });
  if (!household) {
    throw core::Error::NotFound("household");
  }
  access::Require(p, access::permission::kHouseholdsWrite, access::OrganizationOnly(household->organization_id));
  core::FieldErrors errors;
  PersonInput in = ParsePersonInput(body, core::TodayShanghai(), errors);
  errors.ThrowIfAny();
  PersonRow row;
  row.organization_id = household->organization_id;
  row.household_id = household_id;
  row.relation = in.relation;
  row.name = in.name;
  row.gender = in.gender;
  row.birth_date = in.birth_date;
  SealPerson(row, in);
  int64_t id = db_.Write([&](db::Connection& c) {
    if (row.id_number_bidx && !FindPersonsByIdIndex(c, row.organization_id, *row.id_number_bidx).empty()) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "this organization already registered this person",
                        {{"id_number", "duplicate"}});
    }
    int64_t new_id = InsertPerson(c, row);
    audit::Changes changes;
    changes.Set("name", row.name).Set("relation", row.relation).Set("household_id", household_id);
    if (!in.id_number.empty()) {
      changes.Sensitive("id_number");
    }
    if (!in.phone.empty()) {
      changes.Sensitive("phone");
    }
    if (!in.conditions.empty()) {
      changes.Sensitive("conditions");
    }
    audit::Record(c, audit::ActorOf(p), {"person.create", "person", std::to_string(new_id), row.organization_id,
                                         changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return PersonJson(*FindPerson(c, id)); });
}

nlohmann::json RegistryService::GetPerson(const access::Principal& p, int64_t id) {
  access::Require(p, access::permission::kHouseholdsRead);
  auto person = db_.Read([&](db::Connection& c) { return FindPerson(c, id); });
  if (!person) {
    throw core::Error::NotFound("person");
  }
  access::Require(p, access::permission::kHouseholdsRead, access::OrganizationOnly(person->organization_id));
  return PersonJson(*person);
}

nlohmann::json RegistryService::Reveal(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, access::permission::kPersonsReveal);
  auto person = db_.Read([&](db::Connection& c) { return FindPerson(c, id); });
  if (!person) {
    throw core::Error::NotFound("person");
  }
  access::Require(p, access::permission::kPersonsReveal, access::OrganizationOnly(person->organization_id));
  core::JsonReader in(body);
  std::string reason = in.String("reason", true, 200);
  if (!reason.empty() && core::Utf8Length(reason) < 2) {
    in.Add("reason", "too_short");
  }
  std::vector<std::string> fields = in.Has("fields") ? in.StringArray("fields", 3, 16)
                                                     : std::vector<std::string>{"id_number", "phone", "conditions"};
  for (const auto& f : fields) {
    if (f != "id_number" && f != "phone" && f != "conditions") {
      in.Add("fields", "invalid");
      break;
    }
  }
  in.ThrowIfAny();
  nlohmann::json out = {{"id", id}};
  auto open = [&](const std::string& stored, std::string_view column) -> nlohmann::json {
    if (stored.empty()) {
      return nullptr;
    }
    auto clear = cipher_.Decrypt(stored, column);
    if (!clear) {
      throw std::runtime_error("cannot decrypt " + std::string(column) + " of person " + std::to_string(id));
    }
    return *clear;
  };
  for (const auto& f : fields) {
    if (f == "id_number") {
      out["id_number"] = open(person->id_number_enc, kIdColumn);
    } else if (f == "phone") {
      out["phone"] = open(person->phone_enc, kPhoneColumn);
    } else {
      auto text = open(person->conditions_enc, kConditionsColumn);
      out["conditions"] = text.is_null() ? nlohmann::json::object() : nlohmann::json::parse(text.get<std::string>());
    }
  }
  // The reveal is recorded before the values leave: no audit row, no values.
  db_.Write([&](db::Connection& c) {
    audit::Record(c, audit::ActorOf(p),
                  {"person.reveal", "person", std::to_string(id), person->organization_id,
                   {{"fields", {{"from", nullptr}, {"to", fields}}}, {"reason", {{"from", nullptr}, {"to", reason}}}}});
  });
  return out;
}

namespace {

// The person, after checking `perm` covers their organization.
PersonRow AuthorizedPerson(db::Database& db, const access::Principal& p, int64_t id, std::string_view perm) {
  access::Require(p, perm);
  auto person = db.Read([&](db::Connection& c) { return FindPerson(c, id); });
  if (!person) {
    throw core::Error::NotFound("person");
  }
  access::Require(p, perm, access::OrganizationOnly(person->organization_id));
  return *person;
}

}  // namespace

nlohmann::json RegistryService::Consents(const access::Principal& p, int64_t person_id) {
  AuthorizedPerson(db_, p, person_id, access::permission::kHouseholdsRead);
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListConsents(c, person_id)}}; });
}

nlohmann::json RegistryService::AddConsent(const access::Principal& p, int64_t person_id, const nlohmann::json& body) {
  PersonRow person = AuthorizedPerson(db_, p, person_id, access::permission::kHouseholdsWrite);
  core::JsonReader in(body);
  ConsentRow row;
  row.organization_id = person.organization_id;
  row.person_id = person_id;
  row.type = in.OneOf("type", true, {"service", "data_sharing", "story_publication"});
  row.given_on = in.Date("given_on", true);
  if (!row.given_on.empty() && row.given_on > core::TodayShanghai()) {
    in.Add("given_on", "in_future");
  }
  row.note = in.String("note", false, 500);
  in.ThrowIfAny();
  row.recorded_by = p.user_id;
  int64_t id = db_.Write([&](db::Connection& c) {
    if (HasActiveConsent(c, person_id, row.type)) {
      throw core::Error(core::ErrorKind::kConflict, "duplicate", "this consent is already given and not withdrawn",
                        {{"type", "duplicate"}});
    }
    int64_t new_id = InsertConsent(c, row);
    audit::Changes changes;
    changes.Set("person_id", person_id).Set("type", row.type).Set("given_on", row.given_on);
    audit::Record(c, audit::ActorOf(p), {"consent.give", "consent", std::to_string(new_id), row.organization_id,
                                         changes.json()});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return *FindConsent(c, id); });
}

nlohmann::json RegistryService::WithdrawConsent(const access::Principal& p, int64_t consent_id,
                                                const nlohmann::json& body) {
  access::Require(p, access::permission::kHouseholdsWrite);
  auto consent = db_.Read([&](db::Connection& c) { return FindConsent(c, consent_id); });
  if (!consent) {
    throw core::Error::NotFound("consent");
  }
  int64_t org = (*consent)["organization_id"].get<int64_t>();
  access::Require(p, access::permission::kHouseholdsWrite, access::OrganizationOnly(org));
  core::JsonReader in(body);
  std::string on = in.Date("withdrawn_on", true);
  if (!on.empty() && (on < (*consent)["given_on"].get<std::string>() || on > core::TodayShanghai())) {
    in.Add("withdrawn_on", "out_of_range");
  }
  std::string reason = in.String("reason", false, 500);
  in.ThrowIfAny();
  db_.Write([&](db::Connection& c) {
    if (!registry::WithdrawConsent(c, consent_id, on, reason)) {
      throw core::Error::Conflict("already_withdrawn", "this consent was already withdrawn");
    }
    audit::Changes changes;
    changes.Set("withdrawn_on", on).Set("reason", reason);
    audit::Record(c, audit::ActorOf(p), {"consent.withdraw", "consent", std::to_string(consent_id), org,
                                         changes.json()});
  });
  return db_.Read([&](db::Connection& c) { return *FindConsent(c, consent_id); });
}

nlohmann::json RegistryService::FindByIdNumber(const access::Principal& p, const std::string& id_number) {
  int64_t org = CallerOrganization(p, access::permission::kHouseholdsRead);
  std::string why;
  auto parsed = core::ParseResidentId(id_number, core::TodayShanghai(), &why);
  if (!parsed) {
    throw core::Error::Validation({{"id_number", why == "checksum" ? "checksum" : why == "format" ? "format" : "invalid"}});
  }
  std::string bidx = core::BlindIndex(blind_key_, kIdIndexDomain, parsed->normalized);
  return db_.Read([&](db::Connection& c) {
    std::vector<nlohmann::json> data;
    for (const auto& person : FindPersonsByIdIndex(c, org, bidx)) {
      data.push_back(PersonJson(person));
    }
    int64_t n = static_cast<int64_t>(data.size());
    return http::ListBody(std::move(data), n, http::Page{1, http::kMaxPer});
  });
}

}  // namespace bangyi::registry
