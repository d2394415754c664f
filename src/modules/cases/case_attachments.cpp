// Case attachments (CaseService, continued): photos, scans and documents of a case, checked from
// their content, stored once per content under the data directory, served to case readers only.
#include "core/file_store.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_service.hpp"

namespace bangyi::cases {

nlohmann::json CaseService::Upload(const access::Principal& p, int64_t id, const std::string& bytes,
                                   const std::string& content_type, const std::string& filename,
                                   std::optional<int64_t> service_record_id) {
  db_.Read([&](db::Connection& c) { Authorize(c, p, id, Need::kWrite); });  // outsiders learn nothing more
  core::CheckedUpload file = core::CheckUpload(bytes, content_type, filename);
  int64_t attachment = db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    if (service_record_id && !ServiceRecordOfCase(c, *service_record_id, row.id)) {
      throw core::Error::Validation({{"service_record_id", "not_found"}});
    }
    // The file is written before the row commits; an orphan file (rolled-back row) is harmless
    // and reused by the next upload of the same content.
    core::StoreFile(settings_.attachments_dir, file.sha256, bytes);
    AttachmentRow a{row.organization_id, row.id, service_record_id, file.sha256, file.content_type, file.filename,
                    static_cast<int64_t>(file.size_bytes), p.user_id};
    int64_t new_id = InsertAttachment(c, a);
    Event(c, p, row, "attachment", new_id, file.filename);
    audit::Record(c, audit::ActorOf(p), {"attachment.create", "attachment", std::to_string(new_id), row.organization_id,
                                         {{"filename", {{"from", nullptr}, {"to", file.filename}}},
                                          {"size_bytes", {{"from", nullptr}, {"to", bytes.size()}}}}});
    return new_id;
  });
  return db_.Read([&](db::Connection& c) { return *FindAttachment(c, attachment); });
}

nlohmann::json CaseService::Attachments(const access::Principal& p, int64_t id, const std::string& purpose) {
  return ReadPart(p, id, purpose, [&](db::Connection& c, const CaseRow& row) {
    return nlohmann::json{{"data", ListAttachments(c, row.id)}};
  });
}

Download CaseService::Fetch(const access::Principal& p, int64_t attachment_id, const std::string& purpose) {
  auto found = db_.Read([&](db::Connection& c) { return FindAttachment(c, attachment_id); });
  if (!found) {
    throw core::Error::NotFound("attachment");
  }
  nlohmann::json a = ReadPart(p, (*found)["case_id"].get<int64_t>(), purpose,
                              [&](db::Connection&, const CaseRow&) { return *found; });
  return Download{a["content_type"].get<std::string>(), a["filename"].get<std::string>(),
                  core::LoadFile(settings_.attachments_dir, a["sha256"].get<std::string>())};
}

}  // namespace bangyi::cases
