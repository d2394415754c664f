#include "core/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bangyi::core {

namespace {
std::string TempFile(const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / ("bangyi-config-" + std::to_string(getpid()) + ".toml")).string();
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST(Config, DefaultsAreSafe) {
  Config c;
  EXPECT_EQ(c.listen, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.sqlite_synchronous, "FULL");
  EXPECT_EQ(c.session_idle_timeout_seconds, 1800);
  EXPECT_EQ(c.session_absolute_timeout_seconds, 43200);
  EXPECT_EQ(c.DatabaseUrl(), "sqlite://data/bangyi.db");
  EXPECT_EQ(c.SecretsFile(), "data/secrets.key");
}

TEST(Config, TomlThenEnvironmentOverride) {
  std::string path = TempFile("port = 9090\nlisten = \"0.0.0.0\"\n[auth]\nsession_idle_timeout_seconds = 600\n"
                              "[database]\nsqlite_synchronous = \"NORMAL\"\n");
  Config c;
  ApplyTomlFile(c, path);
  EXPECT_EQ(c.port, 9090);
  EXPECT_EQ(c.listen, "0.0.0.0");
  EXPECT_EQ(c.session_idle_timeout_seconds, 600);
  EXPECT_EQ(c.sqlite_synchronous, "NORMAL");
  setenv("BANGYI_PORT", "7070", 1);
  ApplyEnvironment(c);
  unsetenv("BANGYI_PORT");
  EXPECT_EQ(c.port, 7070);
  std::filesystem::remove(path);
}

TEST(Config, BadValuesNameTheSetting) {
  std::string path = TempFile("port = 70000\n");
  Config c;
  try {
    ApplyTomlFile(c, path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos);
  }
  setenv("BANGYI_SQLITE_SYNCHRONOUS", "OFF", 1);
  EXPECT_THROW(ApplyEnvironment(c), std::runtime_error);
  unsetenv("BANGYI_SQLITE_SYNCHRONOUS");
  std::filesystem::remove(path);
}

}  // namespace bangyi::core
