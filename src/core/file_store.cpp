#include "core/file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/file_type.hpp"
#include "core/validation.hpp"

namespace bangyi::core {

namespace fs = std::filesystem;

namespace {

fs::path PathOf(const std::string& root, const std::string& sha256) {
  return fs::path(root) / sha256.substr(0, 2) / sha256;
}

}  // namespace

CheckedUpload CheckUpload(const std::string& bytes, const std::string& declared_type, const std::string& filename) {
  FieldErrors errors;
  std::string name = Trim(filename);
  if (name.empty()) {
    errors.Add("filename", "required");
  } else if (Utf8Length(name) > 200 || !IsValidUtf8(name) || name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
    errors.Add("filename", "invalid");
  }
  if (bytes.empty()) {
    errors.Add("body", "required");
  }
  auto sniffed = SniffFileType(bytes);
  if (!bytes.empty() && (!sniffed || !DeclaredTypeMatches(declared_type, *sniffed))) {
    errors.Add("content_type", sniffed ? "mismatch" : "unsupported");
  }
  errors.ThrowIfAny();
  // Old Office files share one container format: the declared type (checked to be one of them) says which.
  std::string type =
      *sniffed == "application/x-ole-storage" ? declared_type.substr(0, declared_type.find(';')) : *sniffed;
  return {Sha256Hex(bytes), type, name, bytes.size()};
}

void StoreFile(const std::string& root, const std::string& sha256, const std::string& bytes) {
  fs::path target = PathOf(root, sha256);
  if (fs::exists(target)) {
    return;
  }
  fs::create_directories(target.parent_path());
  fs::path temp = target.string() + ".tmp" + RandomToken(6);
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

std::string LoadFile(const std::string& root, const std::string& sha256) {
  std::ifstream in(PathOf(root, sha256), std::ios::binary);
  if (!in) {
    throw std::runtime_error("stored file missing: " + sha256);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace bangyi::core
