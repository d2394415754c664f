#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "api/api_client.hpp"

namespace bangyi::testing {

// Writers keep creating organizations while `bangyi backup` runs. Every organization whose
// creation was acknowledged before the backup started must be in the restored database.
TEST(Backup, ConsistentUnderWriteLoadAndRestorable) {
  if (TestEngine() != "sqlite") {
    GTEST_SKIP() << "bangyi backup is SQLite's online backup; PostgreSQL uses pg_dump (docs/deployment.md)";
  }
  TestServer server;
  std::string backup_file = server.data_dir() + "/backup.db";
  std::atomic<bool> backup_started{false};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<long long> before_backup;
  std::atomic<int> serial{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&] {
      Client c(server);
      if (c.Login("admin", TestServer::kAdminPassword).status != 200) {
        return;
      }
      while (!stop) {
        int n = ++serial;
        auto res = c.Post("/api/v1/organizations",
                          OrganizationBody("负载机构" + std::to_string(n), ValidCreditCode('2', "310101", n)));
        if (res.status == 201 && !backup_started) {
          std::lock_guard lock(mu);
          before_backup.insert(res.Json()["id"].get<long long>());
        }
      }
    });
  }
  while (serial < 30) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  backup_started = true;
  std::string out;
  int rc = server.RunCli({"backup", "--to", backup_file}, &out);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (auto& t : writers) {
    t.join();
  }
  ASSERT_EQ(rc, 0) << out;
  ASSERT_GE(before_backup.size(), 20u);
  long long live_total = server.CountRows("SELECT COUNT(*) FROM organizations");

  // Restore refuses while the server runs.
  EXPECT_NE(server.RunCli({"restore", "--from", backup_file}, &out), 0);
  EXPECT_NE(out.find("stop it"), std::string::npos) << out;

  ASSERT_EQ(server.Stop(), 0);
  ASSERT_EQ(server.RunCli({"restore", "--from", backup_file}, &out), 0) << out;
  long long restored_total = server.CountRows("SELECT COUNT(*) FROM organizations");
  EXPECT_LE(restored_total, live_total);
  for (long long id : before_backup) {
    EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM organizations WHERE id = " + std::to_string(id)), 1) << id;
  }
  // Every organization in the copy has its audit event: the copy is one transaction-consistent snapshot.
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM audit_events a"
                             " WHERE a.entity_type = 'organization' AND a.entity_id = CAST(o.id AS TEXT))"),
            0);
  // The replaced database was kept.
  bool kept = false;
  for (const auto& e : std::filesystem::directory_iterator(server.data_dir())) {
    kept = kept || e.path().filename().string().find("before-restore") != std::string::npos;
  }
  EXPECT_TRUE(kept);
  server.Start();
  Client c(server);
  ASSERT_EQ(c.Login("admin", TestServer::kAdminPassword).status, 200);
  EXPECT_EQ(c.Get("/api/v1/organizations").Json()["metadata"]["total"], restored_total);
}

TEST(Backup, RestoreRefusesAFileThatIsNotABangyiDatabase) {
  if (TestEngine() != "sqlite") {
    GTEST_SKIP() << "bangyi restore is for SQLite data directories";
  }
  TestServer server;
  ASSERT_EQ(server.Stop(), 0);
  std::string junk = server.data_dir() + "/junk.db";
  std::ofstream(junk) << "this is not sqlite";
  std::string out;
  EXPECT_NE(server.RunCli({"restore", "--from", junk}, &out), 0);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM users"), 1);  // untouched
}

}  // namespace bangyi::testing
