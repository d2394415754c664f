#include "modules/rounds/application_service.hpp"

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/documents/document_repository.hpp"
#include "modules/rounds/application.hpp"
#include "modules/rounds/application_repository.hpp"
#include "modules/rounds/round.hpp"
#include "modules/rounds/round_repository.hpp"

namespace bangyi::rounds {

namespace perm = access::permission;
namespace as = application_state;

namespace {

bool OwnOrganization(const access::Principal& p, int64_t organization_id) {
  return p.Covers(perm::kApplicationsWrite, access::OrganizationOnly(organization_id));
}

void Audit(db::Connection& c, const access::Principal& p, const std::string& action, int64_t id,
           int64_t organization_id, const audit::Changes& changes) {
  audit::Record(c, audit::ActorOf(p), {action, "application", std::to_string(id), organization_id, changes.json()});
}

core::Error VersionConflict() {
  return core::Error(core::ErrorKind::kConflict, "version_conflict", "the application changed meanwhile; reload it",
                     {{"version", "stale"}});
}

}  // namespace

nlohmann::json LoadRound(db::Connection& c, const access::Principal& p, int64_t id) {
  access::Require(p, perm::kRoundsRead);
  auto round = FindRound(c, id);
  // A draft is the foundation's work in progress: to everyone else it does not exist yet.
  if (!round || ((*round)["state"] == state::kDraft && !p.HasPlatform(perm::kRoundsManage))) {
    throw core::Error::NotFound("round");
  }
  return *round;
}

nlohmann::json LoadApplication(db::Connection& c, const access::Principal& p, int64_t id) {
  auto a = FindApplication(c, id);
  if (!a) {
    throw core::Error::NotFound("application");
  }
  int64_t org = (*a)["organization_id"].get<int64_t>();
  bool draft = (*a)["state"] == as::kDraft;
  bool allowed = OwnOrganization(p, org) || (!draft && p.HasPlatform(perm::kRoundsManage));
  if (!allowed && !draft && p.Has(perm::kReviewsScore)) {
    // An assigned reviewer, also one who declared a conflict (scoring then says why it is refused).
    allowed = FindAssignment(c, id, p.user_id).has_value();
  }
  if (!allowed) {
    throw core::Error::NotFound("application");
  }
  return *a;
}

nlohmann::json ApplicationService::List(const access::Principal& p, int64_t round_id, const std::string& state,
                                        const http::Page& page) {
  return db_.Read([&](db::Connection& c) {
    LoadRound(c, p, round_id);
    ApplicationScope scope;
    if (p.HasPlatform(perm::kRoundsManage)) {
      // the foundation sees every application past draft
    } else if (p.organization_id && OwnOrganization(p, *p.organization_id)) {
      scope.organization_id = *p.organization_id;
    } else if (p.Has(perm::kReviewsScore)) {
      scope.reviewer_id = p.user_id;
    } else {
      throw core::Error::Forbidden();
    }
    nlohmann::json rows = ListApplications(c, round_id, state, scope, page.per, page.Offset());
    std::vector<nlohmann::json> data(rows.begin(), rows.end());
    return http::ListBody(std::move(data), CountApplications(c, round_id, state, scope), page);
  });
}

nlohmann::json ApplicationService::Get(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) { return LoadApplication(c, p, id); });
}

nlohmann::json ApplicationService::Create(const access::Principal& p, int64_t round_id, const nlohmann::json& body) {
  access::Require(p, perm::kApplicationsWrite);
  if (!p.organization_id) {
    throw core::Error::Forbidden("applications are made by an organization's administrator");
  }
  int64_t org = *p.organization_id;
  access::Require(p, perm::kApplicationsWrite, access::OrganizationOnly(org));
  int64_t id = db_.Write([&](db::Connection& c) {
    nlohmann::json round = LoadRound(c, p, round_id);
    if (round["state"] != state::kOpen) {
      throw core::Error(core::ErrorKind::kConflict, "round_not_open",
                        "the round is in state " + round["state"].get<std::string>() + " and takes no applications");
    }
    if (round["closes_at"].get<std::string>() <= core::NowShanghaiMinute()) {
      throw core::Error(core::ErrorKind::kConflict, "window_closed", "the application window has closed");
    }
    ApplicationDocument a = ParseApplication(body, divisions_);
    int64_t new_id = InsertApplication(c, org, round_id, a, p.user_id);
    audit::Changes changes;
    changes.Set("round_id", round_id).Set("project_name", a.project_name);
    Audit(c, p, "application.create", new_id, org, changes);
    return new_id;
  });
  return Get(p, id);
}

nlohmann::json ApplicationService::Update(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, perm::kApplicationsWrite);
  core::JsonReader extra(body);
  auto version = extra.Int("version", true, 1, INT64_MAX);
  db_.Write([&](db::Connection& c) {
    nlohmann::json before = LoadApplication(c, p, id);
    int64_t org = before["organization_id"].get<int64_t>();
    access::Require(p, perm::kApplicationsWrite, access::OrganizationOnly(org));
    if (before["state"] != as::kDraft) {
      throw core::Error(core::ErrorKind::kConflict, "not_editable",
                        "the application is " + before["state"].get<std::string>() + "; only drafts change");
    }
    ApplicationDocument a = ParseApplication(body, divisions_);
    extra.ThrowIfAny();
    if (!UpdateDraft(c, id, *version, a)) {
      throw VersionConflict();
    }
    audit::Changes changes;
    changes.Diff("project_name", before["project_name"], a.project_name)
        .Diff("requested_yuan", before["requested_yuan"], a.document["requested_yuan"]);
    Audit(c, p, "application.update", id, org, changes);
  });
  return Get(p, id);
}

