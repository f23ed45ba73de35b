// Korea's rules for public contests through the catalogue: the pledge and
// consent at submission, the shortlist of the verification period with its
// near-duplicate neighbours, revoked awards, and verify holding them to the log.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// Three approved entries scored 9, 7, 5 by two judges: 최우수, 우수, 우수. The
// clock in judging (17 Nov 10:00); announced then, the results are final on 20 Nov 10:00.
std::vector<int64_t> JudgedContest(Contest& contest) {
  std::vector<int64_t> ids = {contest.SubmitApproved("E1", 1), contest.SubmitApproved("E2", 2),
                              contest.SubmitApproved("E3", 3)};
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  for (const std::string judge : {"J1", "J2"}) {
    for (size_t i = 0; i < ids.size(); ++i) {
      int s = 9 - int(i) * 2;
      REQUIRE(c.Score(judge, ids[i], {s, s, s, s}).ok());
    }
  }
  return ids;
}

std::string TierAfter(const gallery::Results& results, int64_t entry) {
  for (const gallery::ResultRow& row : results.rows)
    if (row.tally.id == entry)
      return row.tally.tier ? results.rules.tiers[*row.tally.tier].name : "";
  return "(absent)";
}

std::string RuleProblems(const gallery::AuditReport& report) {
  std::string all;
  for (const std::string& problem : report.problems) all += problem + "\n";
  return all;
}

void UseConfig(Contest& contest, const std::string& extra) {
  REQUIRE(contest.catalogue()
              .InitContest(std::string(kContestToml) + extra, "test.toml", "operator")
              .ok());
}

}  // namespace

TEST_CASE("an award is revoked only once final, by an admin, with a reason, and only once",
          "[gallery][rules]") {
  Contest contest;
  std::vector<int64_t> ids = JudgedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.RevokeAward(ids[0], "표절", "A1").status().detail("reason") == "not_final");
  REQUIRE(c.Announce("A1").ok());
  Result<gallery::Revocation> early = c.RevokeAward(ids[0], "표절", "A1");
  CHECK(early.status().code() == "not_revocable");
  CHECK(gallery::Localize(early.status(), gallery::Language::kKorean) ==
        "1번 작품의 수상은 취소할 수 없습니다: 결과가 아직 확정되지 않았습니다(검증 기간 중). "
        "확정된 뒤에 취소할 수 있습니다.");
  contest.clock().Set(KoreaTime(20, 10));  // three days on: final
  CHECK(c.RevokeAward(ids[0], "표절", "V1").status().code() == "not_permitted");
  CHECK(c.RevokeAward(ids[0], "  ", "A1").status().code() == "invalid_metadata");
  CHECK(c.RevokeAward(99, "표절", "A1").status().detail("reason") == "not_awarded");
  Result<gallery::Revocation> made = c.RevokeAward(ids[0], "다른 공모전 수상작으로 확인됨", "A1");
  REQUIRE(made.ok());
  CHECK(made->tier == "최우수");
  CHECK(made->revoked_at == "2026-11-20T01:00:00.000Z");
  CHECK(c.RevokeAward(ids[0], "표절", "A1").status().detail("reason") == "already_revoked");
  REQUIRE(c.Revocations()->size() == 1);
}

TEST_CASE("a revoked award leaves its tier vacant by default, shown with its reason to everyone",
          "[gallery][rules]") {
  Contest contest;
  std::vector<int64_t> ids = JudgedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Announce("A1").ok());
  contest.clock().Set(KoreaTime(21, 9));
  REQUIRE(c.RevokeAward(ids[0], "표절", "A1").ok());
  gallery::Results shown = *c.ResultsFor("");  // the public's winners view
  CHECK(TierAfter(shown, ids[0]) == "");
  CHECK(TierAfter(shown, ids[1]) == "우수");
  CHECK(TierAfter(shown, ids[2]) == "우수");
  const gallery::ResultRow& revoked = shown.rows.front();
  REQUIRE(revoked.revoked);
  CHECK(revoked.revoked->reason == "표절");
  CHECK(revoked.revoked->tier == "최우수");
  nlohmann::json json = gallery::ResultsToJson(shown, false);
  CHECK(json["rows"][0]["revoked"]["reason"] == "표절");
  CHECK(json["rows"][0]["tier"].is_null());
  CHECK(c.AwardedTiers()->count(ids[0]) == 0);  // the badge goes with the award
  CHECK(c.AwardedTiers()->at(ids[1]).name == "우수");
}

