// Use cases of funding rounds (docs/rounds.md): the foundation's program staff create and edit a
// round and move it through its life; every role that takes part reads it (drafts stay with the
// foundation). Each change is audited in its own transaction.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/pagination.hpp"
#include "modules/access/role.hpp"
#include "modules/divisions/division_repository.hpp"

namespace bangyi::rounds {

class RoundService {
 public:
  RoundService(db::Database& db, const divisions::DivisionIndex& divisions) : db_(db), divisions_(divisions) {}

  nlohmann::json List(const access::Principal& p, const std::string& state, const http::Page& page);
  nlohmann::json Get(const access::Principal& p, int64_t id);
  nlohmann::json Create(const access::Principal& p, const nlohmann::json& body);
  // The whole round again plus `version`; only while draft or open (409 naming the state).
  nlohmann::json Update(const access::Principal& p, int64_t id, const nlohmann::json& body);
  // {to, reason?}: the next state only; opening needs the application window still ahead, 公示
  // needs a proposal, deciding needs the notice period over and every objection resolved.
  nlohmann::json Transition(const access::Principal& p, int64_t id, const nlohmann::json& body);

 private:
  nlohmann::json Load(db::Connection& c, const access::Principal& p, int64_t id);
  // closed → notice: needs a proposal; the notice period starts today.
  void OpenNotice(db::Connection& c, int64_t id);
  // notice → decided: after the period and with no open objection; projects are created.
  void Decide(db::Connection& c, const nlohmann::json& round);

  db::Database& db_;
  const divisions::DivisionIndex& divisions_;
};

}  // namespace bangyi::rounds
