#include "modules/volunteers/volunteer.hpp"

#include <algorithm>
#include <bit>

#include "core/json_input.hpp"
#include "core/validation.hpp"

namespace bangyi::volunteers {

const std::vector<std::string>& Skills() {
  static const std::vector<std::string> k = {
      "tutoring_chinese", "tutoring_math", "tutoring_english", "tutoring_science", "companionship",
      "elderly_care",     "child_care",    "disability_support", "rehabilitation", "psychological_support",
      "legal",            "medical",       "it",               "housework",        "cooking",
      "arts",             "sports",        "job_coaching"};
  return k;
}

const std::vector<std::string>& Languages() {
  static const std::vector<std::string> k = {"mandarin", "shanghainese", "cantonese", "wu_other", "english",
                                             "sign_language"};
  return k;
}

const std::vector<std::string>& Slots() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> v;
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      for (const char* part : {"am", "pm", "eve"}) {
        v.push_back(std::string(day) + "_" + part);
      }
    }
    return v;
  }();
  return k;
}

const std::vector<std::string>& Professions() {
  static const std::vector<std::string> k = {"counsellor", "rehabilitation_therapist", "doctor", "lawyer", "teacher",
                                             "other"};
  return k;
}

bool IsIn(const std::vector<std::string>& vocabulary, std::string_view code) {
  return std::find(vocabulary.begin(), vocabulary.end(), code) != vocabulary.end();
}

uint64_t MaskOf(const std::vector<std::string>& codes, const std::vector<std::string>& vocabulary) {
  uint64_t mask = 0;
  for (const auto& code : codes) {
    auto it = std::find(vocabulary.begin(), vocabulary.end(), code);
    if (it != vocabulary.end()) {
      mask |= uint64_t{1} << (it - vocabulary.begin());
    }
  }
  return mask;
}

std::vector<std::string> CodesOf(uint64_t mask, const std::vector<std::string>& vocabulary) {
  std::vector<std::string> out;
  for (size_t i = 0; i < vocabulary.size(); ++i) {
    if ((mask >> i) & 1U) {
      out.push_back(vocabulary[i]);
    }
  }
  return out;
}

int Bits(uint64_t mask) { return std::popcount(mask); }

bool VolunteerInput::Has(std::string_view field) const {
  return std::find(present.begin(), present.end(), field) != present.end();
}

namespace {

uint64_t Skill(std::string_view code) { return MaskOf({std::string(code)}, Skills()); }

// A list of codes from one vocabulary: unknown or repeated codes name the field.
std::vector<std::string> CodeList(core::JsonReader& in, const std::string& field, const std::vector<std::string>& vocabulary,
                                  bool required) {
  std::vector<std::string> codes = in.StringArray(field, vocabulary.size(), 40);
  if (required && codes.empty() && in.errors().list().end() ==
                                       std::find_if(in.errors().list().begin(), in.errors().list().end(),
                                                    [&](const auto& e) { return e.field == field; })) {
    in.Add(field, "required");
  }
  std::vector<std::string> seen;
  for (const auto& code : codes) {
    if (!IsIn(vocabulary, code)) {
      in.Add(field, "invalid");
      return {};
    }
    if (IsIn(seen, code)) {
      in.Add(field, "duplicate");
      return {};
    }
    seen.push_back(code);
  }
  return codes;
}

}  // namespace

int AgeOn(std::string_view birth_date, std::string_view today) {
  if (birth_date.size() < 10 || today.size() < 10) {
    return 0;
  }
  int years = std::stoi(std::string(today.substr(0, 4))) - std::stoi(std::string(birth_date.substr(0, 4)));
  if (today.substr(5, 5) < birth_date.substr(5, 5)) {
    --years;
  }
  return years;
}

