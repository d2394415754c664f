// Rules of volunteering (docs/volunteers.md), with no HTTP or SQL: the vocabularies and their bit
// masks, profile input, safeguarding validity, the pairing suggestion score, cadence and the
// pairing state table.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::volunteers {

// Vocabularies in a fixed order: a code's position is its bit in the masks stored beside the lists.
const std::vector<std::string>& Skills();
const std::vector<std::string>& Languages();
const std::vector<std::string>& Slots();  // mon_am … sun_eve
const std::vector<std::string>& Professions();
bool IsIn(const std::vector<std::string>& vocabulary, std::string_view code);
// The mask of `codes` (each must be in `vocabulary`); the codes of a mask in vocabulary order.
uint64_t MaskOf(const std::vector<std::string>& codes, const std::vector<std::string>& vocabulary);
std::vector<std::string> CodesOf(uint64_t mask, const std::vector<std::string>& vocabulary);
int Bits(uint64_t mask);

inline constexpr int kMinimumAge = 16;
inline constexpr int kBackgroundCheckMonths = 36;

struct VolunteerInput {
  std::string name, gender, birth_date, id_number, phone, district_code, street_code, motivation;
  std::vector<std::string> skills, languages, availability;
  uint64_t skills_mask = 0, languages_mask = 0, availability_mask = 0;
  bool works_with_minors = false;
  std::string username, password;  // for an account; both or neither
  std::vector<std::string> present;  // the fields the body carried (for partial updates)
  bool Has(std::string_view field) const;
};

enum class InputMode {
  kSignUp,   // everything required, an account (username, password) required
  kCreate,   // everything required, the account optional
  kPatch,    // only the fields present, no account fields
};
// Checks names, the resident ID (checksum; gender and birth date must agree with it), age 16+,
// the mobile, the district and street (the street inside the district), the vocabularies.
// Errors name each field; nothing is fixed silently.
VolunteerInput ParseVolunteerInput(const nlohmann::json& body, const std::string& today,
                                   const divisions::DivisionIndex& divisions, InputMode mode,
                                   core::FieldErrors& errors);

// A background check counts when it passed within the last 36 months (inclusive) of `today`:
// checked on or after today minus 36 months (the suggestion query applies the same bound in SQL).
bool BackgroundCheckValid(std::string_view status, std::string_view checked_on, std::string_view today);
// Whole years between `birth_date` and `today`.
int AgeOn(std::string_view birth_date, std::string_view today);

// --- Pairing suggestions -------------------------------------------------------------------

// Where a volunteer lives relative to the family.
enum class Place { kSameStreet, kSameDistrict, kElsewhere };

struct Candidate {
  int64_t id = 0;
  Place place = Place::kElsewhere;
  uint64_t skills = 0, languages = 0, slots = 0;
  bool training = false, agreement = false, check_valid = false;
  int active_pairings = 0;
};

struct Need {
  std::string district_code, street_code;
  std::vector<uint64_t> skill_groups;  // each need: any skill of the group answers it
  uint64_t languages = 0;  // any of these spoken counts
  uint64_t slots = 0;      // wished slots; 0 = no wish
  bool has_minor = false;
  int capacity = 3;        // active + proposed pairings a volunteer may hold
};

struct ScorePart {
  std::string factor;   // distance | skills | language | availability | safeguarding | load
  int points = 0;
  int max = 0;
  std::string reason;   // same_street, matched, no_needs, spoken, …
  uint64_t matched = 0; // skills: the needed skills the volunteer has; availability: common slots
};

struct Scored {
  const Candidate* candidate = nullptr;
  int score = 0;
  std::vector<ScorePart> parts;
};

struct Ranking {
  std::vector<Scored> top;  // best first: score, then fewer pairings, then lower id
  int considered = 0;
  int excluded_background_check = 0;
  int excluded_at_capacity = 0;
};

Place PlaceOf(std::string_view district_code, std::string_view street_code, const Need& need);

// The score of one candidate with its parts (0–100: distance 30, skills 25, language 10,
// availability 15, safeguarding 10, load 10).
Scored Score(const Candidate& c, const Need& need);
// Ranks candidates, leaving out those at capacity and, when the household has a minor, those
// without a valid background check; `limit` best kept.
Ranking Rank(const std::vector<Candidate>& candidates, const Need& need, size_t limit);
// Skills that answer a need (any one of them does): an assessment domain scored low, or a
// planned service type; 0 when no volunteer skill answers it.
uint64_t SkillsForDomain(std::string_view domain);
uint64_t SkillsForServiceType(std::string_view service_type);
// Skill groups named in free text (a plan's interventions): 辅导/学业 → tutoring, 陪伴 → companionship, …
std::vector<uint64_t> SkillsForText(std::string_view text);
// Adds a need group unless it is empty or already there.
void AddSkillGroup(Need& need, uint64_t group);
nlohmann::json PartJson(const ScorePart& part);

// --- Pairings and visits ----------------------------------------------------------------------

bool IsCadence(std::string_view cadence);
int CadenceDays(std::string_view cadence);
// The date the next visit is due: two periods after the last visit (or the start) is "missed";
// next due is one period after it.
std::string NextDue(std::string_view last_or_start, std::string_view cadence);
bool MissedCadence(std::string_view last_or_start, std::string_view cadence, std::string_view today);
// proposed → active | declined; active ⇄ paused; active | paused → ended.
bool CanMovePairing(std::string_view from, std::string_view to);
bool IsConcernType(std::string_view type);
// A Chinese name's (one-character) surname, and the name without it: what a volunteer calls a
// family member. A one-character name is its own given name.
std::string Surname(const std::string& name);
std::string GivenName(const std::string& name);

struct VisitInput {
  std::string visited_on, activities, service_type;
  int64_t duration_minutes = 0;
  nlohmann::json concerns = nlohmann::json::array();
  bool safety = false;
};
// visited_on between the pairing's start and today; 1..720 minutes; concerns [{type, note}].
VisitInput ParseVisitInput(const nlohmann::json& body, const std::string& started_on, const std::string& today);

}  // namespace bangyi::volunteers
