#include "modules/documents/document_repository.hpp"

#include "core/clock.hpp"

namespace bangyi::documents {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO documents (organization_id, owner_type, owner_id, sha256, content_type, size_bytes, filename,"
    " uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kColumns =
    "SELECT d.id, d.organization_id, d.owner_type, d.owner_id, d.sha256, d.content_type, d.size_bytes, d.filename,"
    " u.display_name AS uploaded_by_name, d.created_at FROM documents d LEFT JOIN users u ON u.id = d.uploaded_by";
const std::string kFind = std::string(kColumns) + " WHERE d.id = $1";
const std::string kList = std::string(kColumns) + " WHERE d.owner_type = $1 AND d.owner_id = $2 ORDER BY d.id";

}  // namespace

int64_t InsertDocument(db::Connection& c, int64_t organization_id, std::string_view owner_type, int64_t owner_id,
                       const core::CheckedUpload& file, int64_t uploaded_by) {
  return c.QueryOne(kInsert, {organization_id, std::string(owner_type), owner_id, file.sha256, file.content_type,
                              static_cast<int64_t>(file.size_bytes), file.filename, uploaded_by, core::NowIso()})
      ->Int("id");
}

std::optional<nlohmann::json> FindDocument(db::Connection& c, int64_t id) {
  auto r = c.QueryOne(kFind, {id});
  return r ? std::optional(db::RowJson(*r)) : std::nullopt;
}

nlohmann::json ListDocuments(db::Connection& c, std::string_view owner_type, int64_t owner_id) {
  return db::RowsJson(c.Query(kList, {std::string(owner_type), owner_id}));
}

}  // namespace bangyi::documents
