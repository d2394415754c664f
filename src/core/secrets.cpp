#include "core/secrets.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <toml++/toml.h>

#include "core/crypto.hpp"

namespace bangyi::core {

namespace {

void CheckPermissions(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw std::runtime_error("secrets file " + path + " does not exist");
  }
  if ((st.st_mode & 077) != 0) {
    throw std::runtime_error(path + " is readable by group or others; run: chmod 600 " + path);
  }
}

Key DecodeKey(const toml::table& table, const char* name, const std::string& path) {
  auto text = table[name].value<std::string>();
  if (!text) {
    throw std::runtime_error(path + ": missing " + name);
  }
  Key key{};
  size_t len = 0;
  if (sodium_base642bin(key.data(), key.size(), text->data(), text->size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len != key.size()) {
    throw std::runtime_error(path + ": " + name + " is not 32 bytes of URL-safe base64");
  }
  return key;
}

std::string EncodeKey(const Key& key) {
  std::string out(sodium_base64_ENCODED_LEN(key.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), key.data(), key.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

constexpr const char* kHeader =
    "# Bangyi platform secrets. Keep this file out of database backups, and back it up apart:\n"
    "# without it, encrypted fields cannot be read.\n";

}  // namespace

Key NewKey() {
  Key key{};
  randombytes_buf(key.data(), key.size());
  return key;
}

void WriteSecretsFile(const std::string& path, const Secrets& secrets) {
  std::string text = std::string(kHeader) + "field_encryption_key = \"" + EncodeKey(secrets.field_encryption_key) +
                     "\"\nfield_key_id = " + std::to_string(secrets.field_key_id) + "\nblind_index_key = \"" +
                     EncodeKey(secrets.blind_index_key) + "\"\n";
  if (secrets.next_field_encryption_key) {
    text += "next_field_encryption_key = \"" + EncodeKey(*secrets.next_field_encryption_key) + "\"\n";
  }
  if (secrets.next_blind_index_key) {
    text += "next_blind_index_key = \"" + EncodeKey(*secrets.next_blind_index_key) + "\"\n";
  }
  std::string temp = path + ".new";
  ::unlink(temp.c_str());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + temp);
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write secrets file " + path);
  }
  auto parent = std::filesystem::path(path).parent_path();
  int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void EnsureSecretsFile(const std::string& path) {
  if (std::filesystem::exists(path)) {
    CheckPermissions(path);
    return;
  }
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot create secrets file " + path);
  }
  std::string text = "# Bangyi platform secrets. Keep this file out of database backups, and back it up apart:\n"
                     "# without it, encrypted fields cannot be read.\n"
                     "field_encryption_key = \"" + RandomToken(32) + "\"\n"
                     "blind_index_key = \"" + RandomToken(32) + "\"\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    throw std::runtime_error("cannot write secrets file " + path);
  }
}

Secrets LoadSecrets(const std::string& path) {
  CheckPermissions(path);
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(path + ": " + std::string(e.description()));
  }
  Secrets secrets{DecodeKey(table, "field_encryption_key", path), DecodeKey(table, "blind_index_key", path)};
  secrets.field_key_id = static_cast<int>(table["field_key_id"].value_or(int64_t{1}));
  if (secrets.field_key_id < 1 || secrets.field_key_id > 1000000) {
    throw std::runtime_error(path + ": field_key_id must be a positive number");
  }
  if (table.contains("next_field_encryption_key")) {
    secrets.next_field_encryption_key = DecodeKey(table, "next_field_encryption_key", path);
  }
  if (table.contains("next_blind_index_key")) {
    secrets.next_blind_index_key = DecodeKey(table, "next_blind_index_key", path);
  }
  return secrets;
}

}  // namespace bangyi::core