TEST_CASE("with revoked_tier = \"next\" the entries below a revoked award move up a place",
          "[gallery][rules]") {
  Contest contest;
  UseConfig(contest, "revoked_tier = \"next\"\n");
  std::vector<int64_t> ids = JudgedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Announce("A1").ok());
  contest.clock().Set(KoreaTime(21, 9));
  REQUIRE(c.RevokeAward(ids[0], "표절", "A1").ok());
  gallery::Results shown = *c.ResultsFor("A1");
  CHECK(TierAfter(shown, ids[0]) == "");
  CHECK(TierAfter(shown, ids[1]) == "최우수");
  CHECK(TierAfter(shown, ids[2]) == "우수");
  REQUIRE(c.RevokeAward(ids[1], "중복 응모", "A1").ok());  // twice: the third is now first
  CHECK(TierAfter(*c.ResultsFor("A1"), ids[2]) == "최우수");
  gallery::AuditReport report = *c.VerifyAudit();
  INFO(RuleProblems(report));
  CHECK(report.problems.empty());
}

TEST_CASE("verify re-derives revoked awards from the log and finds their table altered",
          "[gallery][rules][audit][sqlite]") {
  auto [tampering, expected] = GENERATE(table<std::string, std::string>({
      {"UPDATE award_revocations SET reason = '다른 사유'",
       "award_revocations: the revocation of entry 1 differs from the log"},
      {"UPDATE award_revocations SET rule = 'next'",
       "award_revocations: the revocation of entry 1 differs from the log"},
      {"DELETE FROM award_revocations",
       "award_revocations: the log's revocation of entry 1 is missing"},
      {"INSERT INTO award_revocations (entry_id, tier, reason, rule, revoked_at, actor) VALUES "
       "(2, '우수', '몰래', 'vacant', '2026-11-21T00:00:00.000Z', 'A1')",
       "award_revocations: the revocation of entry 2 differs from the log"},
  }));
  Contest contest;
  std::vector<int64_t> ids = JudgedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Announce("A1").ok());
  contest.clock().Set(KoreaTime(21, 9));
  REQUIRE(c.RevokeAward(ids[0], "표절", "A1").ok());
  gallery::AuditReport clean = *c.VerifyAudit();
  INFO(RuleProblems(clean));
  CHECK(clean.problems.empty());
  CHECK(std::find(clean.checked.begin(), clean.checked.end(), "award_revocations") !=
        clean.checked.end());
  fs::path copy = contest.dir().path() / "copy";
  fs::copy(contest.dir().path() / "data", copy, fs::copy_options::recursive);
  RunSql(copy / "contest.db", tampering);
  gallery::AuditReport report = *gallery::Catalogue::OpenForReading(copy)->VerifyAudit();
  INFO(tampering << "\n" << RuleProblems(report));
  CHECK(RuleProblems(report).find(expected) != std::string::npos);
}

TEST_CASE("with require_pledge a submission needs the pledge and consent as worded now",
          "[gallery][rules][sqlite]") {
  Contest contest;
  UseConfig(contest,
            "[submission]\nrequire_pledge = true\npledge = \"청렴하게 참여합니다.\"\n"
            "pledge_en = \"I take part honestly.\"\n");
  gallery::Catalogue& c = contest.catalogue();
  gallery::ContestConfig config = c.Config();
  gallery::Submission declared = Declared("서약 없는 포스터", "E1");
  Result<gallery::Entry> refused = c.Add(IngestedPoster(11), declared, "E1");
  CHECK(refused.status().code() == "pledge_required");
  CHECK(gallery::Localize(refused.status(), gallery::Language::kKorean) ==
        "청렴서약과 AI·저작권 동의에 모두 동의해야 응모할 수 있습니다. 두 확인란을 모두 선택해 "
        "주세요.");
  declared.pledge_sha256 = gallery::PledgeVersion("예전 서약", "");
  declared.consent_sha256 = gallery::PledgeVersion(config.consent, config.consent_en);
  Result<gallery::Entry> stale = c.Add(IngestedPoster(11), declared, "E1");
  CHECK(stale.status().detail("reason") == "pledge_changed");
  CHECK(stale.status().detail("which") == "pledge");
  declared.pledge_sha256 = gallery::PledgeVersion("청렴하게 참여합니다.", "I take part honestly.");
  Result<gallery::Entry> accepted = c.Add(IngestedPoster(11), declared, "E1");
  REQUIRE(accepted.ok());
  CHECK(c.Get(accepted->id)->submission.pledge_sha256 == declared.pledge_sha256);
  CHECK(c.Get(accepted->id)->submission.consent_sha256 == declared.consent_sha256);
  CHECK(c.VerifyAudit()->problems.empty());
  fs::path copy = contest.dir().path() / "copy";
  fs::copy(contest.dir().path() / "data", copy, fs::copy_options::recursive);
  RunSql(copy / "contest.db", "UPDATE entries SET pledge_sha256 = ''");
  CHECK(RuleProblems(*gallery::Catalogue::OpenForReading(copy)->VerifyAudit())
            .find("entry 1's accepted pledge or consent differs from the log") !=
        std::string::npos);
}

