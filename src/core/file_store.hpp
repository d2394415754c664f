// Uploaded files: checked from their content, stored once per SHA-256 under a directory
// (<root>/<first two hex>/<sha256>), read back whole. Used by case attachments, application
// documents and expense receipts.
#pragma once

#include <cstddef>
#include <string>

namespace bangyi::core {

inline constexpr size_t kMaxUploadBytes = 20 * 1024 * 1024;

struct CheckedUpload {
  std::string sha256, content_type, filename;
  size_t size_bytes = 0;
};

// 422 naming `filename` (required | invalid), `body` (required) or `content_type` (mismatch |
// unsupported: the type is decided from the bytes, the declared type must agree).
CheckedUpload CheckUpload(const std::string& bytes, const std::string& declared_type, const std::string& filename);

// A stored file on its way out.
struct StoredFile {
  std::string content_type, filename, bytes;
};

// Writes the file unless the same content is already there (temp file, fsync, rename).
void StoreFile(const std::string& root, const std::string& sha256, const std::string& bytes);
// The stored bytes; throws std::runtime_error when the file is missing.
std::string LoadFile(const std::string& root, const std::string& sha256);

}  // namespace bangyi::core
