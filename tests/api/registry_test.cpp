#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/api_client.hpp"
#include "core/field_crypto.hpp"
#include "core/secrets.hpp"

namespace bangyi::testing {

namespace {

class Registry : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "worker.a", "social_worker", org_a_);
    CreateUser(admin_, "worker.b", "social_worker", org_b_);
    worker_a_ = LoginNewUser(server_, "worker.a");
    worker_b_ = LoginNewUser(server_, "worker.b");
  }

  long long Household(Client& c) {
    auto res = c.Post("/api/v1/households", {{"district_code", "310101"},
                                             {"street_code", "310101002"},
                                             {"community", "南京东路居委"},
                                             {"address_detail", "黄浦区南京东路100弄3号"},
                                             {"categories", {{{"category", "dibao"}, {"valid_from", "2025-01-01"}}}}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json()["id"].get<long long>();
  }

  static nlohmann::json Person() {
    return {{"relation", "head"},        {"name", "王阿姨"},        {"gender", "male"},
            {"birth_date", "1958-03-12"}, {"id_number", "310101195803120178"}, {"phone", "+86 136 0001 1122"},
            {"conditions", {{"illness", "肺癌"}, {"living_alone", true}}}};
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0;
  long long org_b_ = 0;
  Client worker_a_{server_};
  Client worker_b_{server_};
};

bool Has(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

}  // namespace

TEST_F(Registry, RegistersMaskedAndRevealsWithAReasonAudited) {
  long long h = Household(worker_a_);
  auto person = worker_a_.Post("/api/v1/households/" + std::to_string(h) + "/persons", Person());
  ASSERT_EQ(person.status, 201) << person.body;
  auto p = person.Json();
  EXPECT_EQ(p["id_number"], "310***********0178");
  EXPECT_EQ(p["phone"], "136****1122");
  EXPECT_TRUE(p["is_elderly"].get<bool>());
  EXPECT_EQ(person.body.find("肺癌"), std::string::npos);
  std::string pid = std::to_string(p["id"].get<long long>());

  auto household = worker_a_.Get("/api/v1/households/" + std::to_string(h)).Json();
  EXPECT_EQ(household["address_detail"], "黄浦****");
  EXPECT_EQ(household["members"].size(), 1u);
  EXPECT_EQ(household["street_name"], "南京东路街道");

  auto no_reason = worker_a_.Post("/api/v1/persons/" + pid + "/reveal", nlohmann::json::object());
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(Has(no_reason, "reason:required"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'person.reveal'"), 0);

  auto revealed = worker_a_.Post("/api/v1/persons/" + pid + "/reveal", {{"reason", "办理临时救助申请"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], "310101195803120178");
  EXPECT_EQ(revealed.Json()["phone"], "13600011122");
  EXPECT_EQ(revealed.Json()["conditions"]["illness"], "肺癌");
  EXPECT_EQ(revealed.headers["cache-control"], "no-store");
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'person.reveal'"
                              " AND changes LIKE '%办理临时救助申请%' AND changes NOT LIKE '%310101195803120178%'"
                              " AND changes NOT LIKE '%13600011122%'"),
            1);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE changes LIKE '%310101195803120178%'"
                              " OR changes LIKE '%13600011122%' OR changes LIKE '%肺癌%'"),
            0);

  auto found = worker_a_.Get("/api/v1/persons?id_number=310101195803120178");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_b_.Get("/api/v1/persons?id_number=310101195803120178").Json()["metadata"]["total"], 0);
}

TEST_F(Registry, RefusesBadIdentityData) {
  long long h = Household(worker_a_);
  std::string path = "/api/v1/households/" + std::to_string(h) + "/persons";
  auto bad_check = Person();
  bad_check["id_number"] = "310101195803120179";
  auto r1 = worker_a_.Post(path, bad_check);
  EXPECT_EQ(r1.status, 422);
  EXPECT_TRUE(Has(r1, "id_number:checksum")) << r1.body;
  auto wrong_birth = Person();
  wrong_birth["birth_date"] = "1958-03-13";
  EXPECT_TRUE(Has(worker_a_.Post(path, wrong_birth), "birth_date:mismatch"));
  auto wrong_gender = Person();
  wrong_gender["gender"] = "female";
  EXPECT_TRUE(Has(worker_a_.Post(path, wrong_gender), "gender:mismatch"));
  auto bad_phone = Person();
  bad_phone["phone"] = "12345678901";
  EXPECT_TRUE(Has(worker_a_.Post(path, bad_phone), "phone:format"));
  auto bad_street = worker_a_.Post("/api/v1/households", {{"district_code", "310104"}, {"street_code", "310101002"}});
  EXPECT_TRUE(Has(bad_street, "street_code:mismatch")) << bad_street.body;
  auto bad_category = worker_a_.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"},
                                                             {"categories", {{{"category", "dibao"}, {"valid_from", "2025-13-01"}}}}});
  EXPECT_TRUE(Has(bad_category, "categories[0].valid_from:format"));
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM persons"), 0);
  ASSERT_EQ(worker_a_.Post(path, Person()).status, 201);
  auto dup = worker_a_.Post(path, Person());
  EXPECT_EQ(dup.status, 409);
  EXPECT_TRUE(Has(dup, "id_number:duplicate"));
}

