#include "modules/volunteers/volunteer_routes.hpp"

#include "core/json_input.hpp"

namespace bangyi::volunteers {

namespace {

using http::Request;
using http::Response;
using P = const access::Principal&;
using B = const nlohmann::json&;

bool Flag(const Request& r, const std::string& name) { return r.Query(name).value_or("") == "true"; }

void PublicRoutes(http::Router& router, VolunteerService& v) {
  router.Get("/api/v1/public/volunteer-organizations", [&v](Request& r) {
    return Response::Json(200, v.PublicOrganizations(r.Query("district").value_or("")));
  });
  router.Post("/api/v1/public/volunteer-signups",
              [&v](Request& r) { return Response::Json(201, v.SignUp(core::ParseJsonObject(r.body))); });
  router.Get("/api/v1/certificates/{code}",
             [&v](Request& r) { return Response::Json(200, v.VerifyCertificate(r.params.at("code"))); });
}

void VolunteerRoutes(http::Router& router, VolunteerService& v, const access::Authenticate& authenticate) {
  using access::IdRead;
  using access::IdWrite;
  router.Get("/api/v1/volunteers", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    VolunteerFilter f;
    f.status = r.Query("status").value_or("");
    f.membership = r.Query("membership").value_or("");
    f.q = r.Query("q").value_or("");
    f.skill = r.Query("skill").value_or("");
    f.district = r.Query("district").value_or("");
    return Response::Json(200, v.List(p, f, http::ParsePage(r)));
  });
  router.Post("/api/v1/volunteers", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, v.Create(p, core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/volunteers/{id}", IdRead(authenticate, [&v](P p, int64_t id) { return v.Get(p, id); }));
  router.Put("/api/v1/volunteers/{id}", IdWrite(authenticate, 200, [&v](P p, int64_t id, B b) { return v.Update(p, id, b); }));
  router.Post("/api/v1/volunteers/{id}/approve", IdWrite(authenticate, 200, [&v](P p, int64_t id, B) { return v.Approve(p, id); }));
  router.Post("/api/v1/volunteers/{id}/reject", IdWrite(authenticate, 200, [&v](P p, int64_t id, B b) { return v.Reject(p, id, b); }));
  router.Put("/api/v1/volunteers/{id}/safeguarding",
             IdWrite(authenticate, 200, [&v](P p, int64_t id, B b) { return v.SetSafeguarding(p, id, b); }));
  router.Post("/api/v1/volunteers/{id}/status", IdWrite(authenticate, 200, [&v](P p, int64_t id, B b) { return v.SetStatus(p, id, b); }));
  router.Post("/api/v1/volunteers/{id}/reveal", IdWrite(authenticate, 200, [&v](P p, int64_t id, B b) { return v.Reveal(p, id, b); }));
  router.Get("/api/v1/volunteers/{id}/hours", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, v.Hours(p, r.PathId("id"), r.Query("from").value_or(""), r.Query("to").value_or("")));
  });
  router.Get("/api/v1/volunteer-hours", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, v.OrganizationHours(p, r.Query("from").value_or(""), r.Query("to").value_or(""),
                                                   r.Query("group").value_or("volunteer")));
  });
  router.Post("/api/v1/volunteers/{id}/certificates",
              IdWrite(authenticate, 201, [&v](P p, int64_t id, B b) { return v.IssueCertificate(p, id, b); }));
  router.Get("/api/v1/volunteers/{id}/certificates", IdRead(authenticate, [&v](P p, int64_t id) { return v.Certificates(p, id); }));
  router.Get("/api/v1/certificates/{code}/pdf", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    std::string code = r.params.at("code");
    return Response::Download("application/pdf", "certificate-" + code + ".pdf", v.CertificatePdf(p, code));
  });
  router.Get("/api/v1/professionals", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, v.Professionals(p));
  });
  router.Post("/api/v1/professionals", [&v, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(201, v.AddProfessional(p, core::ParseJsonObject(r.body)));
  });
}

