#include "bench/load_client.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace poster::bench {
namespace {

using Steady = std::chrono::steady_clock;

struct Window {
  Steady::time_point start;
  Steady::time_point deadline;
};

std::unique_ptr<httplib::Client> Connect(int port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);    // as browsers do: the body is not held back behind the headers
  client->set_read_timeout(30, 0);  // a slow answer is measured, not abandoned
  client->set_write_timeout(30, 0);
  return client;
}

float MillisecondsSince(Steady::time_point start) {
  return std::chrono::duration<float, std::milli>(Steady::now() - start).count();
}

bool Holds(const VoterBook& book, int64_t entry) {
  return std::find(book.held.begin(), book.held.end(), entry) != book.held.end();
}

// One vote request, and whether the contest's rules allow it.
struct VoteChoice {
  bool cast = true;  // else retract
  int64_t entry = 0;
  bool allowed = true;
};

int64_t FreshEntry(const VoterBook& book, const std::vector<int64_t>& entries,
                   std::mt19937& random) {
  while (true) {  // the budget is far below the number of entries
    int64_t entry = entries[random() % entries.size()];
    if (!Holds(book, entry)) return entry;
  }
}

// Casts and retracts that keep the voter within the budget, and now and then
// one the rules refuse (already voted, over budget), so that the check sees
// refusals change nothing.
VoteChoice Choose(const VoterBook& book, int budget, const std::vector<int64_t>& entries,
                  std::mt19937& random) {
  int dice = int(random() % 100);
  size_t held = book.held.size();
  auto some_held = [&] { return book.held[random() % held]; };
  if (held > 0 && dice < 2) return {true, some_held(), false};
  if (held >= size_t(budget)) {
    if (dice < 8) return {true, FreshEntry(book, entries, random), false};
    return {false, some_held(), true};
  }
  if (held == 0 || dice < 55) return {true, FreshEntry(book, entries, random), true};
  return {false, some_held(), true};
}

void Apply(VoterBook& book, const VoteChoice& choice) {
  if (choice.cast && !Holds(book, choice.entry)) book.held.push_back(choice.entry);
  if (!choice.cast) std::erase(book.held, choice.entry);
}

// The answer to a vote is the ballot after it: {"entries":[ids],...}.
bool BallotMatches(const std::string& body, const VoterBook& book) {
  nlohmann::json ballot = nlohmann::json::parse(body, nullptr, false);
  if (ballot.is_discarded() || !ballot["entries"].is_array()) return false;
  std::vector<int64_t> answered = ballot["entries"].get<std::vector<int64_t>>();
  std::vector<int64_t> held = book.held;
  std::sort(answered.begin(), answered.end());
  std::sort(held.begin(), held.end());
  return answered == held;
}

// One connection serving every stride-th voter in turn.
class VoterLoop {
 public:
  VoterLoop(const LoadContest& contest, std::vector<VoterBook>& books, size_t first, size_t stride,
            uint32_t seed)
      : contest_(contest),
        books_(books),
        origin_(contest.url(first)),
        client_(Connect(contest.port(first))),
        random_(seed) {
    for (size_t i = first; i < books.size(); i += stride) {
      if (!books[i].unknown) mine_.push_back(i);
    }
  }

  void Warm() {
    if (!mine_.empty()) (void)client_->Get("/api/my/ballot", SignedIn(mine_[0]));
  }

  void Run(const Window& window) {
    for (size_t turn = 0; !mine_.empty() && Steady::now() < window.deadline; ++turn) {
      size_t at = turn % mine_.size();
      Step(mine_[at]);
      if (books_[mine_[at]].unknown) mine_.erase(mine_.begin() + ptrdiff_t(at));
    }
  }

  RequestStats stats;
  int64_t surprises = 0;
  int64_t ballot_mismatches = 0;

 private:
  httplib::Headers SignedIn(size_t voter) const {
    const SignedInVoter& v = contest_.voters()[voter];
    return {{"Cookie", "poster_session=" + v.session_token},
            {"X-CSRF-Token", v.csrf},
            {"Origin", origin_}};
  }

