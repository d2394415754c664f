// <data-dir>/bangyi.lock: every running server holds it shared; `restore` needs it exclusively,
// so it refuses to replace a database that a server is using.
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace bangyi::app {

class DataDirLock {
 public:
  // Throws std::runtime_error when the lock is held in a conflicting mode.
  DataDirLock(const std::string& data_dir, bool exclusive) {
    std::string path = data_dir + "/bangyi.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0 || ::flock(fd_, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
      if (fd_ >= 0) {
        ::close(fd_);
      }
      throw std::runtime_error(exclusive ? "a server is running on " + data_dir + "; stop it first"
                                         : "cannot lock " + path);
    }
  }
  ~DataDirLock() { ::close(fd_); }
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace bangyi::app
