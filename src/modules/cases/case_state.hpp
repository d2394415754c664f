// Case states and the one transition table (docs/case-work.md). Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bangyi::cases {

namespace state {
inline constexpr std::string_view kReferred = "referred";
inline constexpr std::string_view kIntake = "intake";
inline constexpr std::string_view kAssessing = "assessing";
inline constexpr std::string_view kPlanning = "planning";
inline constexpr std::string_view kPlanPendingApproval = "plan_pending_approval";
inline constexpr std::string_view kInService = "in_service";
inline constexpr std::string_view kClosing = "closing";
inline constexpr std::string_view kClosed = "closed";
inline constexpr std::string_view kFollowUp = "follow_up";
inline constexpr std::string_view kSuspended = "suspended";
inline constexpr std::string_view kTransferred = "transferred";
inline constexpr std::string_view kRejected = "rejected";
}  // namespace state

const std::vector<std::string>& AllStates();
bool IsState(std::string_view s);
// Open = the household is still being served or assessed (not closed, transferred, rejected).
bool IsOpen(std::string_view s);

// How a move is made: through the generic transitions endpoint, or only through its own action
// (plan submission, plan decision, closing sign-off, follow-up, accepted transfer referral).
enum class Via { kGeneric, kPlanSubmit, kPlanDecision, kSignOff, kFollowUp, kTransfer };

struct Transition {
  std::string_view from;
  std::string_view to;
  Via via;
  bool reason_required;
};

// The one table of allowed moves.
const std::vector<Transition>& Transitions();
// The move from → to, or nullptr when it is not allowed at all.
const Transition* FindTransition(std::string_view from, std::string_view to);
// Targets reachable from `from` through the generic endpoint (what the case page offers).
std::vector<std::string> GenericTargets(std::string_view from);

}  // namespace bangyi::cases
