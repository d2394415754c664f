#include "modules/surveys/survey_service.hpp"

#include <map>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/kpis/rollup.hpp"
#include "modules/surveys/qr_code.hpp"
#include "modules/surveys/survey.hpp"
#include "modules/surveys/survey_repository.hpp"

namespace bangyi::surveys {

namespace {

namespace perm = access::permission;

constexpr int64_t kDefaultTemplate = 1;
constexpr size_t kTokenBytes = 18;  // 24 URL-safe characters, 144 bits

// An integer field within [lo, hi], or `fallback` when left out.
int64_t IntField(const nlohmann::json& body, const char* name, int64_t lo, int64_t hi, int64_t fallback,
                 core::FieldErrors& errors) {
  if (!body.contains(name) || body[name].is_null()) {
    return fallback;
  }
  if (!body[name].is_number_integer() || body[name].get<int64_t>() < lo || body[name].get<int64_t>() > hi) {
    errors.Add(name, "out_of_range");
    return fallback;
  }
  return body[name].get<int64_t>();
}

std::optional<int64_t> OptId(const nlohmann::json& body, const char* name, core::FieldErrors& errors) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::nullopt;
  }
  if (!body[name].is_number_integer() || body[name].get<int64_t>() < 1) {
    errors.Add(name, "invalid");
    return std::nullopt;
  }
  return body[name].get<int64_t>();
}

cases::CaseRow CaseFor(db::Connection& c, const access::Principal& p, int64_t case_id, std::string_view permission) {
  access::Require(p, permission);
  auto row = cases::FindCase(c, case_id);
  if (!row) {
    throw core::Error::NotFound("case");
  }
  access::Require(p, permission, access::OrganizationOnly(row->organization_id));
  return *row;
}

nlohmann::json InvitationJson(const InvitationRow& r) {
  bool expired = r.status == "open" && r.expires_at < core::NowIso();
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"template_id", r.template_id},
          {"service_record_id", r.service_record_id ? nlohmann::json(*r.service_record_id) : nlohmann::json(nullptr)},
          {"status", expired ? "expired" : r.status},
          {"expires_at", r.expires_at},
          {"created_at", r.created_at},
          {"answered_at", r.answered_at ? nlohmann::json(*r.answered_at) : nlohmann::json(nullptr)}};
}

// The refusal an invitation deserves when it can no longer be answered.
void RequireOpen(const InvitationRow& r) {
  if (r.status == "answered") {
    throw core::Error::Conflict("answered", "this survey has already been answered");
  }
  if (r.status == "cancelled" || r.expires_at < core::NowIso()) {
    throw core::Error::Gone("expired", "this survey link has expired");
  }
}

InvitationRow LiveInvitation(db::Connection& c, const std::string& token) {
  auto r = token.size() > 64 ? std::nullopt : FindInvitationByHash(c, core::Sha256Hex(token));
  if (!r) {
    throw core::Error::NotFound("survey");
  }
  RequireOpen(*r);
  return *r;
}

// Records an answer: the invitation answered, the response stored, the rollups counted, at once.
int64_t Answer(db::Connection& c, const InvitationRow& inv, const Answers& a, const std::string& channel,
               const std::string& answered_on, std::optional<int64_t> entered_by) {
  if (!MarkAnswered(c, inv.id)) {
    throw core::Error::Conflict("answered", "this survey has already been answered");
  }
  nlohmann::json answers = a.values;
  int64_t id = InsertResponse(c, ResponseRow{inv.organization_id, inv.id, inv.project_id, entered_by, channel,
                                             answers.dump(), a.comment, answered_on, a.values.at(std::string(kOverall))});
  kpis::ApplySurveyResponse(c, id, +1);
  return id;
}

}  // namespace

nlohmann::json SurveyService::Templates(const access::Principal& p) {
  if (!p.Has(perm::kCasesRead) && !p.Has(perm::kKpisRead) && !p.Has(perm::kCatalogueManage)) {
    throw core::Error::Forbidden("missing permission cases.read or kpis.read");
  }
  return db_.Read([&](db::Connection& c) { return nlohmann::json{{"data", ListTemplates(c)}}; });
}

nlohmann::json SurveyService::CreateTemplate(const access::Principal& p, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kCatalogueManage);
  core::FieldErrors errors;
  auto in = ParseTemplateInput(body, errors);
  errors.ThrowIfAny();
  int64_t id = db_.Write([&](db::Connection& c) {
    int64_t created = InsertTemplate(c, in.name, in.items, p.user_id);
    audit::Record(c, audit::ActorOf(p), {"survey_template.create", "survey_template", std::to_string(created),
                                         std::nullopt, audit::Changes().Set("name", in.name).Set("items", in.items).json()});
    return created;
  });
  return db_.Read([&](db::Connection& c) { return *FindTemplate(c, id); });
}

