// Case attachments (CaseService, continued): photos, scans and documents of a case, checked from
// their content, stored once per content under the data directory, served to case readers only.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/file_type.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_service.hpp"

namespace bangyi::cases {

namespace fs = std::filesystem;

namespace {

fs::path PathOf(const std::string& root, const std::string& sha256) {
  return fs::path(root) / sha256.substr(0, 2) / sha256;
}

// Writes the file unless the same content is already there (temp file, fsync, rename).
void Store(const std::string& root, const std::string& sha256, const std::string& bytes) {
  fs::path target = PathOf(root, sha256);
  if (fs::exists(target)) {
    return;
  }
  fs::create_directories(target.parent_path());
  fs::path temp = target.string() + ".tmp" + core::RandomToken(6);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + temp.string());
  }
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      fs::remove(temp);
      throw std::runtime_error("cannot write " + temp.string());
    }
    written += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(temp, target);
}

}  // namespace

nlohmann::json CaseService::Upload(const access::Principal& p, int64_t id, const std::string& bytes,
                                   const std::string& content_type, const std::string& filename,
                                   std::optional<int64_t> service_record_id) {
  db_.Read([&](db::Connection& c) { Authorize(c, p, id, Need::kWrite); });  // outsiders learn nothing more
  core::FieldErrors errors;
  std::string name = core::Trim(filename);
  if (name.empty()) {
    errors.Add("filename", "required");
  } else if (core::Utf8Length(name) > 200 || !core::IsValidUtf8(name) || name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
    errors.Add("filename", "invalid");
  }
  if (bytes.empty()) {
    errors.Add("body", "required");
  }
  auto sniffed = core::SniffFileType(bytes);
  if (!bytes.empty() && (!sniffed || !core::DeclaredTypeMatches(content_type, *sniffed))) {
    errors.Add("content_type", sniffed ? "mismatch" : "unsupported");
  }
  errors.ThrowIfAny();
  std::string type = *sniffed == "application/x-ole-storage" ? content_type.substr(0, content_type.find(';')) : *sniffed;
  std::string sha = core::Sha256Hex(bytes);
  int64_t attachment = db_.Write([&](db::Connection& c) {
    CaseRow row = Authorize(c, p, id, Need::kWrite);
    if (service_record_id && !ServiceRecordOfCase(c, *service_record_id, row.id)) {
      throw core::Error::Validation({{"service_record_id", "not_found"}});
    }
    // The file is written before the row commits; an orphan file (rolled-back row) is harmless
    // and reused by the next upload of the same content.
    Store(settings_.attachments_dir, sha, bytes);
    AttachmentRow a{row.organization_id, row.id, service_record_id, sha, type, name,
                    static_cast<int64_t>(bytes.size()), p.user_id};
    int64_t new_id = InsertAttachment(c, a);
    Event(c, p, row, "attachment", new_id, name);
    audit::Record(c, audit::ActorOf(p), {"attachment.create", "attachment", std::to_string(new_id), row.organization_id,
                                         {{"filename", {{"from", nullptr}, {"to", name}}},
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
  std::ifstream in(PathOf(settings_.attachments_dir, a["sha256"].get<std::string>()), std::ios::binary);
  if (!in) {
    throw std::runtime_error("attachment file missing: " + a["sha256"].get<std::string>());
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Download{a["content_type"].get<std::string>(), a["filename"].get<std::string>(), bytes.str()};
}

}  // namespace bangyi::cases