  void Step(size_t voter) {
    VoterBook& book = books_[voter];
    VoteChoice choice = Choose(book, contest_.budget(), contest_.entries(), random_);
    std::string id = std::to_string(choice.entry);
    auto start = Steady::now();
    httplib::Result answer = choice.cast
                                 ? client_->Post("/api/votes", SignedIn(voter),
                                                 "{\"entry\":" + id + "}", "application/json")
                                 : client_->Delete("/api/votes/" + id, SignedIn(voter));
    if (!answer) {
      ++stats.failed[httplib::to_string(answer.error())];
      book.unknown = choice.entry;
      return;
    }
    stats.latencies_ms.push_back(MillisecondsSince(start));
    bool accepted = answer->status / 100 == 2;
    if (accepted != choice.allowed) ++surprises;
    if (!accepted) {
      ++stats.refused[answer->status];
      return;
    }
    ++stats.accepted;
    Apply(book, choice);
    if (!BallotMatches(answer->body, book)) ++ballot_mismatches;
  }

  const LoadContest& contest_;
  std::vector<VoterBook>& books_;
  std::string origin_;  // the server this loop talks to
  std::unique_ptr<httplib::Client> client_;
  std::mt19937 random_;
  std::vector<size_t> mine_;
};

// One connection for many anonymous visitors, each with its own visitor cookie.
class VisitorLoop {
 public:
  VisitorLoop(int port, int thread) : client_(Connect(port)) {
    for (int i = 0; i < 250; ++i)
      cookies_.push_back("poster_visitor=load-" + std::to_string(thread) + "-" + std::to_string(i));
  }

  void Warm() { (void)client_->Get("/api/gallery"); }

  void Run(const Window& window) {
    for (size_t turn = 0; Steady::now() < window.deadline; ++turn) Step(turn % cookies_.size());
  }

  RequestStats stats;

 private:
  void Step(size_t visitor) {
    auto start = Steady::now();
    httplib::Result answer = client_->Get("/api/gallery", {{"Cookie", cookies_[visitor]}});
    if (!answer) {
      ++stats.failed[httplib::to_string(answer.error())];
      return;
    }
    stats.latencies_ms.push_back(MillisecondsSince(start));
    stats.bytes += int64_t(answer->body.size());
    if (answer->status == 200 && answer->body.starts_with("{\"entries\":[{")) {
      ++stats.accepted;
    } else {
      ++stats.refused[answer->status];
    }
  }

  std::unique_ptr<httplib::Client> client_;
  std::vector<std::string> cookies_;
};

// Runs every loop on its own thread from a common start to the deadline;
// returns when the last one stopped.
template <typename Loop>
void RunAll(std::vector<std::unique_ptr<Loop>>& loops, std::vector<std::thread>& threads,
            const Window& window) {
  for (auto& loop : loops) {
    threads.emplace_back([&loop, window] {
      std::this_thread::sleep_until(window.start);
      loop->Run(window);
    });
  }
}

}  // namespace

int64_t RequestStats::failures() const {
  int64_t count = 0;
  for (const auto& [error, n] : failed) count += n;
  return count;
}

void RequestStats::Merge(const RequestStats& other) {
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(), other.latencies_ms.end());
  accepted += other.accepted;
  bytes += other.bytes;
  for (const auto& [status, n] : other.refused) refused[status] += n;
  for (const auto& [error, n] : other.failed) failed[error] += n;
}

LoadRun RunLoad(const LoadPlan& plan, const LoadContest& contest, std::vector<VoterBook>& books) {
  std::vector<std::unique_ptr<VoterLoop>> voters;
  std::vector<std::unique_ptr<VisitorLoop>> visitors;
  for (int t = 0; t < plan.voter_connections; ++t) {
    voters.push_back(std::make_unique<VoterLoop>(contest, books, size_t(t),
                                                 size_t(plan.voter_connections), plan.seed + t));
    voters.back()->Warm();
  }
  for (int t = 0; t < plan.gallery_connections; ++t) {
    visitors.push_back(std::make_unique<VisitorLoop>(contest.port(size_t(t)), t));
    visitors.back()->Warm();
  }
  Window window;
  window.start = Steady::now() + std::chrono::milliseconds(50);
  window.deadline = window.start + std::chrono::duration_cast<Steady::duration>(
                                       std::chrono::duration<double>(plan.seconds));
  std::vector<std::thread> threads;
  RunAll(voters, threads, window);
  RunAll(visitors, threads, window);
  for (std::thread& thread : threads) thread.join();
  LoadRun run;
  run.seconds = std::chrono::duration<double>(Steady::now() - window.start).count();
  for (auto& loop : voters) {
    run.votes.Merge(loop->stats);
    run.surprises += loop->surprises;
    run.ballot_mismatches += loop->ballot_mismatches;
  }
  for (auto& loop : visitors) run.gallery.Merge(loop->stats);
  return run;
}

}  // namespace poster::bench