nlohmann::json SurveyService::Invite(const access::Principal& p, int64_t case_id, const nlohmann::json& body) {
  core::FieldErrors errors;
  int64_t count = IntField(body, "count", 1, 200, 1, errors);
  int64_t days = IntField(body, "expires_in_days", 1, 90, 30, errors);
  auto template_id = OptId(body, "template_id", errors).value_or(kDefaultTemplate);
  auto record_id = OptId(body, "service_record_id", errors);
  return db_.Write([&](db::Connection& c) {
    auto row = CaseFor(c, p, case_id, perm::kCasesWrite);
    auto tpl = FindTemplate(c, template_id);
    if (!tpl || !(*tpl)["active"].get<bool>()) {
      errors.Add("template_id", "not_found");
    }
    std::optional<int64_t> project = row.project_id;
    if (record_id) {
      auto record_project = RecordProjectForCase(c, *record_id, case_id);
      if (!record_project) {
        errors.Add("service_record_id", "not_found");
      } else if (*record_project) {
        project = *record_project;
      }
    }
    errors.ThrowIfAny();
    InvitationRow inv;
    inv.organization_id = row.organization_id;
    inv.case_id = case_id;
    inv.template_id = template_id;
    inv.project_id = project;
    inv.service_record_id = record_id;
    inv.expires_at = core::UnixToIso(core::NowUnix() + days * 86400);
    nlohmann::json out = nlohmann::json::array();
    for (int64_t i = 0; i < count; ++i) {
      std::string token = core::RandomToken(kTokenBytes);
      int64_t id = InsertInvitation(c, inv, core::Sha256Hex(token), p.user_id);
      out.push_back({{"id", id},
                     {"token", token},
                     {"url", "/s/" + token},
                     {"link", LinkOf(token)},
                     {"expires_at", inv.expires_at},
                     {"qr_png", "/api/v1/public/surveys/" + token + "/qr.png"},
                     {"qr_svg", "/api/v1/public/surveys/" + token + "/qr.svg"}});
    }
    audit::Record(c, audit::ActorOf(p),
                  {"survey.invite", "case", std::to_string(case_id), row.organization_id,
                   audit::Changes()
                       .Set("count", count)
                       .Set("template_id", template_id)
                       .Set("service_record_id", record_id ? nlohmann::json(*record_id) : nlohmann::json(nullptr))
                       .Set("expires_at", inv.expires_at)
                       .json()});
    return nlohmann::json{{"data", out}};
  });
}

nlohmann::json SurveyService::Invitations(const access::Principal& p, int64_t case_id) {
  return db_.Read([&](db::Connection& c) {
    CaseFor(c, p, case_id, perm::kCasesRead);
    nlohmann::json list = ListInvitations(c, case_id);
    std::string now = core::NowIso();
    for (auto& i : list) {
      if (i["status"] == "open" && i["expires_at"].get<std::string>() < now) {
        i["status"] = "expired";
      }
    }
    return nlohmann::json{{"data", list}};
  });
}

nlohmann::json SurveyService::Cancel(const access::Principal& p, int64_t invitation_id) {
  return db_.Write([&](db::Connection& c) {
    auto inv = FindInvitation(c, invitation_id);
    if (!inv) {
      throw core::Error::NotFound("invitation");
    }
    CaseFor(c, p, inv->case_id, perm::kCasesWrite);
    if (!CancelInvitation(c, invitation_id)) {
      throw core::Error::Conflict("not_open", "only an open invitation can be cancelled");
    }
    audit::Record(c, audit::ActorOf(p), {"survey.cancel", "survey_invitation", std::to_string(invitation_id),
                                         inv->organization_id, audit::Changes().Diff("status", "open", "cancelled").json()});
    return InvitationJson(*FindInvitation(c, invitation_id));
  });
}

nlohmann::json SurveyService::PhoneResponse(const access::Principal& p, int64_t invitation_id,
                                            const nlohmann::json& body) {
  return db_.Write([&](db::Connection& c) {
    auto inv = FindInvitation(c, invitation_id);
    if (!inv) {
      throw core::Error::NotFound("invitation");
    }
    CaseFor(c, p, inv->case_id, perm::kCasesWrite);
    auto tpl = FindTemplate(c, inv->template_id);
    core::FieldErrors errors;
    auto answers = ParseAnswers(body, (*tpl)["items"], errors);
    std::string called_on = body.contains("called_on") && body["called_on"].is_string()
                                ? body["called_on"].get<std::string>() : "";
    if (!core::IsIsoDate(called_on)) {
      errors.Add("called_on", "format");
    } else if (called_on > core::TodayShanghai()) {
      errors.Add("called_on", "in_future");
    }
    errors.ThrowIfAny();
    RequireOpen(*inv);
    int64_t id = Answer(c, *inv, answers, "phone", called_on, p.user_id);
    audit::Record(c, audit::ActorOf(p), {"survey.phone_response", "survey_invitation", std::to_string(invitation_id),
                                         inv->organization_id, audit::Changes().Set("called_on", called_on).json()});
    return nlohmann::json{{"id", id}, {"invitation_id", invitation_id}, {"channel", "phone"}};
  });
}

