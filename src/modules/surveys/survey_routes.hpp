// HTTP routes of satisfaction surveys (docs/outcomes.md).
#pragma once

#include "http/router.hpp"
#include "modules/access/authenticate.hpp"
#include "modules/surveys/survey_service.hpp"

namespace bangyi::surveys {

void RegisterRoutes(http::Router& router, SurveyService& surveys, const access::Authenticate& authenticate);

}  // namespace bangyi::surveys
