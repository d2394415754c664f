#include "core/field_crypto.hpp"

#include <sodium.h>

#include <vector>

#include "core/validation.hpp"

namespace bangyi::core {

namespace {

constexpr std::string_view kPrefix = "v1.";

std::string Base64(const unsigned char* data, size_t len) {
  std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string Stars(size_t n) { return std::string(n, '*'); }

}  // namespace

std::string FieldCipher::Encrypt(std::string_view plaintext, std::string_view column) const {
  std::vector<unsigned char> buf(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(column.data()), column.size(), nullptr, nonce, key_.data());
  return std::string(kPrefix) + std::to_string(key_id_) + "." +
         Base64(buf.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + clen);
}

int FieldCipher::KeyIdOf(std::string_view stored) {
  if (stored.substr(0, kPrefix.size()) != kPrefix) {
    return -1;
  }
  auto dot = stored.find('.', kPrefix.size());
  if (dot == std::string_view::npos || dot == kPrefix.size()) {
    return -1;
  }
  int id = 0;
  for (char c : stored.substr(kPrefix.size(), dot - kPrefix.size())) {
    if (c < '0' || c > '9' || id > 100000) {
      return -1;
    }
    id = id * 10 + (c - '0');
  }
  return id;
}

std::optional<std::string> FieldCipher::Decrypt(std::string_view stored, std::string_view column) const {
  if (KeyIdOf(stored) != key_id_) {
    return std::nullopt;
  }
  std::string_view body = stored.substr(stored.find('.', kPrefix.size()) + 1);
  std::vector<unsigned char> raw(body.size());
  size_t len = 0;
  if (sodium_base642bin(raw.data(), raw.size(), body.data(), body.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return std::nullopt;
  }
  const unsigned char* nonce = raw.data();
  const unsigned char* cipher = raw.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  size_t cipher_len = len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(cipher_len - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr,
                                                 cipher, cipher_len, reinterpret_cast<const unsigned char*>(column.data()),
                                                 column.size(), nonce, key_.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(plain_len);
  return plain;
}

std::string BlindIndex(const Key& key, std::string_view domain, std::string_view normalized_value) {
  unsigned char out[32];
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.data(), key.size(), sizeof out);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(domain.data()), domain.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(normalized_value.data()),
                            normalized_value.size());
  crypto_generichash_final(&state, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() == 18) {
    return std::string(id.substr(0, 3)) + Stars(11) + std::string(id.substr(14));
  }
  if (id.size() <= 4) {
    return Stars(id.size());
  }
  return Stars(id.size() - 4) + std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() == 11) {
    return std::string(phone.substr(0, 3)) + Stars(4) + std::string(phone.substr(7));
  }
  if (phone.size() <= 4) {
    return Stars(phone.size());
  }
  return Stars(phone.size() - 4) + std::string(phone.substr(phone.size() - 4));
}

std::string MaskText(std::string_view text) {
  // Keep the first two code points (e.g. a district name's start), hide the rest.
  size_t bytes = 0;
  int points = 0;
  while (bytes < text.size() && points < 2) {
    ++bytes;
    while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
      ++bytes;
    }
    ++points;
  }
  return std::string(text.substr(0, bytes)) + (text.size() > bytes ? "****" : "");
}

}  // namespace bangyi::core
