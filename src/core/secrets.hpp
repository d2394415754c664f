// Platform secrets, kept outside the database in a file of their own (mode 0600):
//   field_encryption_key  XChaCha20-Poly1305 key for sensitive fields (ID numbers, phones, …)
//   blind_index_key       BLAKE2b key for blind indexes (find a person by exact ID number
//                         without decrypting anything)
// Both are 32 random bytes, URL-safe base64 in the file. `field_key_id` (default 1) is the id
// stored inside every ciphertext made with the current field key. During `bangyi rotate-keys`
// the file also holds the next keys (next_field_encryption_key, next_blind_index_key) until every
// row has been rewritten; the server refuses to start while a rotation is unfinished.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace bangyi::core {

using Key = std::array<unsigned char, 32>;

struct Secrets {
  Key field_encryption_key{};
  Key blind_index_key{};
  int field_key_id = 1;
  std::optional<Key> next_field_encryption_key;  // id field_key_id + 1
  std::optional<Key> next_blind_index_key;
  bool RotationPending() const { return next_field_encryption_key.has_value() || next_blind_index_key.has_value(); }
};

// 32 fresh random bytes.
Key NewKey();

// Replaces the file atomically (temporary file, fsync, rename, fsync of the folder), mode 0600.
void WriteSecretsFile(const std::string& path, const Secrets& secrets);

// Creates the file with fresh keys when it does not exist (parent folders too). Throws
// std::runtime_error when it exists but is readable by group or others.
void EnsureSecretsFile(const std::string& path);

// Reads the file; throws std::runtime_error naming the problem (missing key, bad encoding,
// wrong length, loose permissions).
Secrets LoadSecrets(const std::string& path);

}  // namespace bangyi::core
