// The pairwise final from the command line: an admin opens it, each judge
// asks for their pair and answers it until none is left, the results place
// the finalists by it, and `poster audit verify` re-derives every answer.
#include "tests/cli/cli_contest.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

constexpr const char* kFinalToml =
    "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n"
    "[results]\nobjection_days = 0\n";

// `judge` answers every pair shown, choosing entry `favourite` whenever it is
// shown and the left one otherwise; how many they answered.
int AnswerAll(const CliContest& poster, const std::string& judge, int favourite) {
  int answered = 0;
  for (json pair = poster.Json({"final", "next", "--as", judge}); !pair.is_null();
       pair = poster.Json({"final", "next", "--as", judge})) {
    std::string pick = pair["right"] == favourite ? "right" : "left";
    REQUIRE(poster({"final", "answer", std::to_string(pair["left"].get<int>()),
                    std::to_string(pair["right"].get<int>()), pick, "--as", judge})
                .exit_code == 0);
    ++answered;
  }
  return answered;
}

}  // namespace

TEST_CASE("judges compare the finalists pair by pair and the results follow the final",
          "[cli][final]") {
  CliContest poster(kFinalToml);
  REQUIRE(poster({"contest", "init", "--config", poster.config()}).exit_code == 0);
  REQUIRE(poster({"roster", "import", SampleFile("roster.csv")}).exit_code == 0);
  REQUIRE(poster({"ingest", "--manifest", SampleFile("manifest.csv")}).exit_code == 0);
  for (const char* id : {"1", "2", "3", "4"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);

  Finished refused = poster({"final", "open", "1", "--as", "A0001"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("invalid_finalists") && Catch::Contains("결선작 2~12편"));
  CHECK(poster({"final", "open", "1", "2", "--as", "E1001"}).exit_code == 1);  // not an admin
  json opened =
      poster.Json({"final", "open", "1", "2", "3", "--seed", "결선 시드", "--as", "A0001"});
  CHECK(opened["finalists"] == json::array({1, 2, 3}));

  json first = poster.Json({"final", "next", "--as", "J0001"});
  Finished wrong = poster({"final", "answer", std::to_string(first["right"].get<int>()),
                           std::to_string(first["left"].get<int>()), "left", "--as", "J0001"});
  CHECK(wrong.exit_code == 1);
  CHECK_THAT(wrong.err, Catch::Contains("pair_not_offered"));
  CHECK(poster({"final", "answer", "1", "2", "maybe", "--as", "J0001"}).exit_code == 2);

  CHECK(AnswerAll(poster, "J0001", 3) == 3);
  CHECK(AnswerAll(poster, "J0002", 3) == 3);
  json shown = poster.Json({"final", "show", "--as", "A0001"});
  CHECK(shown["answers"].size() == 6);
  CHECK(shown["order"][0]["entry"] == 3);
  CHECK(poster.Json({"final", "show", "--as", "J0001"})["answers"].size() == 3);
  CHECK(poster({"final", "close", "--as", "A0001"}).exit_code == 0);
  CHECK(poster.Json({"final", "next", "--as", "J0003"}).is_null());

  REQUIRE(poster({"announce", "--as", "A0001"}).exit_code == 0);
  json results = poster.Json({"results", "--format", "json", "--as", "A0001"});
  CHECK(results["rows"][0]["entry"] == 3);  // first of the finalists' places
  Finished verified = poster({"audit", "verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
}