nlohmann::json ApplicationService::Submit(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::Require(p, perm::kApplicationsWrite);
  core::JsonReader in(body);
  auto version = in.Int("version", true, 1, INT64_MAX);
  db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, id);
    int64_t org = app["organization_id"].get<int64_t>();
    access::Require(p, perm::kApplicationsWrite, access::OrganizationOnly(org));
    in.ThrowIfAny();
    if (app["state"] != as::kDraft) {
      throw core::Error(core::ErrorKind::kConflict, "already_submitted", "the application was submitted already");
    }
    int64_t round_id = app["round_id"].get<int64_t>();
    nlohmann::json round = LoadRound(c, p, round_id);
    std::string now = core::NowShanghaiMinute();
    if (round["state"] != state::kOpen || round["closes_at"].get<std::string>() <= now) {
      throw core::Error(core::ErrorKind::kConflict, "window_closed",
                        "the application window closed at " + round["closes_at"].get<std::string>());
    }
    if (round["opens_at"].get<std::string>() > now) {
      throw core::Error(core::ErrorKind::kConflict, "window_not_open",
                        "the application window opens at " + round["opens_at"].get<std::string>());
    }
    // The stored draft is what gets submitted: parse it again to check it whole.
    ApplicationDocument a = ParseApplication(app, divisions_);
    auto [org_type, rating] = OrganizationProfile(c, org);
    CheckComplete(a, *FindRoundLimits(c, round_id), org_type, rating);
    if (!MarkSubmitted(c, id, *version)) {
      throw VersionConflict();
    }
    audit::Changes changes;
    changes.Set("state", std::string(as::kSubmitted)).Set("requested_yuan", app["requested_yuan"]);
    Audit(c, p, "application.submit", id, org, changes);
  });
  return Get(p, id);
}

nlohmann::json ApplicationService::Screen(const access::Principal& p, int64_t id, const nlohmann::json& body) {
  access::RequirePlatform(p, perm::kRoundsManage);
  core::JsonReader in(body);
  std::string result = in.OneOf("result", true, {"pass", "fail"});
  std::string reason = in.String("reason", result == "fail", 1000);
  db_.Write([&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, id);
    in.ThrowIfAny();
    if (app["state"] != as::kSubmitted) {
      throw core::Error(core::ErrorKind::kConflict, "not_screenable",
                        "the application is " + app["state"].get<std::string>() + "; only submitted ones are screened");
    }
    std::string to(result == "pass" ? as::kEligible : as::kIneligible);
    if (!MarkScreened(c, id, to, reason, p.user_id)) {
      throw core::Error::Conflict("stale", "the application changed meanwhile; reload it");
    }
    audit::Changes changes;
    changes.Diff("state", app["state"], to);
    if (!reason.empty()) {
      changes.Set("reason", reason);
    }
    Audit(c, p, "application.screen", id, app["organization_id"].get<int64_t>(), changes);
  });
  return Get(p, id);
}

nlohmann::json ApplicationService::Upload(const access::Principal& p, int64_t id, const std::string& bytes,
                                          const std::string& content_type, const std::string& filename) {
  access::Require(p, perm::kApplicationsWrite);
  auto own = [&](db::Connection& c) {
    nlohmann::json app = LoadApplication(c, p, id);
    access::Require(p, perm::kApplicationsWrite, access::OrganizationOnly(app["organization_id"].get<int64_t>()));
    return app;
  };
  db_.Read(own);  // outsiders learn nothing about the file
  core::CheckedUpload file = core::CheckUpload(bytes, content_type, filename);
  int64_t document = db_.Write([&](db::Connection& c) {
    nlohmann::json app = own(c);
    if (app["state"] != as::kDraft) {
      throw core::Error(core::ErrorKind::kConflict, "not_editable", "documents are added to a draft");
    }
    int64_t org = app["organization_id"].get<int64_t>();
    core::StoreFile(files_dir_, file.sha256, bytes);
    int64_t new_id = documents::InsertDocument(c, org, documents::kApplication, id, file, p.user_id);
    audit::Changes changes;
    changes.Set("document_id", new_id).Set("filename", file.filename).Set("size_bytes", file.size_bytes);
    Audit(c, p, "application.document", id, org, changes);
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return *documents::FindDocument(c, document); });
}

nlohmann::json ApplicationService::Documents(const access::Principal& p, int64_t id) {
  return db_.Read([&](db::Connection& c) {
    LoadApplication(c, p, id);
    return nlohmann::json{{"data", documents::ListDocuments(c, documents::kApplication, id)}};
  });
}

core::StoredFile ApplicationService::Fetch(const access::Principal& p, int64_t id, int64_t document_id) {
  auto doc = db_.Read([&](db::Connection& c) {
    LoadApplication(c, p, id);
    auto d = documents::FindDocument(c, document_id);
    if (!d || (*d)["owner_type"] != documents::kApplication || (*d)["owner_id"] != id) {
      throw core::Error::NotFound("document");
    }
    return *d;
  });
  return {doc["content_type"].get<std::string>(), doc["filename"].get<std::string>(),
          core::LoadFile(files_dir_, doc["sha256"].get<std::string>())};
}

}  // namespace bangyi::rounds
