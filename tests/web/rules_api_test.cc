// Korea's rules for public contests over HTTP: the pledge the submit page asks
// for, the public shortlist with each winner's look-alikes, and an admin's
// revocation of a final award shown on the results.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

// Entries 1 and 2 (by E1001, E1002) approved and scored by J0001, 1 above 2.
std::vector<int64_t> RulesContest(WebContest& contest) {
  std::vector<int64_t> ids = {contest.Entry("E1001", 1, true), contest.Entry("E1002", 2, true)};
  contest.Open(voting::Phase::kJudging);
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  REQUIRE(contest.catalogue().Score("J0001", ids[0], {10, 10, 10, 10}).ok());
  REQUIRE(contest.catalogue().Score("J0001", ids[1], {5, 5, 5, 5}).ok());
  return ids;
}

// Entry 1's picture again as a JPEG (other bytes, the same look), approved.
int64_t TwinOfFirst(WebContest& contest) {
  synth::PosterSpec spec;
  spec.seed = 1;
  spec.title = "웹 포스터 1";
  Result<ingest::Poster> poster =
      ingest::Process(synth::Encode(synth::DrawPoster(spec), ".jpg"), ingest::Settings());
  REQUIRE(poster.ok());
  gallery::Submission s;
  s.author = "E1003";
  s.title = "닮은 포스터";
  Result<gallery::Entry> entry = contest.catalogue().Add(*poster, s, "E1003");
  REQUIRE(entry.ok());
  REQUIRE(
      contest.catalogue().Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
  return entry->id;
}

const json* RowOf(const json& rows, int64_t entry) {
  for (const json& row : rows)
    if (row.value("entry", int64_t{0}) == entry) return &row;
  return nullptr;
}

}  // namespace

TEST_CASE("with require_pledge an upload without the ticked pledge and consent is refused",
          "[web][rules]") {
  WebContest contest("[submission]\nrequire_pledge = true\n");
  json pledge = Json(contest.Anonymous()->Get("/api/contest"))["pledge"];
  REQUIRE(pledge["required"] == true);
  CHECK_THAT(pledge["pledge"].get<std::string>(), Catch::Contains("청렴"));
  CHECK(pledge["pledge_sha256"].get<std::string>().size() == 64);
  auto author = contest.As("E1001");
  HttpReply refused = author->PostForm(
      "/api/entries", {{"file", PosterPng(3), "poster.png"}, {"title", "서약 없이"}});
  CHECK(refused.status == 422);
  CHECK(Json(refused)["code"] == "pledge_required");
  CHECK_THAT(Json(refused)["message"].get<std::string>(), Catch::Contains("두 확인란"));
  HttpReply accepted =
      author->PostForm("/api/entries", {{"file", PosterPng(3), "poster.png"},
                                        {"title", "서약하고"},
                                        {"pledge_sha256", pledge["pledge_sha256"]},
                                        {"consent_sha256", pledge["consent_sha256"]}});
  REQUIRE(accepted.status == 201);
  gallery::Entry stored = *contest.catalogue().Get(Json(accepted)["entry"].get<int64_t>());
  CHECK(stored.submission.pledge_sha256 == pledge["pledge_sha256"]);
}

TEST_CASE("the shortlist is public from the announcement, each winner with its look-alikes",
          "[web][rules]") {
  WebContest contest;
  std::vector<int64_t> ids = RulesContest(contest);
  int64_t twin = TwinOfFirst(contest);
  auto anyone = contest.Anonymous();
  CHECK(Json(anyone->Get("/api/shortlist"))["state"] == "sealed");
  auto admin = contest.As("A0001");
  REQUIRE(admin->Post("/api/admin/announce", "").status == 200);
  json list = Json(anyone->Get("/api/shortlist"));
  CHECK(list["state"] == "announced");
  const json* first = RowOf(list["entries"], ids[0]);
  REQUIRE(first != nullptr);
  CHECK((*first)["tier"] == "최우수");
  CHECK((*first)["title"] == "웹 포스터 1");
  REQUIRE((*first)["neighbours"].size() == 1);
  const json& near = (*first)["neighbours"][0];
  CHECK(near["entry"] == twin);
  CHECK(near["title"] == "닮은 포스터");
  CHECK(near["distance"].get<int>() <= 10);
  std::string thumbnail = near["thumbnail"];
  CHECK_THAT(thumbnail, Catch::StartsWith("/media/") && Catch::EndsWith("/320.webp"));
  CHECK(anyone->Get(thumbnail).status == 200);
  CHECK(RowOf(list["entries"], ids[1])->at("neighbours").empty());
}

TEST_CASE("an admin revokes a final award over HTTP and the results mark it with the reason",
          "[web][rules]") {
  WebContest contest("[results]\nobjection_days = 0\n");  // final as soon as announced
  std::vector<int64_t> ids = RulesContest(contest);
  auto admin = contest.As("A0001");
  REQUIRE(admin->Post("/api/admin/announce", "").status == 200);
  std::string path = "/api/admin/awards/" + std::to_string(ids[0]) + "/revoke";
  CHECK(contest.As("E1002")->Post(path, "{\"reason\":\"표절\"}").status == 403);
  CHECK(Json(admin->Post(path, "{\"reason\":\"\"}"))["code"] == "invalid_metadata");
  HttpReply revoked = admin->Post(path, "{\"reason\":\"다른 공모전 수상작\"}");
  REQUIRE(revoked.status == 200);
  CHECK(Json(revoked)["tier"] == "최우수");
  json again = Json(admin->Post(path, "{\"reason\":\"표절\"}"));
  CHECK(again["code"] == "not_revocable");
  CHECK_THAT(again["message"].get<std::string>(), Catch::Contains("이미 수상이 취소되었습니다"));
  json results = Json(contest.Anonymous()->Get("/api/results"));
  const json* row = RowOf(results["rows"], ids[0]);
  REQUIRE(row != nullptr);
  CHECK((*row)["tier"].is_null());
  CHECK((*row)["revoked"]["reason"] == "다른 공모전 수상작");
  CHECK((*row)["revoked"]["tier"] == "최우수");
  CHECK(RowOf(results["rows"], ids[1])->at("tier") == "우수");  // vacant: the others keep theirs
  json card = Json(contest.Anonymous()->Get("/api/entries/" + std::to_string(ids[0])));
  CHECK_FALSE(card.contains("tier"));
  CHECK(contest.catalogue().VerifyAudit()->problems.empty());
}
