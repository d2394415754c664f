// Platform secrets, kept outside the database in a file of their own (mode 0600):
//   field_encryption_key  XChaCha20-Poly1305 key for sensitive fields (ID numbers, phones, …)
//   blind_index_key       BLAKE2b key for blind indexes (find a person by exact ID number
//                         without decrypting anything)
// Both are 32 random bytes, URL-safe base64 in the file.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace bangyi::core {

using Key = std::array<unsigned char, 32>;

struct Secrets {
  Key field_encryption_key{};
  Key blind_index_key{};
};

// Creates the file with fresh keys when it does not exist (parent folders too). Throws
// std::runtime_error when it exists but is readable by group or others.
void EnsureSecretsFile(const std::string& path);

// Reads the file; throws std::runtime_error naming the problem (missing key, bad encoding,
// wrong length, loose permissions).
Secrets LoadSecrets(const std::string& path);

}  // namespace bangyi::core