TEST_F(Registry, ScopedToTheOrganizationAndRole) {
  long long h = Household(worker_a_);
  std::string hp = "/api/v1/households/" + std::to_string(h);
  auto person = worker_a_.Post(hp + "/persons", Person()).Json();
  std::string pp = "/api/v1/persons/" + std::to_string(person["id"].get<long long>());
  EXPECT_EQ(worker_b_.Get(hp).status, 403);
  EXPECT_EQ(worker_b_.Get(pp).status, 403);
  EXPECT_EQ(worker_b_.Post(pp + "/reveal", {{"reason", "好奇"}}).status, 403);
  EXPECT_EQ(worker_b_.Post(hp + "/persons", Person()).status, 403);
  EXPECT_EQ(worker_b_.Get("/api/v1/households").Json()["metadata"]["total"], 0);
  EXPECT_EQ(worker_a_.Get("/api/v1/households").Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_a_.Get("/api/v1/households/999999").status, 404);
  EXPECT_EQ(worker_a_.Get("/api/v1/persons/999999").status, 404);
  // Platform staff and government viewers never see individual households.
  EXPECT_EQ(admin_.Get(hp).status, 403);
  EXPECT_EQ(admin_.Get("/api/v1/households").status, 403);
  CreateUser(admin_, "gov.a", "gov_viewer", std::nullopt, "district", "310101");
  Client gov = LoginNewUser(server_, "gov.a");
  EXPECT_EQ(gov.Get(hp).status, 403);
  EXPECT_EQ(gov.Get(pp).status, 403);
  // An organization administrator reads but neither writes nor reveals.
  CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
  Client org_admin = LoginNewUser(server_, "orgadmin.a");
  EXPECT_EQ(org_admin.Get(hp).status, 200);
  EXPECT_EQ(org_admin.Post(pp + "/reveal", {{"reason", "核对信息"}}).status, 403);
  EXPECT_EQ(org_admin.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"}}).status, 403);
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get(hp).status, 401);
}