void PairingRoutes(http::Router& router, PairingService& s, const access::Authenticate& authenticate) {
  using access::IdRead;
  using access::IdWrite;
  router.Get("/api/v1/cases/{id}/team", IdRead(authenticate, [&s](P p, int64_t id) { return s.Team(p, id); }));
  router.Post("/api/v1/cases/{id}/team", IdWrite(authenticate, 201, [&s](P p, int64_t id, B b) { return s.AddMember(p, id, b); }));
  router.Post("/api/v1/cases/{id}/team/{member_id}/end", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.EndMember(p, r.PathId("id"), r.PathId("member_id"), core::ParseJsonObject(r.body)));
  });
  router.Put("/api/v1/cases/{id}/team/{member_id}/grants", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.SetGrants(p, r.PathId("id"), r.PathId("member_id"), core::ParseJsonObject(r.body)));
  });
  router.Get("/api/v1/cases/{id}/volunteer-view", IdRead(authenticate, [&s](P p, int64_t id) { return s.VolunteerView(p, id); }));
  router.Get("/api/v1/cases/{id}/pairing-suggestions", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.Suggestions(p, r.PathId("id"), r.QueryId("limit").value_or(10),
                                             r.Query("languages").value_or(""),
                                             r.Query("slots").value_or("")));
  });
  router.Post("/api/v1/cases/{id}/pairings", IdWrite(authenticate, 201, [&s](P p, int64_t id, B b) { return s.Propose(p, id, b); }));
  router.Get("/api/v1/pairings", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    PairingQuery q{r.Query("status").value_or(""), Flag(r, "overdue"), Flag(r, "mine")};
    return Response::Json(200, s.List(p, q, http::ParsePage(r)));
  });
  router.Get("/api/v1/pairings/{id}", IdRead(authenticate, [&s](P p, int64_t id) { return s.Get(p, id); }));
  router.Post("/api/v1/pairings/{id}/accept", IdWrite(authenticate, 200, [&s](P p, int64_t id, B b) { return s.Respond(p, id, true, b); }));
  router.Post("/api/v1/pairings/{id}/decline", IdWrite(authenticate, 200, [&s](P p, int64_t id, B b) { return s.Respond(p, id, false, b); }));
  for (const char* action : {"pause", "resume", "end"}) {
    std::string a = action;
    router.Post("/api/v1/pairings/{id}/" + a,
                IdWrite(authenticate, 200, [&s, a](P p, int64_t id, B b) { return s.Move(p, id, a, b); }));
  }
  router.Get("/api/v1/me/volunteer", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.Me(p));
  });
  router.Post("/api/v1/pairings/{id}/visits", IdWrite(authenticate, 201, [&s](P p, int64_t id, B b) { return s.LogVisit(p, id, b); }));
  router.Get("/api/v1/pairings/{id}/visits", IdRead(authenticate, [&s](P p, int64_t id) { return s.Visits(p, id); }));
  router.Put("/api/v1/visits/{id}", IdWrite(authenticate, 200, [&s](P p, int64_t id, B b) { return s.EditVisit(p, id, b); }));
  router.Get("/api/v1/visits", [&s, authenticate](Request& r) {
    auto p = authenticate(r);
    return Response::Json(200, s.VisitQueue(p, r.Query("status").value_or("logged"), Flag(r, "mine")));
  });
  router.Post("/api/v1/visits/{id}/confirm", IdWrite(authenticate, 200, [&s](P p, int64_t id, B) { return s.ConfirmVisit(p, id); }));
  router.Post("/api/v1/visits/{id}/query", IdWrite(authenticate, 200, [&s](P p, int64_t id, B b) { return s.QueryVisit(p, id, b); }));
}

}  // namespace

void RegisterRoutes(http::Router& router, VolunteerService& volunteers, PairingService& pairings,
                    const access::Authenticate& authenticate) {
  PublicRoutes(router, volunteers);
  VolunteerRoutes(router, volunteers, authenticate);
  PairingRoutes(router, pairings, authenticate);
}

}  // namespace bangyi::volunteers
