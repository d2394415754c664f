#include "modules/cases/case_state.hpp"

#include <algorithm>

namespace bangyi::cases {

namespace s = state;

const std::vector<std::string>& AllStates() {
  static const std::vector<std::string> kAll = {
      std::string(s::kReferred),   std::string(s::kIntake),  std::string(s::kAssessing),
      std::string(s::kPlanning),   std::string(s::kPlanPendingApproval), std::string(s::kInService),
      std::string(s::kClosing),    std::string(s::kClosed),  std::string(s::kFollowUp),
      std::string(s::kSuspended),  std::string(s::kTransferred), std::string(s::kRejected)};
  return kAll;
}

bool IsState(std::string_view v) {
  const auto& all = AllStates();
  return std::find(all.begin(), all.end(), v) != all.end();
}

bool IsOpen(std::string_view v) {
  return IsState(v) && v != s::kClosed && v != s::kFollowUp && v != s::kTransferred && v != s::kRejected;
}

const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> kAll = {
      {s::kReferred, s::kIntake, Via::kGeneric, false},
      {s::kReferred, s::kRejected, Via::kGeneric, true},
      {s::kIntake, s::kAssessing, Via::kGeneric, false},
      {s::kIntake, s::kRejected, Via::kGeneric, true},
      {s::kAssessing, s::kPlanning, Via::kGeneric, false},
      {s::kAssessing, s::kRejected, Via::kGeneric, true},
      {s::kPlanning, s::kPlanPendingApproval, Via::kPlanSubmit, false},
      {s::kPlanPendingApproval, s::kInService, Via::kPlanDecision, false},
      {s::kPlanPendingApproval, s::kPlanning, Via::kPlanDecision, true},
      {s::kInService, s::kPlanPendingApproval, Via::kPlanSubmit, false},
      {s::kInService, s::kSuspended, Via::kGeneric, true},
      {s::kSuspended, s::kInService, Via::kGeneric, false},
      {s::kInService, s::kClosing, Via::kGeneric, false},
      {s::kSuspended, s::kClosing, Via::kGeneric, true},
      {s::kClosing, s::kInService, Via::kGeneric, true},
      {s::kClosing, s::kClosed, Via::kSignOff, false},
      {s::kClosed, s::kFollowUp, Via::kFollowUp, false},
      // An accepted transfer referral ends the case here (a new one opens at the other organization).
      {s::kIntake, s::kTransferred, Via::kTransfer, false},
      {s::kAssessing, s::kTransferred, Via::kTransfer, false},
      {s::kPlanning, s::kTransferred, Via::kTransfer, false},
      {s::kPlanPendingApproval, s::kTransferred, Via::kTransfer, false},
      {s::kInService, s::kTransferred, Via::kTransfer, false},
      {s::kSuspended, s::kTransferred, Via::kTransfer, false},
      {s::kClosing, s::kTransferred, Via::kTransfer, false},
  };
  return kAll;
}

const Transition* FindTransition(std::string_view from, std::string_view to) {
  for (const auto& t : Transitions()) {
    if (t.from == from && t.to == to) {
      return &t;
    }
  }
  return nullptr;
}

std::vector<std::string> GenericTargets(std::string_view from) {
  std::vector<std::string> out;
  for (const auto& t : Transitions()) {
    if (t.from == from && t.via == Via::kGeneric) {
      out.emplace_back(t.to);
    }
  }
  return out;
}

}  // namespace bangyi::cases
