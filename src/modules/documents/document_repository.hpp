// Named SQL for documents attached to applications and expenses (the bytes: core/file_store).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/file_store.hpp"
#include "db/database.hpp"

namespace bangyi::documents {

inline constexpr std::string_view kApplication = "application";
inline constexpr std::string_view kExpense = "expense";

int64_t InsertDocument(db::Connection& c, int64_t organization_id, std::string_view owner_type, int64_t owner_id,
                       const core::CheckedUpload& file, int64_t uploaded_by);
// {id, owner_type, owner_id, sha256, content_type, size_bytes, filename, uploaded_by_name, created_at}
std::optional<nlohmann::json> FindDocument(db::Connection& c, int64_t id);
nlohmann::json ListDocuments(db::Connection& c, std::string_view owner_type, int64_t owner_id);

}  // namespace bangyi::documents