// PIPL: the database file on disk holds no clear ID number, phone or address detail.
TEST_F(Registry, TheSqliteFileHoldsNoClearSensitiveValues) {
  if (server_.engine() != "sqlite") {
    GTEST_SKIP() << "reads the SQLite file directly";
  }
  long long h = Household(worker_a_);
  ASSERT_EQ(worker_a_.Post("/api/v1/households/" + std::to_string(h) + "/persons", Person()).status, 201);
  std::string bytes;
  for (const auto& suffix : {"", "-wal"}) {
    std::ifstream in(server_.db_path() + suffix, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes += ss.str();
  }
  ASSERT_GT(bytes.size(), 10000u);
  for (const char* secret : {"310101195803120178", "13600011122", "南京东路100弄", "肺癌"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(bytes.find("310***********0178"), std::string::npos);  // the masked form is stored
}

TEST_F(Registry, UpdatesHouseholdsAndPersonsWithVersionsKeepingSecretsUnlessGiven) {
  long long h = Household(worker_a_);
  std::string hp = "/api/v1/households/" + std::to_string(h);
  auto person = worker_a_.Post(hp + "/persons", Person()).Json();
  std::string pp = "/api/v1/persons/" + std::to_string(person["id"].get<long long>());

  nlohmann::json body = {{"district_code", "310101"}, {"street_code", "310101002"}, {"community", "新居委"},
                         {"categories", {{{"category", "low_income"}, {"valid_from", "2025-06-01"}}}},
                         {"notes", "已核对"}, {"version", 1}};
  auto updated = worker_a_.Put(hp, body);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["community"], "新居委");
  EXPECT_EQ(updated.Json()["address_detail"], "黄浦****");  // not given: kept
  EXPECT_EQ(updated.Json()["version"], 2);
  auto stale = worker_a_.Put(hp, body);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "version_conflict");
  body["version"] = 2;
  body["street_code"] = "310104003";  // a Xuhui street under Huangpu
  EXPECT_TRUE(Has(worker_a_.Put(hp, body), "street_code:mismatch"));
  body.erase("version");
  EXPECT_TRUE(Has(worker_a_.Put(hp, body), "version:required"));
  EXPECT_EQ(worker_b_.Put(hp, {{"district_code", "310101"}, {"street_code", "310101002"}, {"version", 2}}).status, 403);
  EXPECT_EQ(worker_a_.Put("/api/v1/households/99999", {{"version", 1}}).status, 404);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action = 'household.update'"), 1);

  // A person: the stored ID still checks a new birth date; the phone changes only when given.
  nlohmann::json change = {{"relation", "head"}, {"name", "王阿姨"}, {"gender", "male"}, {"birth_date", "1958-03-13"},
                           {"version", 1}};
  auto mismatch = worker_a_.Put(pp, change);
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_TRUE(Has(mismatch, "birth_date:mismatch")) << mismatch.body;
  change["birth_date"] = "1958-03-12";
  change["name"] = "王秀英";
  change["phone"] = "139 0000 1111";
  auto renamed = worker_a_.Put(pp, change);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["name"], "王秀英");
  EXPECT_EQ(renamed.Json()["phone"], "139****1111");
  EXPECT_EQ(renamed.Json()["id_number"], "310***********0178");
  auto revealed = worker_a_.Post(pp + "/reveal", {{"reason", "核对变更"}}).Json();
  EXPECT_EQ(revealed["id_number"], "310101195803120178");
  EXPECT_EQ(revealed["conditions"]["illness"], "肺癌");
  EXPECT_EQ(worker_a_.Put(pp, change).ErrorCode(), "version_conflict");
  auto audit = server_.Query("SELECT changes FROM audit_events WHERE action = 'person.update'");
  EXPECT_EQ(audit.find("1390000"), std::string::npos);
}

