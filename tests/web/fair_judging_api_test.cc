// Fair judging over HTTP: what a judge reads names no author, the original
// they open is its pixels only, recusal, and the admin's judging preview.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

// E1003 (서도시, 도시계획과) made it; the file says so in EXIF, XMP, C2PA and a
// generator's text.
synth::Bytes SignedJpeg() {
  synth::PosterSpec spec;
  spec.seed = 41;
  synth::Bytes jpeg = synth::Encode(synth::DrawPoster(spec), ".jpg");
  synth::ExifSpec exif;
  exif.software = "Stable Diffusion 서도시";
  exif.user_comment = "prompt by 서도시 E1003, 도시계획과";
  jpeg = synth::JpegInsertSegment(jpeg, 0xE1, synth::ExifApp1(synth::Tiff(exif)));
  jpeg = synth::JpegInsertSegment(
      jpeg, 0xE1,
      synth::XmpApp1(synth::XmpWithSourceType(
          "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")));
  return synth::JpegInsertSegment(jpeg, 0xEB, synth::C2paApp11());
}

synth::Bytes SignedPng() {
  synth::PosterSpec spec;
  spec.seed = 42;
  synth::Bytes png = synth::Encode(synth::DrawPoster(spec), ".png");
  png = synth::PngInsertChunk(png, "tEXt",
                              synth::PngText("parameters", "서도시 E1003 도시계획과, Steps: 30"));
  return synth::PngInsertChunk(png, "tEXt", synth::PngText("Author", "서도시 E1003"));
}

int64_t Stored(WebContest& contest, const synth::Bytes& bytes, const std::string& author) {
  Result<ingest::Poster> poster = ingest::Process(bytes, ingest::Settings());
  REQUIRE(poster.ok());
  REQUIRE_FALSE(poster->provenance.empty());
  gallery::Submission submission;
  submission.author = author;
  submission.title = "서명된 포스터";
  submission.theme = "시민행복";
  submission.source = "서도시_포스터.jpg";
  Result<gallery::Entry> entry = contest.catalogue().Add(*poster, submission, author);
  REQUIRE(entry.ok());
  REQUIRE(
      contest.catalogue().Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
  return entry->id;
}

void CheckNamesNobody(const std::string& text) {
  INFO(text.substr(0, 400));
  for (const char* name : {"E1003", "서도시", "도시계획과", "E1001", "한시민", "민원봉사과"})
    CHECK(text.find(name) == std::string::npos);
}

}  // namespace

TEST_CASE("nothing a judge reads names an entry's author, co-author or department",
          "[web][blind]") {
  WebContest contest;
  int64_t signed_entry = Stored(contest, SignedJpeg(), "E1003");
  int64_t team = contest.Entry("E1001", 7, true);
  (void)team;
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  auto judge = contest.As("J0001");
  std::string id = std::to_string(signed_entry);
  for (const std::string& path :
       {std::string("/api/gallery"), "/api/entries/" + id, std::string("/api/judge/tasks"),
        std::string("/api/judge/recusals"),
        std::string("/api/gallery?q=%EC%84%9C%EB%8F%84%EC%8B%9C")}) {
    HttpReply reply = judge->Get(path);
    INFO(path);
    CHECK(reply.status == 200);
    CheckNamesNobody(reply.body);
  }
  CHECK(Json(judge->Get("/api/gallery?q=%EC%84%9C%EB%8F%84%EC%8B%9C"))["entries"].empty());
  CHECK(Json(judge->Get("/api/entries/" + id))["authors_hidden"] == true);
  CHECK(Json(judge->Get("/api/judge/tasks"))["authors_hidden"] == true);
  // Staff still see who made it.
  for (const std::string who : {"A0001", "M0001"}) {
    HttpReply seen = contest.As(who)->Get("/api/entries/" + id);
    CHECK(seen.body.find("서도시") != std::string::npos);
  }
  CHECK(contest.Anonymous()->Get("/api/gallery").body.find("서도시") != std::string::npos);
}

