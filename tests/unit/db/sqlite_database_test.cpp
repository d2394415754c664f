#include "db/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "db/migrator.hpp"

namespace bangyi::db {

namespace {

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bangyi-db-" + std::to_string(getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = Open("sqlite://" + (dir_ / "test.db").string(), OpenOptions{4, "FULL"});
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace

TEST_F(SqliteTest, MigratesToTheLatestVersionOnce) {
  EXPECT_EQ(SchemaVersion(*db_), 0);
  int applied = Migrate(*db_);
  EXPECT_EQ(applied, static_cast<int>(EmbeddedMigrations().size()));
  EXPECT_EQ(SchemaVersion(*db_), EmbeddedMigrations().back().version);
  EXPECT_EQ(Migrate(*db_), 0);
  auto n = db_->Read([](Connection& c) { return c.QueryOne("SELECT COUNT(*) AS n FROM divisions")->Int("n"); });
  EXPECT_EQ(n, 16 + 234);
}

TEST_F(SqliteTest, FailedMigrationLeavesTheDatabaseAsItWas) {
  std::vector<Migration> migrations = {
      {1, "0001_ok", "CREATE TABLE a (id INTEGER PRIMARY KEY);"},
      {2, "0002_broken", "CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO a (id) VALUES (1); SELECT * FROM nope;"},
  };
  EXPECT_THROW(Migrate(*db_, migrations), std::runtime_error);
  EXPECT_EQ(SchemaVersion(*db_), 1);
  db_->Read([](Connection& c) {
    EXPECT_FALSE(c.QueryOne("SELECT name FROM sqlite_master WHERE name = 'b'"));
    EXPECT_EQ(c.QueryOne("SELECT COUNT(*) AS n FROM a")->Int("n"), 0);
  });
}

TEST_F(SqliteTest, WriteRollsBackWhenTheCallbackThrows) {
  db_->Write([](Connection& c) { c.ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"); });
  EXPECT_THROW(db_->Write([](Connection& c) {
    c.Execute("INSERT INTO t (v) VALUES ($1)", {std::string("x")});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(db_->Read([](Connection& c) { return c.QueryOne("SELECT COUNT(*) AS n FROM t")->Int("n"); }), 0);
}

TEST_F(SqliteTest, UniqueViolationIsAConflict) {
  db_->Write([](Connection& c) {
    c.ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    c.Execute("INSERT INTO t (v) VALUES ($1)", {std::string("x")});
  });
  try {
    db_->Write([](Connection& c) { c.Execute("INSERT INTO t (v) VALUES ($1)", {std::string("x")}); });
    FAIL() << "expected a constraint error";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.kind(), ConstraintError::Kind::kUnique);
    EXPECT_EQ(core::HttpStatus(e.kind() == ConstraintError::Kind::kUnique ? core::ErrorKind::kConflict
                                                                         : core::ErrorKind::kInternal),
              409);
    EXPECT_EQ(e.code(), "duplicate");
  }
}

TEST_F(SqliteTest, DollarPlaceholdersBindByNumberInAnyOrder) {
  auto row = db_->Read([](Connection& c) {
    return c.QueryOne("SELECT $2 AS b, $1 AS a, $2 || $1 AS ba, $3 AS n", {int64_t{1}, std::string("two"), nullptr});
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Text("b"), "two");
  EXPECT_EQ(row->Int("a"), 1);
  EXPECT_EQ(row->Text("ba"), "two1");
  EXPECT_TRUE(row->IsNull("n"));
  EXPECT_THROW(row->Int("nope"), std::logic_error);
}

TEST_F(SqliteTest, ConcurrentWritersAllCommit) {
  db_->Write([](Connection& c) { c.ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, w INTEGER)"); });
  std::vector<std::thread> threads;
  for (int w = 0; w < 8; ++w) {
    threads.emplace_back([this, w] {
      for (int i = 0; i < 50; ++i) {
        db_->Write([&](Connection& c) { c.Execute("INSERT INTO t (w) VALUES ($1)", {int64_t{w}}); });
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(db_->Read([](Connection& c) { return c.QueryOne("SELECT COUNT(*) AS n FROM t")->Int("n"); }), 400);
  EXPECT_EQ(db_->Stats().writes_total, 401);
  EXPECT_LE(db_->Stats().size, 4);
}

TEST_F(SqliteTest, ForeignKeysAreEnforced) {
  Migrate(*db_);
  EXPECT_THROW(db_->Write([](Connection& c) {
    c.Execute("INSERT INTO organization_service_areas (organization_id, division_code) VALUES (999, '310101')");
  }),
               ConstraintError);
}

}  // namespace bangyi::db