VolunteerInput ParseVolunteerInput(const nlohmann::json& body, const std::string& today,
                                   const divisions::DivisionIndex& divisions, InputMode mode,
                                   core::FieldErrors& errors) {
  core::JsonReader in(body);
  VolunteerInput v;
  bool all = mode != InputMode::kPatch;
  auto wants = [&](const char* field) {
    if (all || in.Has(field)) {
      v.present.emplace_back(field);
      return true;
    }
    return false;
  };
  if (wants("name")) {
    v.name = core::Trim(in.String("name", true, 50));
  }
  bool gender_given = false;
  if (wants("gender")) {
    v.gender = in.OneOf("gender", true, {"male", "female"});
    gender_given = !v.gender.empty();
  }
  bool birth_ok = false;
  if (wants("birth_date")) {
    v.birth_date = in.Date("birth_date", true);
    if (!v.birth_date.empty()) {
      if (v.birth_date > today) {
        in.Add("birth_date", "out_of_range");
      } else if (AgeOn(v.birth_date, today) < kMinimumAge) {
        in.Add("birth_date", "too_young");
      } else {
        birth_ok = true;
      }
    }
  }
  if (wants("id_number")) {
    std::string raw = in.String("id_number", all, 40);
    if (!raw.empty()) {
      std::string why;
      auto parsed = core::ParseResidentId(raw, today, &why);
      if (!parsed) {
        in.Add("id_number", why == "checksum" ? "checksum" : why == "format" ? "format" : "invalid");
      } else {
        v.id_number = parsed->normalized;
        if (birth_ok && parsed->birth_date != v.birth_date) {
          in.Add("birth_date", "mismatch");
        }
        if (gender_given && parsed->male != (v.gender == "male")) {
          in.Add("gender", "mismatch");
        }
      }
    }
  }
  if (wants("phone")) {
    std::string raw = in.String("phone", all, 32);
    if (!raw.empty()) {
      v.phone = core::NormalizeMobile(raw);
      if (!core::IsValidMobile(v.phone)) {
        in.Add("phone", "format");
      }
    }
  }
  bool district_given = wants("district_code");
  if (district_given) {
    v.district_code = in.String("district_code", true, 32);
    if (!v.district_code.empty() && !divisions.IsDistrict(v.district_code)) {
      in.Add("district_code", "unknown");
    }
  }
  if (wants("street_code")) {
    v.street_code = in.String("street_code", true, 32);
    const auto* street = v.street_code.empty() ? nullptr : divisions.Find(v.street_code);
    if (!v.street_code.empty() && (street == nullptr || street->level != "street")) {
      in.Add("street_code", "unknown");
    } else if (street != nullptr && district_given && !v.district_code.empty() &&
               street->parent_code != v.district_code) {
      in.Add("street_code", "not_in_district");
    }
  }
  if (wants("skills")) {
    v.skills = CodeList(in, "skills", Skills(), all);
    v.skills_mask = MaskOf(v.skills, Skills());
  }
  if (wants("languages")) {
    v.languages = CodeList(in, "languages", Languages(), all);
    v.languages_mask = MaskOf(v.languages, Languages());
  }
  if (wants("availability")) {
    v.availability = CodeList(in, "availability", Slots(), all);
    v.availability_mask = MaskOf(v.availability, Slots());
  }
  if (wants("works_with_minors")) {
    const auto& raw = in.Raw("works_with_minors");
    if (!raw.is_null() && !raw.is_boolean()) {
      in.Add("works_with_minors", "invalid");
    }
    v.works_with_minors = raw.is_boolean() && raw.get<bool>();
  }
  if (wants("motivation")) {
    v.motivation = in.String("motivation", false, 500);
  }
  if (mode != InputMode::kPatch) {
    bool required = mode == InputMode::kSignUp || in.Has("username") || in.Has("password");
    v.username = in.String("username", required, 64);
    if (required) {
      v.present.emplace_back("username");
      const auto& pw = in.Raw("password");
      if (pw.is_null() || (pw.is_string() && pw.get<std::string>().empty())) {
        in.Add("password", "required");
      } else if (!pw.is_string()) {
        in.Add("password", "invalid");
      } else {
        v.password = pw.get<std::string>();
      }
    }
  }
  for (const auto& e : in.errors().list()) {
    errors.Add(e.field, e.code);
  }
  return v;
}

