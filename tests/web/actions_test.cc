// The actions the API lists with each entry (docs/api.md, "Allowed actions"):
// right for each role, entry state and phase, and each one listed is what the
// server then accepts.
#include <algorithm>

#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

std::string Path(int64_t id) { return "/api/entries/" + std::to_string(id); }

// The entry's "actions" in `list` (an array of entries), or nothing when it is absent.
std::optional<json> ActionsIn(const json& list, int64_t id) {
  for (const json& entry : list) {
    if (entry["entry"] == id) return entry.value("actions", json());
  }
  return std::nullopt;
}

json GalleryActions(HttpClient& viewer, int64_t id) {
  std::optional<json> actions = ActionsIn(Json(viewer.Get("/api/gallery"))["entries"], id);
  REQUIRE(actions);
  return *actions;
}

json MyActions(HttpClient& viewer, int64_t id) {
  std::optional<json> actions = ActionsIn(Json(viewer.Get("/api/my/entries"))["entries"], id);
  REQUIRE(actions);
  return *actions;
}

// What the entry's own page lists for this viewer; none when they may not see it.
json EntryActions(HttpClient& viewer, int64_t id) {
  HttpReply reply = viewer.Get(Path(id));
  return reply.status == 200 ? Json(reply).value("actions", json::array()) : json::array();
}

bool Lists(const json& actions, const std::string& action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

// Tries `action` on the entry over HTTP; true when the server accepted it.
bool Try(HttpClient& viewer, const std::string& action, int64_t id, uint32_t& seed) {
  HttpReply reply;
  if (action == "vote") reply = viewer.Post("/api/votes", json{{"entry", id}}.dump());
  if (action == "unvote") reply = viewer.Delete("/api/votes/" + std::to_string(id));
  if (action == "withdraw") reply = viewer.Post(Path(id) + "/withdraw", "{}");
  if (action == "replace")
    reply = viewer.PostForm(Path(id) + "/replace", {{"file", PosterPng(seed++), "new.png"}});
  INFO(reply.body);
  CHECK((reply.status < 500 && reply.status != 0));
  return reply.status >= 200 && reply.status < 300;
}

}  // namespace

TEST_CASE("an approved entry offers a vote to other employees only while voting is open",
          "[web][actions]") {
  WebContest contest;
  int64_t approved = contest.Entry("E1001", 1, true);
  auto colleague = contest.As("E1002");
  CHECK(GalleryActions(*colleague, approved) == json::array());
  contest.Open(voting::Phase::kVoting);
  CHECK(GalleryActions(*colleague, approved) == json::array({"vote"}));
  CHECK(EntryActions(*colleague, approved) == json::array({"vote"}));
  REQUIRE(colleague->Post("/api/votes", json{{"entry", approved}}.dump()).status == 200);
  CHECK(GalleryActions(*colleague, approved) == json::array({"unvote"}));
  auto outside_judge = contest.As("J0001");  // a judge who is not an employee has no vote
  CHECK(GalleryActions(*outside_judge, approved) == json::array());
}

TEST_CASE("an author may replace, edit or withdraw their own entry but never vote for it",
          "[web][actions]") {
  WebContest contest;
  int64_t approved = contest.Entry("E1001", 1, true);
  int64_t submitted = contest.Entry("E1001", 2, false);
  contest.Open(voting::Phase::kVoting);
  auto author = contest.As("E1001");
  CHECK(GalleryActions(*author, approved) == json::array({"withdraw"}));
  CHECK(MyActions(*author, approved) == json::array({"withdraw"}));
  CHECK(MyActions(*author, submitted) == json::array({"replace", "edit", "withdraw"}));
  CHECK(EntryActions(*author, submitted) == json::array({"replace", "edit", "withdraw"}));
  REQUIRE(contest.catalogue()
              .SetPhase(voting::Phase::kSubmission, gallery::PhaseChange::kClose, "operator")
              .ok());
  CHECK(MyActions(*author, submitted) == json::array());
}

TEST_CASE("anonymous visitors are offered no actions", "[web][actions]") {
  WebContest contest;
  int64_t approved = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  auto visitor = contest.Anonymous();
  json cards = Json(visitor->Get("/api/gallery"))["entries"];
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].contains("actions"));
  CHECK_FALSE(Json(visitor->Get(Path(approved))).contains("actions"));
}

TEST_CASE("every action listed is accepted and every one not listed is refused", "[web][actions]") {
  WebContest contest;
  std::vector<int64_t> entries = {contest.Entry("E1001", 1, true), contest.Entry("E1001", 2, false),
                                  contest.Entry("E1002", 3, true)};
  contest.Open(voting::Phase::kVoting);
  std::map<std::string, std::pair<int, int>> seen;  // action: (accepted, refused)
  uint32_t seed = 100;
  for (const std::string viewer : {"E1002", "J0001", "M0001", "A0001", "E1001"}) {
    auto browser = contest.As(viewer);
    for (int64_t entry : entries) {
      for (const std::string action : {"vote", "unvote", "replace", "withdraw"}) {
        bool listed = Lists(EntryActions(*browser, entry), action);
        INFO(viewer << " " << action << " entry " << entry << (listed ? " (listed)" : ""));
        bool accepted = Try(*browser, action, entry, seed);
        CHECK(accepted == listed);
        ++(accepted ? seen[action].first : seen[action].second);
      }
    }
  }
  for (const auto& [action, counts] : seen) {
    INFO(action);
    CHECK(counts.first > 0);  // each action was both accepted and refused at least once
    CHECK(counts.second > 0);
  }
  CHECK(seen.size() == 4);
}
