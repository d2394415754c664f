// Applications, review, decisions and 公示 through the HTTP API (docs/rounds.md): drafts and
// submission, the window, screening, blind scoring, conflicts of interest, results, decisions
// within the budget, objections and the final decision that creates projects.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/api_client.hpp"
#include "api/funding_flow.hpp"

namespace bangyi::testing {

namespace {

std::string S(long long v) { return std::to_string(v); }

bool HasField(const HttpResponse& r, const std::string& f) {
  auto v = r.ErrorFields();
  return std::find(v.begin(), v.end(), f) != v.end();
}

nlohmann::json Scores(int each) {
  nlohmann::json scores = nlohmann::json::array();
  for (const char* k : {"need", "design", "innovation", "budget", "capacity", "sustainability"}) {
    scores.push_back({{"key", k}, {"score", each}, {"comment", "评语"}});
  }
  return scores;
}

class Applications : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", TestServer::kAdminPassword).status, 200);
    org_a_ = CreateOrganization(admin_, "甲社工机构", 1, "310101");
    org_b_ = CreateOrganization(admin_, "乙社工机构", 2, "310104");
    CreateUser(admin_, "officer", "program_officer", std::nullopt);
    CreateUser(admin_, "orgadmin.a", "org_admin", org_a_);
    CreateUser(admin_, "orgadmin.b", "org_admin", org_b_);
    worker_id_ = CreateUser(admin_, "worker.a", "social_worker", org_a_);
    for (int i = 1; i <= 3; ++i) {
      reviewer_ids_.push_back(CreateUser(admin_, "reviewer" + S(i), "reviewer", std::nullopt));
    }
    officer_ = LoginNewUser(server_, "officer");
    org_a_admin_ = LoginNewUser(server_, "orgadmin.a");
    org_b_admin_ = LoginNewUser(server_, "orgadmin.b");
    worker_ = LoginNewUser(server_, "worker.a");
    for (int i = 1; i <= 3; ++i) {
      reviewers_.push_back(LoginNewUser(server_, "reviewer" + S(i)));
    }
  }

  long long OpenRound(nlohmann::json body) {
    auto r = officer_.Post("/api/v1/rounds", body);
    EXPECT_EQ(r.status, 201) << r.body;
    long long id = r.Json()["id"].get<long long>();
    EXPECT_EQ(Move(id, "open").status, 200);
    return id;
  }

  HttpResponse Move(long long round, const std::string& to) {
    return officer_.Post("/api/v1/rounds/" + S(round) + "/transitions", {{"to", to}});
  }

  // A submitted application of `org_admin` in `round`; returns its id.
  long long Submitted(Client& org_admin, long long round, const std::string& name) {
    auto created = org_admin.Post("/api/v1/rounds/" + S(round) + "/applications", ApplicationBody(name));
    EXPECT_EQ(created.status, 201) << created.body;
    long long id = created.Json()["id"].get<long long>();
    auto submitted = org_admin.Post("/api/v1/applications/" + S(id) + "/submit", {{"version", created.Json()["version"]}});
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    return id;
  }

  TestServer server_;
  Client admin_{server_};
  long long org_a_ = 0, org_b_ = 0, worker_id_ = 0;
  std::vector<long long> reviewer_ids_;
  Client officer_{server_}, org_a_admin_{server_}, org_b_admin_{server_}, worker_{server_};
  std::vector<Client> reviewers_;
};

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

}  // namespace

