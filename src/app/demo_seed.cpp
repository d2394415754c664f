// Demo data: deterministic, synthetic Shanghai data. The foundation, 114 social organizations
// spread over the 16 districts (valid credit codes), four staff accounts per organization, and
// one login per role with a random password written to <data-dir>/demo-credentials.txt (0600).
// Staff accounts other than the demo logins have no password until an administrator sets one.
#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <random>
#include <set>

#include "app/application.hpp"
#include "app/demo_cases.hpp"
#include "app/demo_people.hpp"
#include "app/demo_surveys.hpp"
#include "app/demo_volunteers.hpp"
#include "app/demo_rounds.hpp"
#include "core/crypto.hpp"
#include "core/validation.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/audit/audit.hpp"
#include "modules/divisions/division_repository.hpp"
#include "modules/kpis/rollup.hpp"
#include "modules/organizations/organization_repository.hpp"
#include "modules/registry/registry_repository.hpp"
#include "core/field_crypto.hpp"
#include "core/secrets.hpp"

namespace bangyi::app {

namespace {

constexpr std::string_view kCountUsers = "SELECT COUNT(*) AS n FROM users";
constexpr int kOrganizations = 114;

const std::vector<std::string> kWords = {"阳光", "启明", "馨家", "乐群", "同心", "益家", "向阳", "本心", "春晖",
                                         "知行", "和悦", "安康", "暖心", "彩虹", "友邻", "睦邻", "乐龄", "惠民",
                                         "心桥", "明德", "善邻", "新航", "微光", "扶摇", "携手", "守望", "晨曦"};
struct Suffix {
  const char* text;
  const char* type;
};
const std::vector<Suffix> kSuffixes = {{"社会工作服务中心", "social_service_agency"},
                                       {"社工师事务所", "social_service_agency"},
                                       {"公益服务社", "social_service_agency"},
                                       {"社区服务协会", "social_group"},
                                       {"青少年发展中心", "social_service_agency"},
                                       {"助老服务社", "social_service_agency"},
                                       {"社会工作者协会", "social_group"}};
const std::vector<std::string> kRatings = {"", "3A", "4A", "5A", "4A", "3A"};

std::string CreditCode(char category, const std::string& district, int serial) {
  char body[32];
  std::snprintf(body, sizeof body, "5%c%sMJ%07d", category, district.c_str(), 4100000 + serial * 37);
  std::string first17(body);
  return first17 + core::CreditCodeCheckChar(first17);
}

constexpr int kHouseholdsPerOrganization = 30;  // ~210 per district
const std::vector<std::string> kCategories = {"dibao", "dibao", "low_income", "expenditure_poverty",
                                              "extreme_poverty", "temporary_assistance", "policy_edge"};
const std::vector<std::string> kRoads = {"共和新路", "场中路", "彭浦路", "临汾路", "南京东路", "西藏中路", "漕溪北路",
                                         "虹桥路", "长寿路", "曹杨路", "控江路", "浦东大道", "沪闵路", "嘉松北路"};
const std::vector<std::string> kIllnesses = {"肺癌", "尿毒症", "糖尿病并发症", "脑卒中后遗症", "白血病", "慢阻肺"};

}  // namespace

bool SeedDemo(const core::Config& config, bool quiet) {
  core::InitCrypto();
  auto db = OpenDatabase(config);
  if (db->Read([](db::Connection& c) { return c.QueryOne(kCountUsers)->Int("n"); }) > 0) {
    return false;
  }
  auto divisions = db->Read([](db::Connection& c) { return divisions::DivisionIndex::Load(c); });
  core::EnsureSecretsFile(config.SecretsFile());
  core::Secrets secrets = core::LoadSecrets(config.SecretsFile());
  core::FieldCipher cipher(secrets.field_encryption_key, secrets.field_key_id);
  Rng rng(2018);
  struct Login {
    std::string role, username, password;
  };
  std::vector<Login> logins;
  DemoCaseCounts case_counts;
  DemoRoundUsers round_users;
  DemoRoundCounts round_counts;
  DemoVolunteerCounts volunteer_counts;
  DemoSurveyCounts survey_counts;
  int64_t demo_volunteer_user = 0;

  // Hash the demo passwords before taking the write lock (Argon2id is deliberately slow).
  struct DemoUser {
    std::string role, username, display_name, scope_type;
    int org_index;  // -1: no organization; else index into created orgs
    std::string scope_id;
    std::string password, hash;
  };
  std::vector<DemoUser> demo = {
      {"foundation_admin", "admin", "基金会管理员", "platform", -1, "", "", ""},
      {"program_officer", "officer", "项目官员 陈静", "platform", -1, "", "", ""},
      {"finance", "finance", "财务 周敏", "platform", -1, "", "", ""},
      {"reviewer", "reviewer", "评审专家 吴教授", "platform", -1, "", "", ""},
      {"org_admin", "orgadmin", "机构管理员 李华", "organization", 1, "", "", ""},
      {"social_worker", "worker", "社工 贾老师", "organization", 1, "", "", ""},
      {"supervisor", "supervisor", "督导 毛老师", "organization", 1, "", "", ""},
      {"volunteer", "volunteer", "志愿者 小王", "organization", 1, "", "", ""},
      {"community_adviser", "adviser", "社区救助顾问 张阿姨", "street", -1, "", "", ""},
      {"gov_viewer", "gov", "区民政局 观察员", "district", -1, "", "", ""},
      {"donor", "donor", "爱心人士 刘先生", "platform", -1, "", "", ""},
  };
  for (auto& u : demo) {
    u.password = "Demo-" + core::RandomToken(9);
    u.hash = core::HashPassword(u.password);
  }

  db->Write([&](db::Connection& c) {
    // The KPI rollups of thousands of records are counted in memory and written once.
    kpis::BulkLoad rollups(c);
    audit::Actor actor{std::nullopt, "seed-demo", "", "local"};
    std::vector<int64_t> org_ids;
    std::vector<std::string> org_districts;
    std::set<std::string> names;
    auto add_org = [&](organizations::Organization o) {
      int64_t id = organizations::InsertOrganization(c, o);
      org_ids.push_back(id);
      org_districts.push_back(o.registered_district);
      audit::Record(c, actor, {"organization.create", "organization", std::to_string(id), id,
                               {{"name", {{"from", nullptr}, {"to", o.name}}}}});
    };

    organizations::Organization foundation;
    foundation.name = "上海市帮困互助基金会";
    foundation.credit_code = CreditCode('3', "310000", 0);
    foundation.org_type = "foundation";
    foundation.rating = "5A";
    foundation.registered_district = "310106";
    foundation.districts_served = divisions.districts();
    foundation.contact_name = PersonName(rng);
    foundation.contact_phone = "021-63211234";
    foundation.address = "静安区（示例地址）";
    add_org(foundation);

    const auto& districts = divisions.districts();
    for (int i = 0; i < kOrganizations; ++i) {
      organizations::Organization o;
      o.registered_district = districts[static_cast<size_t>(i) % districts.size()];
      const auto* district = divisions.Find(o.registered_district);
      std::string short_name = district->name.substr(0, district->name.size() - std::string("区").size());
      const Suffix& suffix = kSuffixes[rng.Below(kSuffixes.size())];
      std::string name;
      do {
        name = "上海市" + short_name + "区" + rng.Pick(kWords) + suffix.text;
      } while (!names.insert(name).second);
      o.name = i == 0 ? "上海申爱社会工作发展中心" : name;
      o.org_type = suffix.type;
      o.credit_code = CreditCode(o.org_type == "social_group" ? '1' : '2', o.registered_district, i + 1);
      o.rating = rng.Pick(kRatings);
      o.districts_served = {o.registered_district};
      auto streets = divisions.StreetsOf(o.registered_district);
      size_t n = 1 + rng.Below(3);
      for (size_t k = 0; k < n && !streets.empty(); ++k) {
        const std::string& s = streets[rng.Below(streets.size())];
        if (std::find(o.streets_served.begin(), o.streets_served.end(), s) == o.streets_served.end()) {
          o.streets_served.push_back(s);
        }
      }
      o.contact_name = PersonName(rng);
      o.contact_phone = Phone(rng);
      o.contact_email = "contact" + std::to_string(i + 1) + "@example.org";
      o.address = district->name + "（示例地址）" + std::to_string(1 + rng.Below(999)) + "号";
      add_org(std::move(o));
    }

    // Four staff accounts per social organization, without passwords (activated by an admin).
    std::vector<DemoOrganization> case_orgs(org_ids.size());
    int serial = 0;
    for (size_t k = 1; k < org_ids.size(); ++k) {
      case_orgs[k].id = org_ids[k];
      for (const char* role : {"org_admin", "social_worker", "social_worker", "supervisor"}) {
        accounts::User u;
        u.username = "staff" + std::to_string(++serial);
        u.display_name = PersonName(rng);
        u.organization_id = org_ids[k];
        u.status = "active";
        int64_t id = accounts::InsertUser(c, u);
        accounts::ReplaceRoles(c, id, org_ids[k], {{role, "organization", std::to_string(org_ids[k])}});
        if (std::string(role) == "org_admin") {
          case_orgs[k].admin = id;
        } else if (std::string(role) == "social_worker") {
          case_orgs[k].workers.push_back(id);
        } else if (std::string(role) == "supervisor") {
          case_orgs[k].supervisor = id;
        }
      }
    }

    // Households with members in every social organization, sensitive fields encrypted as the
    // registry service does.
    for (size_t k = 1; k < org_ids.size(); ++k) {
      const std::string& district = org_districts[k];
      auto streets = divisions.StreetsOf(district);
      for (int n = 0; n < kHouseholdsPerOrganization; ++n) {
        registry::HouseholdRow h;
        h.organization_id = org_ids[k];
        h.district_code = district;
        h.street_code = streets[rng.Below(streets.size())];
        h.community = rng.Pick(kWords) + "居委";
        std::string address = rng.Pick(kRoads) + std::to_string(1 + rng.Below(999)) + "弄" +
                              std::to_string(1 + rng.Below(60)) + "号";
        h.address_enc = cipher.Encrypt(address, "households.address");
        h.address_masked = core::MaskText(address);
        std::string category = rng.Pick(kCategories);
        h.categories = nlohmann::json::array({{{"category", category},
                                              {"certificate", category == "policy_edge" ? "" : "证" + std::to_string(k * 100 + n)},
                                              {"valid_from", "2025-0" + std::to_string(1 + rng.Below(9)) + "-01"},
                                              {"valid_to", nullptr}}})
                           .dump();
        int64_t household_id = registry::InsertHousehold(c, h);
        case_orgs[k].households.push_back({household_id, {}});
        size_t members = 1 + rng.Below(4);
        for (size_t m = 0; m < members; ++m) {
          registry::PersonRow p;
          p.organization_id = org_ids[k];
          p.household_id = household_id;
          p.relation = m == 0 ? "head" : (m == 1 ? "spouse" : "child");
          bool male = rng.Below(2) == 0;
          p.gender = male ? "male" : "female";
          p.birth_date = m < 2 ? BirthDate(rng, 1940, 1975) : BirthDate(rng, 2008, 2020);
          p.name = PersonName(rng);
          std::string id = SyntheticId(district, p.birth_date, male, rng);
          p.id_number_enc = cipher.Encrypt(id, "persons.id_number");
          p.id_number_bidx = core::BlindIndex(secrets.blind_index_key, "resident_id", id);
          p.id_number_masked = core::MaskIdNumber(id);
          if (m == 0) {
            std::string phone = Phone(rng);
            p.phone_enc = cipher.Encrypt(phone, "persons.phone");
            p.phone_masked = core::MaskPhone(phone);
            if (rng.Below(2) == 0) {
              p.conditions_enc = cipher.Encrypt(nlohmann::json{{"illness", rng.Pick(kIllnesses)}}.dump(), "persons.conditions");
            }
          }
          case_orgs[k].households.back().persons.push_back(registry::InsertPerson(c, p));
        }
        // Three months of income and, for a medical household, rigid expenditure.
        for (const char* month : {"2026-08", "2026-09", "2026-10"}) {
          bool pension = rng.Below(2) == 0;
          registry::InsertFinance(c, {org_ids[k], household_id, "income", pension ? "pension" : "dibao_payment", month,
                                      "", static_cast<int64_t>(120000 + rng.Below(200000)), std::nullopt});
          if (category == "expenditure_poverty" || rng.Below(3) == 0) {
            registry::InsertFinance(c, {org_ids[k], household_id, "expenditure", "medical", month, "自付医疗费用",
                                        static_cast<int64_t>(50000 + rng.Below(400000)), std::nullopt});
          }
        }
      }
    }

    // The demo logins, in the first social organization and its district.
    const std::string& district = org_districts[1];
    for (auto& d : demo) {
      accounts::User u;
      u.username = d.username;
      u.display_name = d.display_name;
      u.password_hash = d.hash;
      u.status = "active";
      std::string scope_id;
      if (d.org_index >= 0) {
        u.organization_id = org_ids[static_cast<size_t>(d.org_index)];
        scope_id = std::to_string(*u.organization_id);
      } else if (d.scope_type == "district") {
        scope_id = district;
      } else if (d.scope_type == "street") {
        scope_id = divisions.StreetsOf(district).front();
      }
      int64_t id = accounts::InsertUser(c, u);
      accounts::ReplaceRoles(c, id, u.organization_id, {{d.role, d.scope_type, scope_id}});
      audit::Record(c, actor, {"user.create", "user", std::to_string(id), u.organization_id,
                               {{"username", {{"from", nullptr}, {"to", u.username}}}}});
      logins.push_back({d.role, d.username, d.password});
      if (d.role == "program_officer") {
        round_users.officer = id;
      } else if (d.role == "reviewer") {
        round_users.reviewer = id;
      } else if (d.role == "finance") {
        round_users.finance = id;
      }
      if (d.role == "volunteer") {
        demo_volunteer_user = id;
      }
      // The demo social worker and supervisor carry cases of the first organization.
      if (d.role == "social_worker") {
        case_orgs[1].workers = {id};
      } else if (d.role == "supervisor") {
        case_orgs[1].supervisor = id;
      }
    }

    case_counts = SeedDemoCases(c, case_orgs, 2018);
    round_counts = SeedDemoRounds(c, divisions, case_orgs, round_users);
    volunteer_counts = SeedDemoVolunteers(c, divisions, case_orgs, secrets, demo_volunteer_user, 2026);
    survey_counts = SeedDemoSurveys(c, 2097);
    rollups.Write();
  });

  std::string path = config.data_dir + "/demo-credentials.txt";
  std::string text;
  for (const auto& l : logins) {
    text += l.role + " " + l.username + " " + l.password + "\n";
  }
  ::unlink(path.c_str());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    if (fd >= 0) {
      ::close(fd);
    }
    throw std::runtime_error("cannot write " + path);
  }
  ::close(fd);
  std::cout << "Demo data created: " << kOrganizations + 1 << " organizations, "
            << kOrganizations * 4 + logins.size() << " users, " << kOrganizations * kHouseholdsPerOrganization
            << " households, " << case_counts.cases << " cases, " << case_counts.service_records
            << " service records (" << case_counts.person_times << " person-times), " << round_counts.rounds
            << " funding rounds, " << round_counts.projects << " projects, " << volunteer_counts.volunteers
            << " volunteers, " << volunteer_counts.pairings << " pairings (" << volunteer_counts.visits << " visits), "
            << survey_counts.responses << " survey responses."
            << std::endl;
  if (!quiet) {
    std::cout << "Demo logins (role username password), also in " << path << ":\n" << text << std::flush;
  }
  return true;
}

}  // namespace bangyi::app
