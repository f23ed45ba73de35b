// The pairwise final over HTTP: the admin opens it, a judge is shown two
// posters (without their authors while judging is blind) and answers, and
// the admin reads the standing.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

TEST_CASE("a judge compares the pair shown, and only that pair", "[web][final]") {
  WebContest contest;
  int64_t a = contest.Entry("E1001", 1, true), b = contest.Entry("E1002", 2, true),
          c = contest.Entry("E1003", 3, true);
  auto admin = contest.As("A0001");
  auto judge = contest.As("J0001");
  CHECK(Json(judge->Get("/api/judge/pair"))["final"].is_null());
  HttpReply one = admin->Post("/api/admin/final", "{\"finalists\":[" + std::to_string(a) + "]}");
  CHECK(one.status == 422);
  CHECK(Json(one)["code"] == "invalid_finalists");
  std::string finalists = std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(c);
  HttpReply opened =
      admin->Post("/api/admin/final", "{\"finalists\":[" + finalists + "],\"seed\":\"결선\"}");
  REQUIRE(opened.status == 200);
  CHECK(Json(opened)["final"]["seed"] == "결선");

  HttpReply shown = judge->Get("/api/judge/pair");
  REQUIRE(shown.status == 200);
  json pair = Json(shown)["pair"];
  REQUIRE(pair.is_object());
  CHECK(pair["left"]["entry"] != pair["right"]["entry"]);
  CHECK(pair["left"].contains("title"));
  CHECK_FALSE(pair["left"].contains("author"));  // judging is blind by default
  CHECK(shown.body.find("한시민") == std::string::npos);
  std::string left = std::to_string(pair["left"]["entry"].get<int64_t>()),
              right = std::to_string(pair["right"]["entry"].get<int64_t>());
  HttpReply swapped = judge->Post(
      "/api/judge/pair", "{\"left\":" + right + ",\"right\":" + left + ",\"outcome\":\"left\"}");
  CHECK(swapped.status == 409);
  CHECK(Json(swapped)["code"] == "pair_not_offered");
  CHECK(Json(swapped)["details"]["left"] == left);
  HttpReply answered = judge->Post(
      "/api/judge/pair", "{\"left\":" + left + ",\"right\":" + right + ",\"outcome\":\"even\"}");
  REQUIRE(answered.status == 200);
  CHECK(Json(answered)["final"]["answered"] == 1);
  CHECK(Json(answered)["pair"].is_object());  // the next pair, at once

  json final = Json(admin->Get("/api/admin/final"))["final"];
  CHECK(final["answers"].size() == 1);
  CHECK(final["answers"][0]["outcome"] == "even");
  CHECK(final["order"].size() == 3);
  CHECK(judge->Get("/api/admin/final").status == 403);
  REQUIRE(admin->Post("/api/admin/final/close", "").status == 200);
  CHECK(Json(judge->Get("/api/judge/pair"))["pair"].is_null());
  CHECK(Json(judge->Get("/api/judge/pair"))["final"]["closed"] == true);
  CHECK(contest.catalogue().VerifyAudit()->problems.empty());
}