TEST_F(Applications, DocumentsBelongToTheDraftAndAreCheckedFromTheirContent) {
  long long round = OpenRound(FlowRoundBody("2027 项目创投", 1));
  auto draft = org_a_admin_.Post("/api/v1/rounds/" + S(round) + "/applications", ApplicationBody("社区长者陪伴"));
  ASSERT_EQ(draft.status, 201);
  long long id = draft.Json()["id"].get<long long>();
  std::string path = "/api/v1/applications/" + S(id) + "/attachments";
  auto up = org_a_admin_.Request("POST", path + "?filename=%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf", kPdf,
                                 {{"Content-Type", "application/pdf"}});  // 申报书.pdf
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Json()["filename"], "申报书.pdf");
  long long doc = up.Json()["id"].get<long long>();
  auto lie = org_a_admin_.Request("POST", path + "?filename=x.png", kPdf, {{"Content-Type", "image/png"}});
  EXPECT_EQ(lie.ErrorFields(), std::vector<std::string>{"content_type:mismatch"});
  EXPECT_EQ(org_b_admin_.Request("POST", path + "?filename=x.pdf", kPdf, {{"Content-Type", "application/pdf"}}).status,
            404);
  auto file = org_a_admin_.Get(path + "/" + S(doc));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_NE(file.headers["content-disposition"].find("UTF-8''%E7%94%B3"), std::string::npos);
  EXPECT_EQ(officer_.Get(path).status, 404);  // a draft stays with its organization

  ASSERT_EQ(org_a_admin_.Post("/api/v1/applications/" + S(id) + "/submit", {{"version", draft.Json()["version"]}}).status,
            200);
  EXPECT_EQ(org_a_admin_.Request("POST", path + "?filename=late.pdf", kPdf, {{"Content-Type", "application/pdf"}})
                .ErrorCode(),
            "not_editable");
  EXPECT_EQ(officer_.Get(path).Json()["data"].size(), 1u);
  EXPECT_EQ(officer_.Get(path + "/" + S(doc)).body, kPdf);
  EXPECT_EQ(officer_.Get(path + "/99999").status, 404);
}

