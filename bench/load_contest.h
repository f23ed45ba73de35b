// The contest load_bench runs against: a fresh data folder with a roster,
// approved entries, voting open, a signed-in session per voter, and the real
// server on a loopback port, all in this process.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gallery/gallery.h"

namespace poster::bench {

struct ContestShape {
  int voters = 1000;
  int entries = 100;  // each by its own author, who is not one of the voters
  int budget = 3;     // votes_per_voter
};

// A voter's sign-in as a browser holds it.
struct SignedInVoter {
  std::string employee_id;
  std::string session_token;  // the poster_session cookie
  std::string csrf;           // sent back as X-CSRF-Token
};

class LoadContest {
 public:
  // Builds the contest in a new folder under /tmp and starts serving it on
  // 127.0.0.1 at a free port. Fails with the step that failed.
  static Result<std::unique_ptr<LoadContest>> Start(const ContestShape& shape);
  ~LoadContest();  // stops the server and removes the folder
  LoadContest(const LoadContest&) = delete;
  LoadContest& operator=(const LoadContest&) = delete;

  int port() const { return server_->port(); }
  std::string url() const { return server_->url(); }
  const std::vector<SignedInVoter>& voters() const { return voters_; }
  const std::vector<int64_t>& entries() const { return entries_; }
  int budget() const { return budget_; }
  std::filesystem::path database() const { return dir_ / "contest.db"; }
  gallery::Catalogue& catalogue() { return *catalogue_; }

 private:
  LoadContest() = default;
  Status Build(const ContestShape& shape);
  Status AddEntries(int count);
  Status SignIn(int voters);

  std::filesystem::path dir_;
  std::optional<gallery::Catalogue> catalogue_;
  std::unique_ptr<gallery::Server> server_;
  std::vector<SignedInVoter> voters_;
  std::vector<int64_t> entries_;
  int budget_ = 0;
};

}  // namespace poster::bench
