// Thin wrappers over libsodium. Call InitCrypto() once before any other function (it is safe to
// call more than once and from several threads).
#pragma once

#include <string>
#include <string_view>

namespace bangyi::core {

void InitCrypto();

// `bytes` random bytes, URL-safe base64 without padding (a 32-byte token is 43 chars).
std::string RandomToken(size_t bytes = 32);
// Lower-case hex SHA-256 of `data`. Used to store session and API tokens: the tokens themselves
// carry 256 bits of entropy, so an unkeyed fast hash is enough and the database never holds them.
std::string Sha256Hex(std::string_view data);

// Argon2id (crypto_pwhash_str, interactive limits). Thread-safe.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when the stored hash was made with weaker limits than the current ones.
bool PasswordNeedsRehash(std::string_view hash);

// Compares equal-length secrets in constant time.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace bangyi::core