TEST_F(Applications, DraftsSaveAnytimeAndSubmissionChecksEverything) {
  auto round_body = FlowRoundBody("2027 项目创投", 2);
  round_body["eligibility"] = {{"districts", {"310101", "310104"}}, {"ratings", {"4A", "5A"}}};
  long long round = OpenRound(round_body);
  std::string list = "/api/v1/rounds/" + S(round) + "/applications";

  // A draft needs nothing but valid pieces.
  auto draft = org_a_admin_.Post(list, {{"project_name", "困境儿童成长陪伴"}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  auto d = draft.Json();
  long long id = d["id"].get<long long>();
  std::string path = "/api/v1/applications/" + S(id);
  EXPECT_EQ(d["state"], "draft");
  EXPECT_EQ(d["requested_yuan"], "0.00");
  EXPECT_EQ(d["organization"]["id"], org_a_);

  auto bad = ApplicationBody("x");
  bad["budget_lines"][0]["unit_price_yuan"] = "12.345";
  bad["indicators"][1]["key"] = "happiness";
  bad["activities"][0]["month"] = "2027-13";
  bad["districts"] = {"999999"};
  auto refused = org_a_admin_.Put(path, [&] { auto b = bad; b["version"] = d["version"]; return b; }());
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(HasField(refused, "budget_lines[0].unit_price_yuan:invalid")) << refused.body;
  EXPECT_TRUE(HasField(refused, "indicators[1].key:invalid")) << refused.body;
  EXPECT_TRUE(HasField(refused, "activities[0].month:format")) << refused.body;
  EXPECT_TRUE(HasField(refused, "districts:invalid")) << refused.body;

  // Submitting the bare draft names everything missing.
  auto incomplete = org_a_admin_.Post(path + "/submit", {{"version", d["version"]}});
  EXPECT_EQ(incomplete.status, 422);
  for (const char* f : {"summary:required", "need_analysis:required", "budget_lines:required", "indicators:required",
                        "team:required", "districts:required"}) {
    EXPECT_TRUE(HasField(incomplete, f)) << f << " " << incomplete.body;
  }

  auto body = ApplicationBody("困境儿童成长陪伴");
  body["version"] = d["version"];
  auto saved = org_a_admin_.Put(path, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto s = saved.Json();
  // 24 × 4000 + 20 × 1500.50 + 60 × 99.90, to the fen.
  EXPECT_EQ(s["requested_yuan"], "132004.00");
  EXPECT_EQ(s["budget_lines"][1]["amount_yuan"], "30010.00");
  auto stale = org_a_admin_.Put(path, body);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "version_conflict");

  // The round's eligibility: a district outside it.
  auto outside = ApplicationBody("困境儿童成长陪伴");
  outside["districts"] = {"310115"};
  outside["version"] = s["version"];
  auto moved = org_a_admin_.Put(path, outside);
  ASSERT_EQ(moved.status, 200);
  auto not_eligible = org_a_admin_.Post(path + "/submit", {{"version", moved.Json()["version"]}});
  EXPECT_EQ(not_eligible.status, 422);
  EXPECT_TRUE(HasField(not_eligible, "districts:not_eligible")) << not_eligible.body;
  body["version"] = moved.Json()["version"];
  s = org_a_admin_.Put(path, body).Json();

  // Who may touch it: not a social worker, not another organization (which does not see it).
  EXPECT_EQ(worker_.Post(list, ApplicationBody("x")).status, 403);
  EXPECT_EQ(org_b_admin_.Get(path).status, 404);
  EXPECT_EQ(officer_.Get(path).status, 404);  // a draft stays with its organization
  EXPECT_EQ(org_b_admin_.Get(list).Json()["data"].size(), 0u);

  auto submitted = org_a_admin_.Post(path + "/submit", {{"version", s["version"]}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["state"], "submitted");
  auto late_edit = org_a_admin_.Put(path, [&] { auto b = body; b["version"] = submitted.Json()["version"]; return b; }());
  EXPECT_EQ(late_edit.status, 409);
  EXPECT_EQ(late_edit.ErrorCode(), "not_editable");
  EXPECT_EQ(officer_.Get(list).Json()["data"].size(), 1u);

  // Screening: a failure needs its reason, which the organization then reads.
  auto no_reason = officer_.Post(path + "/screening", {{"result", "fail"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(HasField(no_reason, "reason:required"));
  EXPECT_EQ(org_a_admin_.Post(path + "/screening", {{"result", "pass"}}).status, 403);
  auto failed = officer_.Post(path + "/screening", {{"result", "fail"}, {"reason", "机构等级不符"}});
  ASSERT_EQ(failed.status, 200);
  auto seen = org_a_admin_.Get(path).Json();
  EXPECT_EQ(seen["state"], "ineligible");
  EXPECT_EQ(seen["screening_reason"], "机构等级不符");
  EXPECT_EQ(officer_.Post(path + "/screening", {{"result", "pass"}}).status, 409);
}

TEST_F(Applications, SubmissionAfterTheWindowClosesIsRefused) {
  long long round = OpenRound(FlowRoundBody("2027 项目创投", 1));
  std::string list = "/api/v1/rounds/" + S(round) + "/applications";
  auto draft = org_a_admin_.Post(list, ApplicationBody("社区长者陪伴"));
  ASSERT_EQ(draft.status, 201);
  // Time passes: the window's end is behind us (Asia/Shanghai local time).
  ASSERT_EQ(server_.ExecSql("UPDATE rounds SET closes_at = '2026-01-02T00:00' WHERE id = " + S(round)), 0);
  auto late = org_a_admin_.Post("/api/v1/applications/" + S(draft.Json()["id"].get<long long>()) + "/submit",
                                {{"version", draft.Json()["version"]}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.ErrorCode(), "window_closed");
  auto new_draft = org_a_admin_.Post(list, ApplicationBody("另一个项目"));
  EXPECT_EQ(new_draft.status, 409);
  EXPECT_EQ(new_draft.ErrorCode(), "window_closed");
  // A round not open takes no application at all.
  ASSERT_EQ(Move(round, "closed").status, 200);
  EXPECT_EQ(org_a_admin_.Post(list, ApplicationBody("x")).ErrorCode(), "round_not_open");
}

TEST_F(Applications, BlindReviewConflictsResultsDecisionsAndNotice) {
  auto round_body = FlowRoundBody("2027 项目创投", 2);
  round_body["total_budget_yuan"] = "150000";
  round_body["max_grant_yuan"] = "150000";
  long long round = OpenRound(round_body);
  std::string rpath = "/api/v1/rounds/" + S(round);
  long long a = Submitted(org_a_admin_, round, "困境儿童成长陪伴");
  long long b = Submitted(org_b_admin_, round, "独居长者守护");
  std::string apath = "/api/v1/applications/" + S(a), bpath = "/api/v1/applications/" + S(b);

  // Reviewers come after screening, and only people holding the reviewer role.
  EXPECT_EQ(officer_.Post(apath + "/reviewers", {{"user_ids", {reviewer_ids_[0]}}}).ErrorCode(), "not_eligible");
  ASSERT_EQ(officer_.Post(apath + "/screening", {{"result", "pass"}}).status, 200);
  ASSERT_EQ(officer_.Post(bpath + "/screening", {{"result", "pass"}}).status, 200);
  auto not_reviewer = officer_.Post(apath + "/reviewers", {{"user_ids", {reviewer_ids_[0], worker_id_}}});
  EXPECT_EQ(not_reviewer.status, 422);
  EXPECT_TRUE(HasField(not_reviewer, "user_ids[1]:not_reviewer")) << not_reviewer.body;
  auto assigned = officer_.Post(apath + "/reviewers", {{"user_ids", reviewer_ids_}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.Json()["data"].size(), 3u);
  ASSERT_EQ(officer_.Post(bpath + "/reviewers", {{"user_ids", {reviewer_ids_[0], reviewer_ids_[1]}}}).status, 200);
  // Unassigning before any score; assigning again is idempotent for those still there.
  auto unassigned = officer_.Delete(apath + "/reviewers/" + S(reviewer_ids_[2]));
  ASSERT_EQ(unassigned.status, 200) << unassigned.body;
  EXPECT_EQ(unassigned.Json()["data"].size(), 2u);
  EXPECT_EQ(officer_.Delete(apath + "/reviewers/" + S(reviewer_ids_[2])).status, 404);
  EXPECT_EQ(org_a_admin_.Delete(apath + "/reviewers/" + S(reviewer_ids_[1])).status, 403);
  EXPECT_EQ(officer_.Post(apath + "/reviewers", {{"user_ids", reviewer_ids_}}).Json()["data"].size(), 3u);
  EXPECT_EQ(org_a_admin_.Post(apath + "/reviewers", {{"user_ids", reviewer_ids_}}).status, 403);

  // A reviewer sees what is assigned to them, nothing else; scoring waits for review.
  EXPECT_EQ(reviewers_[2].Get(rpath + "/applications").Json()["data"].size(), 1u);
  EXPECT_EQ(reviewers_[2].Get(bpath).status, 404);
  auto early = reviewers_[0].Put(apath + "/review", {{"scores", Scores(8)}, {"submit", true}});
  EXPECT_EQ(early.ErrorCode(), "round_not_in_review");
  ASSERT_EQ(Move(round, "closed").status, 200);

  // A declared conflict of interest unassigns: scoring is refused.
  auto conflict = reviewers_[2].Post(apath + "/conflict", {{"reason", "曾任该机构理事"}});
  ASSERT_EQ(conflict.status, 200) << conflict.body;
  EXPECT_EQ(conflict.Json()["state"], "conflict");
  auto barred = reviewers_[2].Put(apath + "/review", {{"scores", Scores(9)}, {"submit", true}});
  EXPECT_EQ(barred.status, 403);
  EXPECT_EQ(barred.ErrorCode(), "conflict_of_interest");
  EXPECT_EQ(reviewers_[2].Get(rpath + "/applications").Json()["data"].size(), 0u);
  EXPECT_EQ(reviewers_[2].Put(bpath + "/review", {{"scores", Scores(9)}}).status, 404);  // not assigned: unseen

  // Blind: no peeking before submitting one's own.
  auto peek = reviewers_[0].Get(apath + "/reviews");
  EXPECT_EQ(peek.status, 403);
  EXPECT_EQ(peek.ErrorCode(), "own_review_first");
  auto partial = Scores(8);
  partial.erase(partial.end() - 1);
  auto draft = reviewers_[0].Put(apath + "/review", {{"scores", partial}});
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.Json()["state"], "assigned");
  auto incomplete = reviewers_[0].Put(apath + "/review", {{"scores", partial}, {"submit", true}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_TRUE(HasField(incomplete, "scores.sustainability:required")) << incomplete.body;
  auto too_high = Scores(8);
  too_high[0]["score"] = 11;
  EXPECT_TRUE(HasField(reviewers_[0].Put(apath + "/review", {{"scores", too_high}}), "scores[0].score:out_of_range"));
  auto done = reviewers_[0].Put(apath + "/review", {{"scores", Scores(8)}, {"submit", true}, {"comment", "设计扎实"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["total"], 80.0);
  EXPECT_EQ(reviewers_[0].Put(apath + "/review", {{"scores", Scores(9)}, {"submit", true}}).ErrorCode(),
            "already_submitted");
  auto mine = reviewers_[0].Get(rpath + "/applications").Json()["data"];
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0]["my_review_state"], "submitted");
  EXPECT_EQ(mine[0]["my_review_total"], 80.0);
  EXPECT_EQ(mine[1]["my_review_state"], "assigned");
  auto kept = officer_.Delete(apath + "/reviewers/" + S(reviewer_ids_[0]));
  EXPECT_EQ(kept.status, 409);
  EXPECT_EQ(kept.ErrorCode(), "already_submitted");
  auto aggregate = reviewers_[0].Get(apath + "/reviews").Json();
  EXPECT_EQ(aggregate["aggregate"]["count"], 1);
  EXPECT_EQ(aggregate["aggregate"]["mean"], 80.0);
  EXPECT_FALSE(aggregate.contains("data"));  // never the others' scores

  // Funding needs the round's minimum of reviews.
  auto missing = officer_.Post(apath + "/decision", {{"fund", true}, {"amount_yuan", "130000"}});
  EXPECT_EQ(missing.status, 409);
  EXPECT_EQ(missing.ErrorCode(), "reviews_missing");
  ASSERT_EQ(reviewers_[1].Put(apath + "/review", {{"scores", Scores(5)}, {"submit", true}}).status, 200);
  ASSERT_EQ(reviewers_[0].Put(bpath + "/review", {{"scores", Scores(7)}, {"submit", true}}).status, 200);
  ASSERT_EQ(reviewers_[1].Put(bpath + "/review", {{"scores", Scores(7)}, {"submit", true}}).status, 200);

  auto full = officer_.Get(apath + "/reviews").Json();
  EXPECT_EQ(full["data"].size(), 3u);
  EXPECT_EQ(full["aggregate"]["mean"], 65.0);
  auto results = officer_.Get(rpath + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  auto rows = results.Json()["data"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["id"], b);  // 70 before 65
  EXPECT_EQ(rows[0]["rank"], 1);
  EXPECT_EQ(reviewers_[0].Get(rpath + "/results").status, 403);
  auto find = [&](long long id) {
    return *std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r["id"] == id; });
  };
  EXPECT_EQ(find(a)["mean"], 65.0);
  EXPECT_EQ(find(a)["spread"], 30.0);
  EXPECT_EQ(find(a)["spread_flag"], true);
  EXPECT_TRUE(find(a)["trimmed_mean"].is_null());
  EXPECT_EQ(find(b)["mean"], 70.0);
  EXPECT_EQ(find(b)["spread"], 0.0);
  EXPECT_EQ(find(b)["spread_flag"], false);

  // Decisions within the request, the grant limits and the budget.
  EXPECT_TRUE(HasField(officer_.Post(apath + "/decision", {{"fund", true}, {"amount_yuan", "140000"}}),
                       "amount_yuan:above_request"));
  EXPECT_TRUE(HasField(officer_.Post(apath + "/decision", {{"fund", true}}), "amount_yuan:required"));
  auto funded = officer_.Post(apath + "/decision", {{"fund", true}, {"amount_yuan", "132004"}, {"note", "全额"}});
  ASSERT_EQ(funded.status, 200) << funded.body;
  EXPECT_EQ(funded.Json()["state"], "proposed");
  auto over = officer_.Post(bpath + "/decision", {{"fund", true}, {"amount_yuan", "20000"}});
  EXPECT_EQ(over.status, 422);
  EXPECT_TRUE(HasField(over, "amount_yuan:over_budget")) << over.body;
  EXPECT_TRUE(HasField(officer_.Post(bpath + "/decision", {{"fund", true}, {"amount_yuan", "9000"}}),
                       "amount_yuan:below_min"));
  ASSERT_EQ(officer_.Post(bpath + "/decision", {{"fund", true}, {"amount_yuan", "15000"}}).status, 200);
  auto budget = officer_.Get(rpath + "/results").Json()["budget"];
  EXPECT_EQ(budget["proposed_yuan"], "147004.00");
  EXPECT_EQ(budget["remaining_yuan"], "2996.00");

  // 公示: public from notice on, no login.
  Client anonymous(server_);
  EXPECT_EQ(anonymous.Get("/api/v1/public/rounds/" + S(round) + "/notice").status, 404);
  ASSERT_EQ(Move(round, "notice").status, 200);
  auto notice = anonymous.Get("/api/v1/public/rounds/" + S(round) + "/notice");
  ASSERT_EQ(notice.status, 200) << notice.body;
  auto n = notice.Json();
  ASSERT_EQ(n["data"].size(), 2u);
  EXPECT_EQ(n["data"][0]["organization_name"], "甲社工机构");
  EXPECT_EQ(n["data"][0]["amount_yuan"], "132004.00");
  EXPECT_FALSE(n["round"]["notice_ends_on"].get<std::string>().empty());
  EXPECT_EQ(reviewers_[1].Put(apath + "/review", {{"scores", Scores(5)}}).status, 409);

  // An objection; the decision waits for the period and for every objection's resolution.
  auto objection = officer_.Post(rpath + "/objections",
                                 {{"application_id", b}, {"source", "匿名来电"}, {"content", "该机构在本区无服务场地"}});
  ASSERT_EQ(objection.status, 201) << objection.body;
  long long objection_id = objection.Json()["id"].get<long long>();
  EXPECT_TRUE(HasField(officer_.Post(rpath + "/objections", {{"application_id", 99999}, {"source", "x"}, {"content", "y"}}),
                       "application_id:not_in_notice"));
  auto running = Move(round, "decided");
  EXPECT_EQ(running.status, 409);
  EXPECT_EQ(running.ErrorCode(), "notice_running");
  ASSERT_EQ(server_.ExecSql("UPDATE rounds SET notice_started_on = '2026-01-01' WHERE id = " + S(round)), 0);
  auto open = Move(round, "decided");
  EXPECT_EQ(open.ErrorCode(), "objections_open");
  auto upheld = officer_.Post("/api/v1/objections/" + S(objection_id) + "/resolve",
                              {{"upheld", true}, {"resolution", "核实属实，撤销拟资助"}});
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(officer_.Post("/api/v1/objections/" + S(objection_id) + "/resolve", {{"upheld", false}, {"resolution", "x"}})
                .ErrorCode(),
            "already_resolved");
  EXPECT_EQ(officer_.Get(bpath).Json()["state"], "eligible");

  auto decided = Move(round, "decided");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(officer_.Get(apath).Json()["state"], "funded");
  EXPECT_EQ(officer_.Get(bpath).Json()["state"], "not_funded");
  auto projects = officer_.Get("/api/v1/projects?round_id=" + S(round)).Json()["data"];
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(projects[0]["grant_yuan"], "132004.00");
  EXPECT_EQ(projects[0]["state"], "agreement_pending");
  EXPECT_EQ(org_a_admin_.Get("/api/v1/projects").Json()["data"].size(), 1u);
  EXPECT_EQ(org_b_admin_.Get("/api/v1/projects").Json()["data"].size(), 0u);
  EXPECT_EQ(anonymous.Get("/api/v1/public/rounds/" + S(round) + "/notice").Json()["data"].size(), 1u);
  EXPECT_EQ(officer_.Post(rpath + "/objections", {{"application_id", a}, {"source", "x"}, {"content", "y"}}).ErrorCode(),
            "round_not_in_notice");
  for (const char* to : {"running", "finished"}) {
    EXPECT_EQ(Move(round, to).status, 200) << to;
  }
  EXPECT_EQ(officer_.Get(rpath).Json()["events"].size(), 7u);
}

}  // namespace bangyi::testing
