#include "bench/load_contest.h"

#include <stdlib.h>

#include <cstdio>
#include <thread>

#include "tests/support/synth.h"

namespace fs = std::filesystem;

namespace poster::bench {
namespace {

constexpr const char* kOperator = "operator";  // the built-in admin of a fresh folder

std::string Numbered(char prefix, int number) {
  char id[16];
  std::snprintf(id, sizeof id, "%c%04d", prefix, number);
  return id;
}

std::string VoterId(int i) { return Numbered('V', i + 1); }
std::string AuthorId(int i) { return Numbered('A', i + 1); }

std::string ConfigToml(int budget) {
  return "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n"
         "[voting]\nvotes_per_voter = " +
         std::to_string(budget) + "\n";
}

std::string RosterCsv(int voters, int authors) {
  std::string csv = "employee_id,name,department,email,roles\n";
  auto person = [&](const std::string& id, const std::string& name, int department) {
    csv += id + "," + name + ",부서" + std::to_string(department % 40) + ",,employee\n";
  };
  for (int i = 0; i < voters; ++i) person(VoterId(i), "투표자 " + std::to_string(i + 1), i);
  for (int i = 0; i < authors; ++i) person(AuthorId(i), "작가 " + std::to_string(i + 1), i);
  return csv;
}

// Small posters (the minimum size), each distinct, ingested on two threads.
std::vector<Result<ingest::Poster>> IngestPosters(int count, const ingest::Settings& settings) {
  std::vector<Result<ingest::Poster>> posters(
      size_t(count), Status(std::string(gallery::kStoreFailed), "not ingested"));
  auto work = [&](int first) {
    for (int i = first; i < count; i += 2) {
      synth::PosterSpec spec;
      spec.seed = uint32_t(i + 1);
      spec.width = 800;
      spec.height = 1132;
      spec.title = "부하 시험 포스터 " + std::to_string(i + 1);
      posters[size_t(i)] =
          ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), settings);
    }
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  return posters;
}

}  // namespace

Result<std::unique_ptr<LoadContest>> LoadContest::Start(const ContestShape& shape) {
  std::unique_ptr<LoadContest> contest(new LoadContest());
  POSTER_RETURN_IF_ERROR(contest->Build(shape));
  return contest;
}

LoadContest::~LoadContest() {
  for (auto& server : servers_) server->Stop();
  servers_.clear();
  catalogues_.clear();
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

Status LoadContest::Build(const ContestShape& shape) {
  std::string pattern = (fs::temp_directory_path() / "poster-load-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return Status("setup_failed", "Could not make a temp folder.");
  dir_ = pattern;
  database_ = shape.database;
  if (shape.servers < 1 || (shape.servers > 1 && database_.empty()))
    return Status("setup_failed", "Several servers need a PostgreSQL database.");
  Result<gallery::Catalogue> opened =
      gallery::Catalogue::Open(dir_, gallery::Catalogue::DefaultClock(), database_);
  if (!opened.ok()) return opened.status();
  catalogues_.push_back(std::make_unique<gallery::Catalogue>(std::move(*opened)));
  budget_ = shape.budget;
  POSTER_RETURN_IF_ERROR(catalogue().InitContest(ConfigToml(shape.budget), "load.toml", kOperator));
  POSTER_RETURN_IF_ERROR(
      catalogue()
          .ImportRosterBytes(RosterCsv(shape.voters, shape.entries), "load.csv", kOperator)
          .status());
  POSTER_RETURN_IF_ERROR(AddEntries(shape.entries));
  POSTER_RETURN_IF_ERROR(
      catalogue().SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, kOperator));
  POSTER_RETURN_IF_ERROR(SignIn(shape.voters));
  return Serve(shape.servers);
}

// The first server on the catalogue that built the contest, each other one
// on a catalogue of its own opened now.
Status LoadContest::Serve(int servers) {
  for (int n = 1; n < servers; ++n) {
    Result<gallery::Catalogue> opened =
        gallery::Catalogue::Open(dir_, gallery::Catalogue::DefaultClock(), database_);
    if (!opened.ok()) return opened.status();
    catalogues_.push_back(std::make_unique<gallery::Catalogue>(std::move(*opened)));
  }
  gallery::ServerOptions options;
  options.port = 0;
  for (auto& catalogue : catalogues_) {
    Result<std::unique_ptr<gallery::Server>> server = gallery::Server::Start(*catalogue, options);
    if (!server.ok()) return server.status();
    servers_.push_back(std::move(*server));
  }
  return Status::Ok();
}

Status LoadContest::AddEntries(int count) {
  std::vector<Result<ingest::Poster>> posters = IngestPosters(count, catalogue().Config().ingest);
  for (int i = 0; i < count; ++i) {
    if (!posters[size_t(i)].ok()) return posters[size_t(i)].status();
    gallery::Submission submission;
    submission.author = AuthorId(i);
    submission.title = "부하 시험 포스터 " + std::to_string(i + 1);
    submission.theme = "시민행복";
    submission.ai_tools = "synth";
    Result<gallery::Entry> entry = catalogue().Add(*posters[size_t(i)], submission, kOperator);
    if (!entry.ok()) return entry.status();
    POSTER_RETURN_IF_ERROR(
        catalogue().Decide(entry->id, voting::EntryAction::kApprove, "", kOperator).status());
    entries_.push_back(entry->id);
  }
  return Status::Ok();
}

Status LoadContest::SignIn(int voters) {
  for (int i = 0; i < voters; ++i) {
    Result<gallery::Session> session = catalogue().SessionFor(VoterId(i));
    if (!session.ok()) return session.status();
    voters_.push_back({VoterId(i), session->token, session->csrf});
  }
  return Status::Ok();
}

}  // namespace poster::bench