bool BackgroundCheckValid(std::string_view status, std::string_view checked_on, std::string_view today) {
  if (status != "passed" || !core::IsIsoDate(checked_on) || checked_on > today) {
    return false;
  }
  return std::string(checked_on) >= core::AddMonths(today, -kBackgroundCheckMonths);
}

uint64_t SkillsForDomain(std::string_view domain) {
  if (domain == "health") return Skill("medical") | Skill("rehabilitation");
  if (domain == "mental_health") return Skill("psychological_support") | Skill("companionship");
  if (domain == "care_needs") return Skill("elderly_care") | Skill("disability_support") | Skill("housework") | Skill("cooking");
  if (domain == "education") {
    return Skill("tutoring_chinese") | Skill("tutoring_math") | Skill("tutoring_english") | Skill("tutoring_science");
  }
  if (domain == "employment" || domain == "economy") return Skill("job_coaching") | Skill("it");
  if (domain == "family_relations") return Skill("psychological_support");
  if (domain == "guardianship") return Skill("child_care");
  if (domain == "social_support") return Skill("companionship") | Skill("arts") | Skill("sports");
  if (domain == "housing") return Skill("housework") | Skill("legal");
  if (domain == "safety_risk") return Skill("psychological_support") | Skill("legal");
  return 0;
}

uint64_t SkillsForServiceType(std::string_view t) {
  if (t == "psychological_support" || t == "crisis_intervention") return Skill("psychological_support");
  if (t == "life_care") return Skill("elderly_care") | Skill("disability_support") | Skill("housework") | Skill("cooking");
  if (t == "tutoring") return SkillsForDomain("education");
  if (t == "employment_help") return Skill("job_coaching") | Skill("it");
  if (t == "health_rehabilitation") return Skill("rehabilitation") | Skill("medical");
  if (t == "social_integration") return Skill("companionship") | Skill("arts") | Skill("sports");
  return 0;
}

std::vector<uint64_t> SkillsForText(std::string_view text) {
  struct Keyword {
    std::string_view word;
    uint64_t skills;
  };
  const Keyword keywords[] = {
      {"辅导", SkillsForDomain("education")},       {"学业", SkillsForDomain("education")},
      {"作业", SkillsForDomain("education")},       {"陪伴", Skill("companionship")},
      {"探访", Skill("companionship")},             {"心理", Skill("psychological_support")},
      {"情绪", Skill("psychological_support")},     {"康复", Skill("rehabilitation") | Skill("medical")},
      {"照料", SkillsForServiceType("life_care")}, {"照护", SkillsForServiceType("life_care")},
      {"就业", Skill("job_coaching") | Skill("it")}, {"法律", Skill("legal")},
      {"手语", Skill("disability_support")},        {"残疾", Skill("disability_support")},
  };
  std::vector<uint64_t> out;
  for (const auto& k : keywords) {
    if (text.find(k.word) != std::string_view::npos && std::find(out.begin(), out.end(), k.skills) == out.end()) {
      out.push_back(k.skills);
    }
  }
  return out;
}

void AddSkillGroup(Need& need, uint64_t group) {
  if (group != 0 && std::find(need.skill_groups.begin(), need.skill_groups.end(), group) == need.skill_groups.end()) {
    need.skill_groups.push_back(group);
  }
}