TEST_CASE("without require_pledge nothing is asked, and the pledge's texts have defaults",
          "[gallery][rules]") {
  Contest contest;
  CHECK_FALSE(contest.catalogue().Config().require_pledge);
  CHECK(contest.catalogue().Config().pledge.find("청렴") != std::string::npos);
  CHECK(contest.catalogue().Config().consent_en.find("copyright") != std::string::npos);
  contest.Submit("E1", 12);
}

TEST_CASE("the shortlist is public from the announcement, each winner with its look-alikes",
          "[gallery][rules]") {
  Contest contest;
  std::vector<int64_t> ids = JudgedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  contest.clock().Set(KoreaTime(5, 10));
  // A public copy of entry 1 (the same design, re-encoded smaller), approved, and a
  // pending one nobody may see yet.
  gallery::Submission copy = Declared("비슷한 포스터", "E2");
  int64_t twin = c.Add(IngestedPoster(1, ".jpg", 850), copy, "E2")->id;
  REQUIRE(c.Decide(twin, voting::EntryAction::kApprove, "", "M1").ok());
  REQUIRE(c.Add(IngestedPoster(1, ".webp", 800), Declared("검토 중", "E3"), "E3").ok());
  contest.clock().Set(KoreaTime(17, 10));
  CHECK(c.ShortlistNow().status().code() == "results_sealed");
  REQUIRE(c.Announce("A1").ok());
  gallery::Shortlist list = *c.ShortlistNow();
  CHECK(list.state == "announced");
  CHECK(list.final_at == "2026-11-20T01:00:00.000Z");
  CHECK(list.max_distance == 10);
  REQUIRE(list.entries.size() >= 3);
  const gallery::ShortlistEntry& first = list.entries.front();
  CHECK(first.entry == ids[0]);
  CHECK(first.tier == "최우수");
  CHECK(first.title == "포스터 1");
  CHECK(first.sha256.size() == 64);
  REQUIRE(first.neighbours.size() == 1);  // the approved twin, named; the pending one counted
  CHECK(first.neighbours[0].entry == twin);
  CHECK(first.neighbours[0].title == "비슷한 포스터");
  CHECK(first.neighbours[0].distance <= 10);
  CHECK(first.hidden_neighbours == 1);
  contest.clock().Set(KoreaTime(20, 10));
  CHECK(c.ShortlistNow()->state == "final");
}

TEST_CASE("verification_days names the objection period; both given differently is refused",
          "[gallery][rules][config]") {
  Result<gallery::ContestConfig> named =
      gallery::ParseConfig("[results]\nverification_days = 7\nrevoked_tier = \"next\"\n", "t.toml");
  REQUIRE(named.ok());
  CHECK(named->objection_days == 7);
  CHECK(named->revoked_tier == voting::Vacancy::kMoveUp);
  CHECK(gallery::ParseConfig("[results]\nverification_days = 7\nobjection_days = 3\n", "t.toml")
            .status()
            .code() == "config_invalid");
  CHECK(gallery::ParseConfig("[results]\nrevoked_tier = \"moveup\"\n", "t.toml").status().code() ==
        "config_invalid");
  // moving places up on the announced table could give one person a second award
  Result<gallery::ContestConfig> both = gallery::ParseConfig(
      "[results]\nrevoked_tier = \"next\"\none_award_per_person = true\n", "t.toml");
  CHECK(both.status().code() == "config_invalid");
  CHECK_THAT(both.status().message(), Catch::Contains("one_award_per_person"));
  CHECK(gallery::ParseConfig("[results]\nrevoked_tier = \"vacant\"\none_award_per_person = true\n",
                             "t.toml")
            .ok());
  CHECK(gallery::ParseConfig("[submission]\nrequire_pledge = true\npledge = \"\"\n", "t.toml")
            .status()
            .code() == "config_invalid");
}
