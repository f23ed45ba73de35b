// A contest served on an ephemeral loopback port, with the sample roster, some
// entries, and a signed-in browser for each kind of person.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "gallery/gallery.h"
#include "tests/support/http_client.h"
#include "tests/support/synth.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

namespace poster::testing {

inline const std::string kPassword = "공모전 비밀번호 2026";

class WebContest {
 public:
  explicit WebContest(const std::string& extra_config = "") {
    catalogue_.emplace(std::move(*gallery::Catalogue::Open(
        dir_ / "data", gallery::Catalogue::DefaultClock(), DatabaseFor((dir_ / "data").string()))));
    std::string config =
        "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n" +
        extra_config;
    REQUIRE(catalogue_->InitContest(config, "web.toml", "operator").ok());
    REQUIRE(catalogue_->ImportRoster(SourceDir() / "assets" / "samples" / "roster.csv", "operator")
                .ok());
    gallery::ServerOptions options;
    options.port = 0;
    options.log_file = log_path().string();
    server_ = std::move(*gallery::Server::Start(*catalogue_, options));
  }

  gallery::Catalogue& catalogue() { return *catalogue_; }
  std::string url() const { return server_->url(); }
  int port() const { return server_->port(); }
  std::filesystem::path log_path() const { return log_dir_ / "server.log"; }
  std::vector<gallery::RouteInfo> routes() const { return server_->RoutesForTesting(); }
  const TempDir& dir() const { return dir_; }

  // A browser signed in as `employee_id` (its first password set from an invitation).
  std::unique_ptr<HttpClient> As(const std::string& employee_id) {
    auto client = std::make_unique<HttpClient>(url());
    Result<std::string> token = catalogue_->Invite(employee_id, "operator");
    REQUIRE(token.ok());
    HttpReply accepted = client->Accept(*token, kPassword);
    REQUIRE(accepted.status == 200);
    return client;
  }

  std::unique_ptr<HttpClient> Anonymous() { return std::make_unique<HttpClient>(url()); }

  // An entry by `author`, stored through the library; approved when asked.
  int64_t Entry(const std::string& author, uint32_t seed, bool approve) {
    synth::PosterSpec spec;
    spec.seed = seed;
    spec.title = "웹 포스터 " + std::to_string(seed);
    Result<ingest::Poster> poster =
        ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), ingest::Settings());
    REQUIRE(poster.ok());
    gallery::Submission submission;
    submission.author = author;
    submission.title = spec.title;
    submission.theme = "시민행복";
    Result<gallery::Entry> entry = catalogue_->Add(*poster, submission, author);
    REQUIRE(entry.ok());
    if (approve)
      REQUIRE(catalogue_->Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
    return entry->id;
  }

  void Open(voting::Phase phase) {
    REQUIRE(catalogue_->SetPhase(phase, gallery::PhaseChange::kOpen, "operator").ok());
  }

 private:
  TempDir dir_;
  TempDir log_dir_;  // beside the data, so that dir() holds only what the tests put there
  std::optional<gallery::Catalogue> catalogue_;
  std::unique_ptr<gallery::Server> server_;
};

inline nlohmann::json Json(const HttpReply& reply) {
  return nlohmann::json::parse(reply.body, nullptr, false);
}

inline std::string PosterPng(uint32_t seed, int width = 900, int height = 1273) {
  synth::PosterSpec spec;
  spec.seed = seed;
  spec.width = width;
  spec.height = height;
  synth::Bytes png = synth::Encode(synth::DrawPoster(spec), ".png");
  return std::string(png.begin(), png.end());
}

}  // namespace poster::testing
