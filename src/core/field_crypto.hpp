// Protection of sensitive personal information (PIPL): encryption at rest, blind indexes and
// masking. Plain functions over libsodium; no database or HTTP types.
//
//   FieldCipher  XChaCha20-Poly1305 (IETF AEAD), a fresh 192-bit random nonce per value. The
//                stored form is "v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>". The
//                associated data binds a value to its column ("persons.id_number"), so a
//                ciphertext copied into another column does not decrypt.
//   BlindIndex   keyed BLAKE2b-256 of a normalized value, hex: equality search and duplicate
//                detection across organizations without decrypting.
//   Mask*        what the UI shows by default: 310***********0178, 139****5678.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/secrets.hpp"

namespace bangyi::core {

class FieldCipher {
 public:
  // `key_id` names the key inside stored values, so a rotation can tell old values from new.
  FieldCipher(const Key& key, int key_id = 1) : key_(key), key_id_(key_id) {}

  std::string Encrypt(std::string_view plaintext, std::string_view column) const;
  // nullopt when the value was not made by this key for this column, or was altered.
  std::optional<std::string> Decrypt(std::string_view stored, std::string_view column) const;
  // The key id a stored value names, or -1 when it is not in the stored form.
  static int KeyIdOf(std::string_view stored);

 private:
  Key key_;
  int key_id_;
};

// Hex BLAKE2b-256 keyed with the blind-index key; `domain` separates kinds of values
// ("resident_id", "phone") so equal strings of different kinds never share an index.
std::string BlindIndex(const Key& key, std::string_view domain, std::string_view normalized_value);

// 18-char resident ID: first 3 and last 4 kept ("310***********0178"). Other lengths: all but
// the last 4 hidden.
std::string MaskIdNumber(std::string_view id);
// 11-digit mobile: "139****5678"; other numbers: all but the last 4 hidden.
std::string MaskPhone(std::string_view phone);
// Free text (a detail address): the first 2 characters kept, the rest as "****".
std::string MaskText(std::string_view text);

}  // namespace bangyi::core