nlohmann::json SurveyService::PublicSurvey(const std::string& token) {
  return db_.Read([&](db::Connection& c) {
    auto inv = LiveInvitation(c, token);
    auto tpl = *FindTemplate(c, inv.template_id);
    return nlohmann::json{{"template", {{"name", tpl["name"]}, {"items", tpl["items"]}}},
                          {"organization_name", OrganizationName(c, inv.organization_id)},
                          {"expires_at", inv.expires_at}};
  });
}

nlohmann::json SurveyService::Submit(const std::string& token, const nlohmann::json& body) {
  return db_.Write([&](db::Connection& c) {
    auto inv = LiveInvitation(c, token);
    auto tpl = *FindTemplate(c, inv.template_id);
    core::FieldErrors errors;
    auto answers = ParseAnswers(body, tpl["items"], errors);
    errors.ThrowIfAny();
    Answer(c, inv, answers, "web", core::TodayShanghai(), std::nullopt);
    return nlohmann::json{{"received", true}};
  });
}

std::string SurveyService::QrPng(const std::string& token) {
  db_.Read([&](db::Connection& c) { return LiveInvitation(c, token).id; });
  return surveys::QrPng(LinkOf(token));
}

std::string SurveyService::QrSvg(const std::string& token) {
  db_.Read([&](db::Connection& c) { return LiveInvitation(c, token).id; });
  return surveys::QrSvg(LinkOf(token));
}

nlohmann::json SurveyService::Results(const access::Principal& p, std::optional<int64_t> organization_id,
                                      std::optional<int64_t> project_id) {
  if (organization_id && project_id) {
    throw core::Error::Validation({{"project_id", "only_one_filter"}});
  }
  access::Require(p, perm::kKpisRead);
  return db_.Read([&](db::Connection& c) {
    if (project_id) {
      auto owner = ProjectOrganization(c, *project_id);
      if (!owner) {
        throw core::Error::NotFound("project");
      }
      access::Require(p, perm::kKpisRead, access::OrganizationOnly(*owner));
    } else if (organization_id) {
      access::Require(p, perm::kKpisRead, access::OrganizationOnly(*organization_id));
    } else if (!p.HasPlatform(perm::kKpisRead)) {
      if (!p.organization_id) {
        throw core::Error::Forbidden("choose an organization or a project");
      }
      organization_id = p.organization_id;
      access::Require(p, perm::kKpisRead, access::OrganizationOnly(*organization_id));
    }
    // Labels of every template's items, so each answered code is named.
    std::map<std::string, nlohmann::json> labels;
    std::vector<std::string> order;
    for (const auto& t : ListTemplates(c)) {
      for (const auto& item : t["items"]) {
        std::string code = item["code"];
        if (!labels.count(code)) {
          labels[code] = item;
          order.push_back(code);
        }
      }
    }
    std::map<std::string, std::map<std::string, int64_t>> counts;
    int64_t responses = 0, satisfied = 0, web = 0, phone = 0;
    nlohmann::json comments = nlohmann::json::array();
    for (const auto& r : ResponsesFor(c, organization_id.value_or(0), project_id.value_or(0))) {
      ++responses;
      satisfied += r.Int("overall") >= kSatisfiedFrom ? 1 : 0;
      (r.Text("channel") == "phone" ? phone : web) += 1;
      const nlohmann::json answers = nlohmann::json::parse(r.Text("answers"));
      for (auto it = answers.begin(); it != answers.end(); ++it) {
        ++counts[it.key()][std::to_string(it.value().get<int>())];
      }
      if (!r.Text("comment").empty() && comments.size() < 200) {
        comments.push_back({{"text", r.Text("comment")}, {"month", r.Text("month")}});
      }
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& code : order) {
      if (!counts.count(code)) {
        continue;
      }
      nlohmann::json dist = nlohmann::json::object();
      int64_t answered = 0;
      for (int v = 5; v >= 1; --v) {
        int64_t n = counts[code][std::to_string(v)];
        dist[std::to_string(v)] = n;
        answered += n;
      }
      items.push_back({{"code", code},
                       {"label_zh", labels[code]["label_zh"]},
                       {"label_en", labels[code]["label_en"]},
                       {"counts", dist},
                       {"answered", answered}});
    }
    return nlohmann::json{{"responses", responses},  {"satisfied", satisfied},
                          {"satisfaction_rate", core::Percent(satisfied, responses)}, {"items", items},
                          {"by_channel", {{"web", web}, {"phone", phone}}}, {"comments", comments}};
  });
}

}  // namespace bangyi::surveys
