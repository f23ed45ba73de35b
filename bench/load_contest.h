// The contest load_bench runs against: a fresh data folder with a roster,
// approved entries, voting open, a signed-in session per voter, and the real
// server on a loopback port, all in this process. On PostgreSQL there may be
// several servers, each with its own catalogue (its own connection) on the
// one database, as several `poster serve` processes would have.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gallery/gallery.h"

namespace poster::bench {

struct ContestShape {
  int voters = 1000;
  int entries = 100;     // each by its own author, who is not one of the voters
  int budget = 3;        // votes_per_voter
  std::string database;  // "": contest.db in the folder; else an empty PostgreSQL database's URL
  int servers = 1;       // more than one only on PostgreSQL
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

  int servers() const { return int(servers_.size()); }
  // The nth server's port and address (any n: the servers are taken in turn).
  int port(size_t n) const { return servers_[n % servers_.size()]->port(); }
  std::string url(size_t n) const { return servers_[n % servers_.size()]->url(); }
  const std::vector<SignedInVoter>& voters() const { return voters_; }
  const std::vector<int64_t>& entries() const { return entries_; }
  int budget() const { return budget_; }
  // The PostgreSQL URL, or "" for contest.db in folder().
  const std::string& database() const { return database_; }
  const std::filesystem::path& folder() const { return dir_; }
  gallery::Catalogue& catalogue() { return *catalogues_.front(); }

 private:
  LoadContest() = default;
  Status Build(const ContestShape& shape);
  Status AddEntries(int count);
  Status SignIn(int voters);
  Status Serve(int servers);

  std::filesystem::path dir_;
  std::string database_;
  std::vector<std::unique_ptr<gallery::Catalogue>> catalogues_;  // one a server
  std::vector<std::unique_ptr<gallery::Server>> servers_;
  std::vector<SignedInVoter> voters_;
  std::vector<int64_t> entries_;
  int budget_ = 0;
};

}  // namespace poster::bench