namespace {

// Integer share of `max` rounded half up.
int Share(int max, int part, int whole) { return whole == 0 ? 0 : (2 * max * part + whole) / (2 * whole); }

// The score alone, without building the explanation (the hot path over thousands of candidates).
int QuickScore(const Candidate& c, const Need& n) {
  int s = c.place == Place::kSameStreet ? 30 : c.place == Place::kSameDistrict ? 18 : 5;
  if (n.skill_groups.empty()) {
    s += 12;
  } else {
    int met = 0;
    for (uint64_t g : n.skill_groups) {
      met += (c.skills & g) != 0 ? 1 : 0;
    }
    s += Share(25, met, static_cast<int>(n.skill_groups.size()));
  }
  s += (n.languages == 0 || (c.languages & n.languages) != 0) ? 10 : 0;
  s += n.slots != 0 ? Share(15, Bits(c.slots & n.slots), Bits(n.slots)) : Share(15, std::min(Bits(c.slots), 6), 6);
  s += (c.training ? 5 : 0) + (c.agreement ? 5 : 0);
  s += n.capacity <= 0 ? 0 : Share(10, std::max(0, n.capacity - c.active_pairings), n.capacity);
  return s;
}

}  // namespace

Place PlaceOf(std::string_view district_code, std::string_view street_code, const Need& need) {
  if (!street_code.empty() && street_code == need.street_code) {
    return Place::kSameStreet;
  }
  return !district_code.empty() && district_code == need.district_code ? Place::kSameDistrict : Place::kElsewhere;
}

Scored Score(const Candidate& c, const Need& n) {
  Scored out;
  out.candidate = &c;
  ScorePart distance{"distance", 5, 30, "elsewhere", 0};
  if (c.place == Place::kSameStreet) {
    distance.points = 30;
    distance.reason = "same_street";
  } else if (c.place == Place::kSameDistrict) {
    distance.points = 18;
    distance.reason = "same_district";
  }
  ScorePart skills{"skills", 12, 25, "no_needs", 0};
  if (!n.skill_groups.empty()) {
    int met = 0;
    for (uint64_t g : n.skill_groups) {
      if ((c.skills & g) != 0) {
        ++met;
        skills.matched |= c.skills & g;
      }
    }
    skills.points = Share(25, met, static_cast<int>(n.skill_groups.size()));
    skills.reason = met == 0 ? "none_matched" : met == static_cast<int>(n.skill_groups.size()) ? "all_matched" : "some_matched";
  }
  ScorePart language{"language", 10, 10, "no_need", 0};
  if (n.languages != 0) {
    language.matched = c.languages & n.languages;
    language.points = language.matched != 0 ? 10 : 0;
    language.reason = language.matched != 0 ? "spoken" : "not_spoken";
  }
  ScorePart availability{"availability", 0, 15, "", 0};
  if (n.slots != 0) {
    availability.matched = c.slots & n.slots;
    availability.points = Share(15, Bits(availability.matched), Bits(n.slots));
    availability.reason = "overlap";
  } else {
    availability.points = Share(15, std::min(Bits(c.slots), 6), 6);
    availability.reason = "slots_offered";
    availability.matched = c.slots;
  }
  ScorePart safeguarding{"safeguarding", (c.training ? 5 : 0) + (c.agreement ? 5 : 0), 10, "", 0};
  safeguarding.reason = c.training && c.agreement ? "trained_and_signed"
                        : c.training             ? "no_agreement"
                        : c.agreement            ? "no_training"
                                                 : "neither";
  ScorePart load{"load", 0, 10, "", static_cast<uint64_t>(c.active_pairings)};
  load.points = n.capacity <= 0 ? 0 : Share(10, std::max(0, n.capacity - c.active_pairings), n.capacity);
  load.reason = c.active_pairings == 0 ? "free" : "has_pairings";
  out.parts = {distance, skills, language, availability, safeguarding, load};
  for (const auto& p : out.parts) {
    out.score += p.points;
  }
  return out;
}

