#include "app/demo_volunteers.hpp"

#include <algorithm>
#include <set>

#include "app/demo_people.hpp"
#include "core/clock.hpp"
#include "core/validation.hpp"
#include "modules/accounts/user_repository.hpp"
#include "modules/cases/case_repository.hpp"
#include "modules/registry/registry_repository.hpp"
#include "modules/volunteers/pairing_repository.hpp"
#include "modules/volunteers/volunteer_repository.hpp"
#include "modules/volunteers/volunteer_service.hpp"

namespace bangyi::app {

namespace {

namespace v = volunteers;

constexpr int kVolunteersPerOrganization = 26;
constexpr int kPairedCasesPerOrganization = 4;

constexpr std::string_view kCasesInService =
    "SELECT id, household_id, primary_person_id, project_id, social_worker_id FROM cases"
    " WHERE organization_id = $1 AND state = 'in_service' AND primary_person_id IS NOT NULL ORDER BY id";

constexpr std::string_view kOrganizationDistrict = "SELECT registered_district FROM organizations WHERE id = $1";

const std::vector<std::string> kActivities = {"陪伴老人聊天，帮助整理房间", "辅导孩子完成数学作业", "陪同去社区卫生服务中心复诊",
                                              "一起包馄饨，了解近期生活情况", "教老人使用手机视频通话", "读绘本、做手工",
                                              "帮助采购生活用品", "陪伴散步，做简单康复练习"};
const std::vector<std::string> kVisitTypes = {"social_integration", "life_care", "tutoring", "psychological_support",
                                              "health_rehabilitation"};
const std::vector<std::string> kPurposes = {"每周陪伴探访，关注独居老人生活状况", "学业辅导与成长陪伴", "生活照料与情绪支持",
                                            "康复训练陪伴与就医协助"};

uint64_t RandomMask(Rng& rng, size_t vocabulary, size_t min, size_t max) {
  uint64_t mask = 0;
  size_t n = min + rng.Below(max - min + 1);
  for (size_t i = 0; i < n; ++i) {
    mask |= uint64_t{1} << rng.Below(vocabulary);
  }
  return mask;
}

struct Seeded {
  int64_t id = 0;
  bool check_valid = false;
  int open = 0;
  std::optional<int64_t> user_id;
  std::string name;
};

class Seeder {
 public:
  Seeder(db::Connection& c, const divisions::DivisionIndex& divisions, const core::Secrets& secrets, uint32_t seed)
      : c_(c), divisions_(divisions), cipher_(secrets.field_encryption_key, secrets.field_key_id),
        blind_(secrets.blind_index_key), rng_(seed), today_(core::TodayShanghai()) {}

  Seeded Volunteer(int64_t organization, const std::string& home_district, const std::string& status,
                   std::optional<std::string> name = std::nullopt) {
    v::VolunteerRow row;
    row.organization_id = organization;
    bool male = rng_.Below(3) == 0;
    row.gender = male ? "male" : "female";
    row.birth_date = BirthDate(rng_, 1955, 2006);
    row.name = name ? *name : PersonName(rng_);
    row.district_code = rng_.Below(5) == 0 ? rng_.Pick(divisions_.districts()) : home_district;
    auto streets = divisions_.StreetsOf(row.district_code);
    row.street_code = streets[rng_.Below(streets.size())];
    std::string id;
    do {
      id = SyntheticId(row.district_code, row.birth_date, male, rng_);
    } while (!ids_.insert(id).second);  // one profile per person: the blind index is unique
    row.id_number_enc = cipher_.Encrypt(id, v::kIdNumberAad);
    row.id_number_masked = core::MaskIdNumber(id);
    row.id_number_bidx = core::BlindIndex(blind_, v::kIdIndexDomain, id);
    std::string phone = Phone(rng_);
    row.phone_enc = cipher_.Encrypt(phone, v::kPhoneAad);
    row.phone_masked = core::MaskPhone(phone);
    row.skills_mask = RandomMask(rng_, v::Skills().size(), 1, 4);
    row.languages_mask = 1;  // 普通话
    if (rng_.Below(5) < 2) row.languages_mask |= 2;  // 上海话
    if (rng_.Below(12) == 0) row.languages_mask |= uint64_t{1} << (2 + rng_.Below(4));
    row.availability_mask = RandomMask(rng_, v::Slots().size(), 3, 9);
    row.works_with_minors = rng_.Below(2) == 0;
    row.motivation = "希望为社区困难家庭尽一份力";
    row.status = status;
    int64_t new_id = v::InsertVolunteer(c_, row);
    // Safeguarding: most trained and signed; checks passed (some long ago, so expired), pending or none.
    row.id = new_id;
    if (rng_.Below(10) < 8) row.training_completed_on = core::AddDays(today_, -static_cast<int>(30 + rng_.Below(700)));
    if (rng_.Below(20) < 17) row.agreement_signed_on = core::AddDays(today_, -static_cast<int>(30 + rng_.Below(700)));
    size_t check = rng_.Below(10);
    if (check < 6) {
      row.background_check_status = "passed";
      row.background_check_on = core::AddDays(today_, -static_cast<int>(20 + rng_.Below(1300)));
    } else if (check == 6) {
      row.background_check_status = "pending";
      row.background_check_on = core::AddDays(today_, -static_cast<int>(rng_.Below(20)));
    }
    v::SetSafeguarding(c_, row);
    v::InsertMembership(c_, organization, new_id, status == "applicant" ? "pending" : "approved",
                        status == "applicant" ? std::nullopt : std::optional<int64_t>(admin_));
    ++counts.volunteers;
    return {new_id, v::BackgroundCheckValid(row.background_check_status, row.background_check_on.value_or(""), today_), 0,
            std::nullopt, row.name};
  }