TEST_F(Registry, ListsByMemberNameAndCategoryAndKeepsFinances) {
  long long h = Household(worker_a_);
  ASSERT_EQ(worker_a_.Post("/api/v1/households/" + std::to_string(h) + "/persons", Person()).status, 201);
  long long other = Household(worker_a_);
  EXPECT_EQ(worker_a_.Get("/api/v1/households").Json()["metadata"]["total"], 2);
  auto by_name = worker_a_.Get("/api/v1/households?q=%E7%8E%8B%E9%98%BF").Json();  // 王阿
  ASSERT_EQ(by_name["data"].size(), 1u);
  EXPECT_EQ(by_name["data"][0]["id"], h);
  EXPECT_EQ(worker_a_.Get("/api/v1/households?category=dibao").Json()["data"].size(), 2u);
  EXPECT_EQ(worker_a_.Get("/api/v1/households?category=policy_edge").Json()["data"].size(), 0u);
  EXPECT_TRUE(Has(worker_a_.Get("/api/v1/households?category=rich"), "category:invalid"));

  std::string fp = "/api/v1/households/" + std::to_string(h) + "/finances";
  auto income = worker_a_.Post(fp, {{"kind", "income"}, {"category", "pension"}, {"amount_yuan", "2150.50"},
                                    {"period_month", "2026-03"}});
  ASSERT_EQ(income.status, 201) << income.body;
  ASSERT_EQ(worker_a_.Post(fp, {{"kind", "expenditure"}, {"category", "medical"}, {"amount_yuan", 860},
                                {"period_month", "2026-03"}, {"note", "化疗自付"}})
                .status,
            201);
  auto bad = worker_a_.Post(fp, {{"kind", "income"}, {"category", "medical"}, {"amount_yuan", "-5"},
                                 {"period_month", "2026-13"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "category:invalid"));
  EXPECT_TRUE(Has(bad, "amount_yuan:invalid"));
  EXPECT_TRUE(Has(bad, "period_month:format"));
  EXPECT_TRUE(Has(worker_a_.Post(fp, {{"kind", "income"}, {"category", "wages"}, {"amount_yuan", "1.234"},
                                      {"period_month", "2999-01"}}),
                  "period_month:in_future"));
  auto finances = worker_a_.Get(fp).Json();
  ASSERT_EQ(finances["data"].size(), 2u);
  ASSERT_EQ(finances["months"].size(), 1u);
  EXPECT_EQ(finances["months"][0]["income_yuan"], "2150.50");
  EXPECT_EQ(finances["months"][0]["expenditure_yuan"], "860.00");
  EXPECT_EQ(finances["months"][0]["income_per_member_yuan"], "2150.50");
  EXPECT_EQ(worker_b_.Get(fp).status, 403);
  EXPECT_EQ(worker_b_.Post(fp, {{"kind", "income"}, {"category", "wages"}, {"amount_yuan", "1"}, {"period_month", "2026-01"}}).status, 403);

  // Merging the second household into the first keeps everything, and the merged one leaves lists.
  ASSERT_EQ(worker_a_.Post("/api/v1/households/" + std::to_string(other) + "/persons",
                           {{"relation", "head"}, {"name", "李伯伯"}, {"gender", "male"}, {"birth_date", "1950-05-05"}})
                .status,
            201);
  std::string mp = "/api/v1/households/" + std::to_string(h) + "/merge";
  EXPECT_TRUE(Has(worker_a_.Post(mp, {{"from_household_id", h}}), "from_household_id:same_household"));
  EXPECT_EQ(worker_b_.Post(mp, {{"from_household_id", other}}).status, 403);
  auto merged = worker_a_.Post(mp, {{"from_household_id", other}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.Json()["members"].size(), 2u);
  EXPECT_EQ(worker_a_.Get("/api/v1/households").Json()["metadata"]["total"], 1);
  EXPECT_EQ(worker_a_.Get("/api/v1/households/" + std::to_string(other)).Json()["merged_into_id"], h);
  EXPECT_EQ(worker_a_.Post(mp, {{"from_household_id", other}}).status, 404);
  EXPECT_EQ(server_.CountRows("SELECT COUNT(*) FROM audit_events WHERE action LIKE 'household.merge%'"), 2);
}

// Acceptance: the seeded database holds no clear ID number, phone or detail address of any
// seeded person — every encrypted value is decrypted here and looked for in the raw file.
TEST(RegistrySeed, TheSeededSqliteFileHoldsNoClearValueOfAnySeededPerson) {  // volunteers included
  TestServer server(std::map<std::string, std::string>{}, /*create_admin=*/false);
  if (server.engine() != "sqlite") {
    GTEST_SKIP() << "reads the SQLite file directly";
  }
  std::string out;
  ASSERT_EQ(server.RunCli({"seed-demo", "--quiet"}, &out), 0) << out;
  core::Secrets secrets = core::LoadSecrets(server.data_dir() + "/secrets.key");
  core::FieldCipher cipher(secrets.field_encryption_key);
  std::set<std::string> ids, phones;
  std::vector<std::string> addresses;
  std::stringstream persons(server.Query("SELECT id_number_enc || '|' || phone_enc FROM persons"));
  for (std::string line; std::getline(persons, line);) {
    auto bar = line.find('|');
    ids.insert(*cipher.Decrypt(line.substr(0, bar), "persons.id_number"));
    if (bar + 1 < line.size()) {
      phones.insert(*cipher.Decrypt(line.substr(bar + 1), "persons.phone"));
    }
  }
  // Volunteers' ID numbers and phones are sealed the same way (their own columns and AAD).
  std::stringstream volunteers(server.Query("SELECT id_number_enc || '|' || phone_enc FROM volunteers"));
  size_t volunteer_count = 0;
  for (std::string line; std::getline(volunteers, line); ++volunteer_count) {
    auto bar = line.find('|');
    ids.insert(*cipher.Decrypt(line.substr(0, bar), "volunteers.id_number"));
    phones.insert(*cipher.Decrypt(line.substr(bar + 1), "volunteers.phone"));
  }
  ASSERT_GT(volunteer_count, 2000u);
  std::stringstream households(server.Query("SELECT address_enc FROM households"));
  for (std::string line; std::getline(households, line);) {
    addresses.push_back(*cipher.Decrypt(line, "households.address"));
  }
  ASSERT_GT(ids.size(), 5000u);
  ASSERT_GT(phones.size(), 1000u);
  std::string bytes;
  for (const auto& suffix : {"", "-wal"}) {
    std::ifstream in(server.db_path() + suffix, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes += ss.str();
  }
  // Every run of digits (an ID may end in X) is checked against every clear ID and phone.
  for (size_t i = 0; i < bytes.size();) {
    if (!std::isdigit(static_cast<unsigned char>(bytes[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < bytes.size() && (std::isdigit(static_cast<unsigned char>(bytes[j])) || bytes[j] == 'X')) {
      ++j;
    }
    std::string run = bytes.substr(i, j - i);
    for (size_t k = 0; k + 11 <= run.size(); ++k) {
      ASSERT_EQ(phones.count(run.substr(k, 11)), 0u) << "clear phone in the file";
      if (k + 18 <= run.size()) {
        ASSERT_EQ(ids.count(run.substr(k, 18)), 0u) << "clear ID number in the file";
      }
    }
    i = j;
  }
  for (size_t n = 0; n < addresses.size(); n += 7) {  // every 7th address: the search is per value
    EXPECT_EQ(bytes.find(addresses[n]), std::string::npos) << addresses[n];
  }
}

}  // namespace bangyi::testing

namespace bangyi::testing {

// bangyi rotate-keys: refused while serving; afterwards every value is under the new key id,
// the old key is gone from the file, and reveal and ID-number search still work.
TEST(RegistryKeys, RotationReencryptsEverythingAndKeepsSearchWorking) {
  TestServer server;
  Client admin(server);
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword).status, 200);
  long long org = CreateOrganization(admin, "甲社工机构", 1, "310101");
  CreateUser(admin, "worker.k", "social_worker", org);
  Client worker = LoginNewUser(server, "worker.k");
  long long h = worker.Post("/api/v1/households", {{"district_code", "310101"}, {"street_code", "310101002"},
                                                   {"address_detail", "南京东路100弄3号"}})
                    .Json()["id"]
                    .get<long long>();
  auto person = worker.Post("/api/v1/households/" + std::to_string(h) + "/persons",
                            {{"relation", "head"}, {"name", "王阿姨"}, {"gender", "male"}, {"birth_date", "1958-03-12"},
                             {"id_number", "310101195803120178"}, {"phone", "13600011122"},
                             {"conditions", {{"illness", "肺癌"}}}});
  ASSERT_EQ(person.status, 201) << person.body;
  std::string pid = std::to_string(person.Json()["id"].get<long long>());
  std::string before = server.Query("SELECT id_number_enc || phone_enc || id_number_bidx FROM persons");
  std::string secrets_before;
  {
    std::ifstream in(server.data_dir() + "/secrets.key");
    secrets_before.assign(std::istreambuf_iterator<char>(in), {});
  }

  std::string out;
  EXPECT_NE(server.RunCli({"rotate-keys"}, &out), 0) << out;  // the server holds the data directory
  ASSERT_EQ(server.Stop(), 0);
  ASSERT_EQ(server.RunCli({"rotate-keys", "--blind-index"}, &out), 0) << out;
  EXPECT_NE(out.find("4 values re-encrypted, 1 blind indexes"), std::string::npos) << out;
  std::string secrets_after;
  {
    std::ifstream in(server.data_dir() + "/secrets.key");
    secrets_after.assign(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_NE(secrets_after.find("field_key_id = 2"), std::string::npos);
  EXPECT_EQ(secrets_after.find("next_"), std::string::npos);
  auto key_line = [](const std::string& text, const std::string& name) {
    auto at = text.find(name + " = ");
    return text.substr(at, text.find('\n', at) - at);
  };
  EXPECT_NE(key_line(secrets_before, "field_encryption_key"), key_line(secrets_after, "field_encryption_key"));
  EXPECT_NE(key_line(secrets_before, "blind_index_key"), key_line(secrets_after, "blind_index_key"));
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM persons WHERE id_number_enc NOT LIKE 'v1.2.%' OR phone_enc NOT LIKE 'v1.2.%'"), 0);
  EXPECT_EQ(server.CountRows("SELECT COUNT(*) FROM households WHERE address_enc NOT LIKE 'v1.2.%'"), 0);
  EXPECT_NE(server.Query("SELECT id_number_enc || phone_enc || id_number_bidx FROM persons"), before);

  server.Start();
  Client again(server);
  ASSERT_EQ(again.Login("worker.k", "worker.k-Password-2").status, 200);
  auto revealed = again.Post("/api/v1/persons/" + pid + "/reveal", {{"reason", "密钥轮换后核对"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], "310101195803120178");
  EXPECT_EQ(revealed.Json()["phone"], "13600011122");
  EXPECT_EQ(revealed.Json()["conditions"]["illness"], "肺癌");
  EXPECT_EQ(again.Get("/api/v1/persons?id_number=310101195803120178").Json()["data"].size(), 1u);
  // A second rotation goes on from key 2.
  ASSERT_EQ(server.Stop(), 0);
  ASSERT_EQ(server.RunCli({"rotate-keys"}, &out), 0) << out;
  EXPECT_NE(out.find("field key 2 -> 3"), std::string::npos) << out;
}

}  // namespace bangyi::testing