Ranking Rank(const std::vector<Candidate>& candidates, const Need& need, size_t limit) {
  Ranking out;
  struct Entry {
    int score;
    const Candidate* c;
  };
  std::vector<Entry> entries;
  entries.reserve(candidates.size());
  for (const auto& c : candidates) {
    if (c.active_pairings >= need.capacity) {
      ++out.excluded_at_capacity;
      continue;
    }
    if (need.has_minor && !c.check_valid) {
      ++out.excluded_background_check;
      continue;
    }
    ++out.considered;
    entries.push_back({QuickScore(c, need), &c});
  }
  auto better = [](const Entry& a, const Entry& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.c->active_pairings != b.c->active_pairings) return a.c->active_pairings < b.c->active_pairings;
    return a.c->id < b.c->id;
  };
  size_t keep = std::min(limit, entries.size());
  std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(keep), entries.end(), better);
  for (size_t i = 0; i < keep; ++i) {
    out.top.push_back(Score(*entries[i].c, need));
  }
  return out;
}

nlohmann::json PartJson(const ScorePart& part) {
  nlohmann::json j = {{"factor", part.factor}, {"points", part.points}, {"max", part.max}, {"reason", part.reason}};
  if (part.factor == "skills") {
    j["matched"] = CodesOf(part.matched, Skills());
  } else if (part.factor == "language") {
    j["matched"] = CodesOf(part.matched, Languages());
  } else if (part.factor == "availability") {
    j["matched"] = CodesOf(part.matched, Slots());
  } else if (part.factor == "load") {
    j["pairings"] = part.matched;
  }
  return j;
}

bool IsCadence(std::string_view cadence) { return cadence == "weekly" || cadence == "biweekly" || cadence == "monthly"; }

int CadenceDays(std::string_view cadence) { return cadence == "weekly" ? 7 : cadence == "biweekly" ? 14 : 30; }

std::string NextDue(std::string_view last_or_start, std::string_view cadence) {
  return core::AddDays(last_or_start, CadenceDays(cadence));
}

bool MissedCadence(std::string_view last_or_start, std::string_view cadence, std::string_view today) {
  return std::string(today) > core::AddDays(last_or_start, 2 * CadenceDays(cadence));
}

bool CanMovePairing(std::string_view from, std::string_view to) {
  if (from == "proposed") return to == "active" || to == "declined";
  if (from == "active") return to == "paused" || to == "ended";
  if (from == "paused") return to == "active" || to == "ended";
  return false;
}

bool IsConcernType(std::string_view type) {
  return type == "safety" || type == "health" || type == "living" || type == "emotional" || type == "other";
}

std::string Surname(const std::string& name) {
  size_t first = name.empty() ? 0 : 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) {
    ++first;  // the continuation bytes of the first UTF-8 character
  }
  return name.substr(0, first);
}

std::string GivenName(const std::string& name) {
  std::string surname = Surname(name);
  return surname.size() < name.size() ? name.substr(surname.size()) : name;
}

VisitInput ParseVisitInput(const nlohmann::json& body, const std::string& started_on, const std::string& today) {
  core::JsonReader in(body);
  VisitInput v;
  v.visited_on = in.Date("visited_on", true);
  if (!v.visited_on.empty() && v.visited_on > today) {
    in.Add("visited_on", "out_of_range");
  } else if (!v.visited_on.empty() && v.visited_on < started_on) {
    in.Add("visited_on", "before_start");
  }
  v.duration_minutes = in.Int("duration_minutes", true, 1, 720).value_or(0);
  v.activities = core::Trim(in.String("activities", true, 1000));
  v.service_type = in.Has("service_type") ? in.String("service_type", false, 40) : "";
  in.Objects("concerns", false, 10, [&](core::JsonReader& item, size_t) {
    std::string type = item.String("type", true, 20);
    if (!type.empty() && !IsConcernType(type)) {
      item.Add("type", "invalid");
    }
    std::string note = core::Trim(item.String("note", true, 500));
    v.concerns.push_back({{"type", type}, {"note", note}});
    v.safety = v.safety || type == "safety";
  });
  in.ThrowIfAny();
  return v;
}

}  // namespace bangyi::volunteers