  // A user account without a password (like the demo staff accounts): the volunteer's minutes
  // count as volunteer hours in the indicators through it.
  int64_t Account(Seeded& s, int64_t organization) {
    if (!s.user_id) {
      accounts::User u;
      u.username = "vol" + std::to_string(s.id);
      u.display_name = s.name;
      u.organization_id = organization;
      u.status = "active";
      s.user_id = accounts::InsertUser(c_, u);
      accounts::ReplaceRoles(c_, *s.user_id, organization, {{"volunteer", "organization", std::to_string(organization)}});
      v::SetVolunteerUser(c_, s.id, *s.user_id);
    }
    return *s.user_id;
  }

  void Pair(const db::Row& kase, Seeded& s, int64_t organization, const std::string& status, int started_days_ago,
            bool keeps_visiting) {
    int64_t case_id = kase.Int("id");
    int64_t worker = kase.Int("social_worker_id");
    int64_t person = kase.Int("primary_person_id");
    v::PairingRow p;
    p.organization_id = organization;
    p.case_id = case_id;
    p.volunteer_id = s.id;
    // The purpose fits the person served: a child is tutored, an older person visited and helped.
    int age = v::AgeOn(registry::FindPerson(c_, person)->birth_date, today_);
    p.purpose = age < 18 ? kPurposes[1] : age >= 60 ? kPurposes[rng_.Below(2) == 0 ? 0 : 3] : kPurposes[2];
    p.cadence = rng_.Below(3) == 0 ? "biweekly" : "weekly";
    p.started_on = core::AddDays(today_, -started_days_ago);
    p.planned_end_on = core::AddMonths(p.started_on, 12);
    p.person_ids = nlohmann::json::array({person});
    int64_t pairing = v::InsertPairing(c_, p, worker);
    if (status != "proposed") {
      v::MovePairing(c_, pairing, "proposed", status, "", std::nullopt);
    }
    ++counts.pairings;
    ++s.open;
    v::TeamMemberRow m;
    m.organization_id = organization;
    m.case_id = case_id;
    m.kind = "volunteer";
    m.role = "pairing";
    m.volunteer_id = s.id;
    m.started_on = p.started_on;
    v::InsertTeamMember(c_, m, worker);
    if (status != "active") {
      return;
    }
    int64_t user = Account(s, organization);
    int step = v::CadenceDays(p.cadence);
    // Visits every period; a pairing that stopped visiting shows as missed cadence.
    int stop = keeps_visiting ? 0 : 3 * step;
    for (int day = started_days_ago - 2; day >= stop; day -= step) {
      std::string on = core::AddDays(today_, -(day - static_cast<int>(rng_.Below(3))));
      if (on > today_ || on < p.started_on) {
        continue;
      }
      v::VisitRow visit;
      visit.organization_id = organization;
      visit.pairing_id = pairing;
      visit.case_id = case_id;
      visit.volunteer_id = s.id;
      visit.visited_on = on;
      visit.duration_minutes = 60 + 30 * static_cast<int64_t>(rng_.Below(4));
      visit.activities = rng_.Pick(kActivities);
      visit.service_type = rng_.Pick(kVisitTypes);
      int64_t visit_id = v::InsertVisit(c_, visit);
      ++counts.visits;
      bool recent = day < 10;
      if (recent && rng_.Below(3) == 0) {
        continue;  // logged, awaiting the social worker
      }
      cases::ServiceRecordRow r;
      r.organization_id = organization;
      r.case_id = case_id;
      r.project_id = kase.OptInt("project_id");
      r.served_on = on;
      r.duration_minutes = visit.duration_minutes;
      r.mode = "home_visit";
      r.service_type = visit.service_type;
      r.content = "志愿者结对探访（" + s.name + "）：" + visit.activities;
      r.created_by = worker;
      int64_t record = cases::InsertServiceRecord(c_, r, {{person, case_id}}, {user});
      v::ConfirmVisit(c_, visit_id, record, r.project_id, worker);
    }
  }

