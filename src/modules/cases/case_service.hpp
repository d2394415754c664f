// Use cases of case work (docs/case-work.md). Every method authorizes the caller against the
// case's organization, changes state only through the one transition table, writes the timeline
// event and the audit row in the same transaction as the change, and returns the new view.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

#include "core/file_store.hpp"
#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/cases/case_state.hpp"
#include "modules/registry/registry_service.hpp"

namespace bangyi::cases {

struct CaseSettings {
  // "organization": social workers see every case of their organization; "own": only theirs.
  std::string social_worker_scope = "organization";
  // Where attachment files live, one file per content (named by SHA-256).
  std::string attachments_dir = "data/attachments";
};

inline constexpr size_t kMaxAttachmentBytes = core::kMaxUploadBytes;

using Download = core::StoredFile;

struct CaseListQuery {
  std::string state;
  bool mine = false;
  int64_t household_id = 0;
};

class CaseService {
 public:
  CaseService(db::Database& db, registry::RegistryService& registry, CaseSettings settings)
      : db_(db), registry_(registry), settings_(std::move(settings)) {}

  nlohmann::json Staff(const access::Principal& p);
  // The catalogue of service types (`all`: retired ones too, for catalogue managers).
  nlohmann::json ServiceTypes(const access::Principal& p, bool all = false);
  // Adds or changes a type {code, name_zh, name_en, active}; records keep retired types.
  nlohmann::json SaveServiceType(const access::Principal& p, const nlohmann::json& body);
  // Organizations a case may be referred to (name, district): a directory for case writers.
  nlohmann::json ReferralTargets(const access::Principal& p, const std::string& q);

  nlohmann::json List(const access::Principal& p, const CaseListQuery& q, const http::Page& page);
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  nlohmann::json Get(const access::Principal& p, int64_t id, const std::string& purpose);
  nlohmann::json Timeline(const access::Principal& p, int64_t id, const std::string& purpose);
  nlohmann::json Transition(const access::Principal& p, int64_t id, const nlohmann::json& body);

  nlohmann::json AddAssessment(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Assessments(const access::Principal& p, int64_t id, const std::string& purpose);

  nlohmann::json SavePlan(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json SubmitPlan(const access::Principal& p, int64_t id);
  nlohmann::json DecidePlan(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Plans(const access::Principal& p, int64_t id, const std::string& purpose);

  nlohmann::json AddServiceRecord(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json ServiceRecords(const access::Principal& p, int64_t id, const http::Page& page,
                                const std::string& purpose);

  nlohmann::json Alerts(const access::Principal& p);
  nlohmann::json AcknowledgeAlert(const access::Principal& p, int64_t alert_id, const nlohmann::json& body);

  nlohmann::json Refer(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json Referrals(const access::Principal& p, const std::string& direction, const std::string& status);
  nlohmann::json DecideReferral(const access::Principal& p, int64_t referral_id, const nlohmann::json& body);
  nlohmann::json ReferralOutcome(const access::Principal& p, int64_t referral_id, const nlohmann::json& body);

  nlohmann::json RecordClosing(const access::Principal& p, int64_t id, const nlohmann::json& body);
  nlohmann::json SignOff(const access::Principal& p, int64_t id);
  nlohmann::json CompleteFollowUp(const access::Principal& p, int64_t id, int64_t follow_up_id,
                                  const nlohmann::json& body);

  // The raw bytes of one file with its declared type; checked from content, stored by hash.
  nlohmann::json Upload(const access::Principal& p, int64_t id, const std::string& bytes,
                        const std::string& content_type, const std::string& filename,
                        std::optional<int64_t> service_record_id);
  nlohmann::json Attachments(const access::Principal& p, int64_t id, const std::string& purpose);
  Download Fetch(const access::Principal& p, int64_t attachment_id, const std::string& purpose);

  nlohmann::json WorkQueue(const access::Principal& p);
  // Who else serves this person: by ID number, or by name + birth date + street.
  nlohmann::json DuplicateCheck(const access::Principal& p, const std::string& id_number, const std::string& name,
                                const std::string& birth_date, const std::string& street_code);

 private:
  enum class Need { kRead, kWrite, kApprove };
  // The case, or 404; 403 unless the caller may `need` it. Reading by foundation staff needs a
  // purpose (422) and is audited as case.view.
  CaseRow Authorize(db::Connection& c, const access::Principal& p, int64_t id, Need need,
                    const std::string* purpose = nullptr, bool* inspected = nullptr);
  bool SeesOrganizationWide(const access::Principal& p, const CaseRow& row) const;
  // Moves the case, checking the transition table (`via` must match), and writes the event.
  void Move(db::Connection& c, const access::Principal& p, CaseRow& row, std::string_view to, Via via,
            const std::string& reason);
  void RaiseAlert(db::Connection& c, const access::Principal& p, const CaseRow& row, const std::string& kind,
                  const std::string& level, const std::string& message, int64_t source_id);
  void Event(db::Connection& c, const access::Principal& p, const CaseRow& row, const std::string& kind,
             std::optional<int64_t> ref_id, const std::string& summary, const std::string& reason = "");
  nlohmann::json View(db::Connection& c, const access::Principal& p, const CaseRow& row);
  // Reads a case's part under the read rule, for the GET endpoints.
  using Part = std::function<nlohmann::json(db::Connection&, const CaseRow&)>;
  nlohmann::json ReadPart(const access::Principal& p, int64_t id, const std::string& purpose, const Part& part);

  db::Database& db_;
  registry::RegistryService& registry_;
  CaseSettings settings_;
};

}  // namespace bangyi::cases