TEST_CASE("the original a judge opens is its pixels only, with no metadata left", "[web][blind]") {
  WebContest contest;
  for (const synth::Bytes& upload : {SignedJpeg(), SignedPng()}) {
    int64_t entry = Stored(contest, upload, "E1003");
    std::string sha = contest.catalogue().Get(entry)->sha256;
    auto judge = contest.As("J0001");
    HttpReply original = judge->Get("/media/" + sha + "/original");
    REQUIRE(original.status == 200);
    CheckNamesNobody(original.body);
    synth::Bytes bytes(original.body.begin(), original.body.end());
    Result<ingest::Poster> again = ingest::Process(bytes, ingest::Settings());
    REQUIRE(again.ok());
    CHECK(again->provenance.empty());  // no EXIF software, XMP, C2PA or text chunk found
    CHECK(again->trailing_bytes == 0);
    CHECK(again->info.width == contest.catalogue().Get(entry)->width);
    CHECK(ingest::HammingDistance(again->phash, contest.catalogue().Get(entry)->phash) <= 4);
    // The admin gets the file as it came.
    HttpReply as_uploaded = contest.As("A0001")->Get("/media/" + sha + "/original");
    CHECK(int64_t(as_uploaded.body.size()) == contest.catalogue().Get(entry)->bytes);
    CHECK(as_uploaded.body.find("서도시") != std::string::npos);
  }
}

TEST_CASE("a judge recuses with a reason and the entry leaves their list", "[web][recusal]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 3, true);
  contest.Entry("E1002", 4, true);
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  auto judge = contest.As("J0002");
  std::string body = "{\"entry\":" + std::to_string(entry) + ",\"reason\":\"";
  HttpReply short_reason = judge->Post("/api/judge/recuse", body + "가족입니다\"}");
  CHECK(short_reason.status == 422);
  CHECK(Json(short_reason)["code"] == "reason_required");
  HttpReply done =
      judge->Post("/api/judge/recuse", body + "작성자가 제 배우자라 공정하게 볼 수 없습니다\"}");
  REQUIRE(done.status == 200);
  CHECK(Json(done)["entry"] == entry);
  json tasks = Json(judge->Get("/api/judge/tasks"))["tasks"];
  for (const json& task : tasks) CHECK(task["entry"] != entry);
  CHECK(Json(judge->Get("/api/judge/recusals"))["recusals"].size() == 1);
  HttpReply again =
      judge->Post("/api/judge/recuse", body + "작성자가 제 배우자라 공정하게 볼 수 없습니다\"}");
  CHECK(Json(again)["code"] == "not_assigned");
  json preview = Json(contest.As("A0001")->Get("/api/admin/judging"));
  REQUIRE(preview["recusals"].size() == 1);
  CHECK(preview["recusals"][0]["judge"] == "J0002");
  CHECK(preview["judges"].size() == 3);
  CHECK(judge->Get("/api/admin/judging").status == 403);
  CHECK(contest.catalogue().VerifyAudit()->problems.empty());
}

TEST_CASE("the judge's list comes in their own order, each task with its position",
          "[web][order]") {
  WebContest contest;
  std::vector<int64_t> ids;
  for (uint32_t seed = 1; seed <= 6; ++seed)
    ids.push_back(contest.Entry("E100" + std::to_string(seed), seed, true));
  REQUIRE(contest.catalogue().AssignJudges("공개 시드", "operator").ok());
  json tasks = Json(contest.As("J0001")->Get("/api/judge/tasks"))["tasks"];
  std::vector<int64_t> shown;
  for (size_t i = 0; i < tasks.size(); ++i) {
    shown.push_back(tasks[i]["entry"].get<int64_t>());
    CHECK(tasks[i]["position"] == int(i) + 1);
  }
  CHECK(shown == voting::JudgeOrder("공개 시드", "J0001", ids));
}