  void Organization(const DemoOrganization& org, const std::string& district, std::optional<int64_t> demo_user) {
    admin_ = org.admin;
    std::vector<Seeded> pool;
    for (int i = 0; i < kVolunteersPerOrganization; ++i) {
      size_t roll = rng_.Below(100);
      std::string status = roll < 85 ? "active" : roll < 93 ? "applicant" : roll < 97 ? "paused" : "left";
      auto s = Volunteer(org.id, district, status);
      if (status == "active") {
        pool.push_back(s);
      }
    }
    auto cases = c_.Query(kCasesInService, {org.id});
    size_t first = 0;
    if (demo_user) {
      // The demo volunteer: checked, trained, paired with two families of the demo worker.
      auto me = Volunteer(org.id, district, "active", std::string("王晓燕"));
      v::VolunteerRow row = *v::FindVolunteer(c_, me.id);
      row.training_completed_on = core::AddDays(today_, -200);
      row.agreement_signed_on = core::AddDays(today_, -200);
      row.background_check_status = "passed";
      row.background_check_on = core::AddDays(today_, -100);
      v::SetSafeguarding(c_, row);
      v::SetVolunteerUser(c_, me.id, *demo_user);
      me.user_id = demo_user;
      for (size_t k = 0; k < cases.size() && first < 2; ++k) {
        if (cases[k].Int("social_worker_id") != org.workers.front()) {
          continue;
        }
        Pair(cases[k], me, org.id, first == 0 ? "active" : "proposed", 90, true);
        std::swap(cases[k], cases[first]);
        ++first;
      }
    }
    for (size_t k = first; k < cases.size() && k < first + kPairedCasesPerOrganization; ++k) {
      bool minor = false;
      for (const auto& person : registry::ListMembers(c_, cases[k].Int("household_id"))) {
        minor = minor || v::AgeOn(person.birth_date, today_) < 18;
      }
      for (size_t tries = 0; tries < pool.size(); ++tries) {
        Seeded& s = pool[rng_.Below(pool.size())];
        if (s.open >= 3 || (minor && !s.check_valid)) {
          continue;
        }
        size_t roll = rng_.Below(10);
        Pair(cases[k], s, org.id, roll == 0 ? "proposed" : "active", 30 + static_cast<int>(rng_.Below(150)), roll > 2);
        break;
      }
    }
  }

  DemoVolunteerCounts counts;

 private:
  db::Connection& c_;
  const divisions::DivisionIndex& divisions_;
  core::FieldCipher cipher_;
  core::Key blind_;
  Rng rng_;
  std::string today_;
  std::set<std::string> ids_;
  int64_t admin_ = 0;
};

}  // namespace

DemoVolunteerCounts SeedDemoVolunteers(db::Connection& c, const divisions::DivisionIndex& divisions,
                                       const std::vector<DemoOrganization>& organizations,
                                       const core::Secrets& secrets, int64_t demo_volunteer_user, uint32_t seed) {
  Seeder seeder(c, divisions, secrets, seed);
  for (size_t k = 1; k < organizations.size(); ++k) {
    const auto& org = organizations[k];
    if (org.id == 0 || org.workers.empty()) {
      continue;
    }
    std::string district = c.QueryOne(kOrganizationDistrict, {org.id})->Text("registered_district");
    seeder.Organization(org, district, k == 1 ? std::optional(demo_volunteer_user) : std::nullopt);
  }
  return seeder.counts;
}

}  // namespace bangyi::app
