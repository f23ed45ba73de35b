// The public gallery over HTTP: each visitor's own order, its pages and their
// ETags, and how soon a change made elsewhere reaches it.
#include <set>
#include <thread>

#include "gallery/web/http_site.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

TEST_CASE("the gallery's order is fixed for each visitor and differs between visitors",
          "[web][gallery]") {
  WebContest contest;
  for (uint32_t seed = 1; seed <= 8; ++seed)
    contest.Entry("E100" + std::to_string(1 + seed % 6), seed, true);
  auto order = [](HttpClient& visitor) {
    std::vector<int64_t> ids;
    const json page = Json(visitor.Get("/api/gallery"));
    for (const json& card : page["entries"]) ids.push_back(card["entry"]);
    return ids;
  };
  HttpClient a(contest.url()), b(contest.url());
  std::vector<int64_t> first = order(a);
  CHECK(first.size() == 8);
  CHECK(order(a) == first);  // the visitor cookie keeps it
  std::set<std::vector<int64_t>> orders;
  for (int i = 0; i < 6; ++i) {
    HttpClient someone(contest.url());
    orders.insert(order(someone));
  }
  CHECK(orders.size() > 1);
  HttpReply search =
      a.Get("/api/gallery?q=%EC%9B%B9%20%ED%8F%AC%EC%8A%A4%ED%84%B0%203");  // "웹 포스터 3"
  CHECK(Json(search)["entries"].size() == 1);
}

TEST_CASE("a visitor's order puts every card at exactly one place, the same each time",
          "[web][gallery]") {
  for (size_t count : {size_t(0), size_t(1), size_t(2), size_t(3), size_t(7), size_t(64),
                       size_t(100), size_t(1000), size_t(10007)}) {
    INFO(count);
    gallery::web::VisitorOrder order("E1001", count), again("E1001", count);
    std::vector<bool> seen(count, false);
    for (size_t position = 0; position < count; ++position) {
      size_t at = order.At(position);
      REQUIRE(at < count);
      CHECK_FALSE(seen[at]);
      seen[at] = true;
      CHECK(again.At(position) == at);
    }
  }
  std::set<std::vector<size_t>> orders;  // different visitors, different orders
  for (int visitor = 0; visitor < 20; ++visitor) {
    gallery::web::VisitorOrder order("visitor-" + std::to_string(visitor), 50);
    std::vector<size_t> first;
    for (size_t position = 0; position < 50; ++position) first.push_back(order.At(position));
    orders.insert(first);
  }
  CHECK(orders.size() == 20);
}

TEST_CASE("an entry approved outside the server reaches its gallery", "[web][gallery]") {
  WebContest contest;
  contest.Entry("E1001", 1, true);
  auto anyone = contest.Anonymous();
  REQUIRE(Json(anyone->Get("/api/gallery"))["total"] == 1);
  contest.Entry("E1002", 2, true);  // through the catalogue, as `poster review` would
  json seen;
  for (int tries = 0; tries < 60; ++tries) {  // the cards look at the change count each second
    seen = Json(anyone->Get("/api/gallery"));
    if (seen["total"] == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(seen["total"] == 2);
}

TEST_CASE("the gallery answers in pages of the visitor's order, each with an ETag",
          "[web][gallery]") {
  WebContest contest;
  for (uint32_t seed = 1; seed <= 8; ++seed)
    contest.Entry("E100" + std::to_string(1 + seed % 6), seed, true);
  HttpClient visitor(contest.url());
  json whole = Json(visitor.Get("/api/gallery"));
  REQUIRE(whole["entries"].size() == 8);
  CHECK(whole["total"] == 8);
  CHECK(whole["next"].is_null());
  std::vector<json> paged;
  std::vector<json> nexts;
  for (int offset = 0; offset < 9; offset += 3) {
    json page = Json(visitor.Get("/api/gallery?limit=3&offset=" + std::to_string(offset)));
    CHECK(page["offset"] == offset);
    CHECK(page["total"] == 8);
    nexts.push_back(page["next"]);
    for (const json& card : page["entries"]) paged.push_back(card);
  }
  CHECK(nexts == std::vector<json>{3, 6, nullptr});
  CHECK(json(paged) == whole["entries"]);  // the pages make up the same order
  CHECK(Json(visitor.Get("/api/gallery?offset=40"))["entries"].empty());  // past the end

  for (std::string bad : {"limit=0", "limit=501", "limit=-1", "limit=abc", "limit=3.5", "offset=-2",
                          "offset=99999999999999999999999", "limit=", "offset=1e3"}) {
    INFO(bad);
    HttpReply refused = visitor.Get("/api/gallery?" + bad);
    CHECK(refused.status == 400);
    CHECK(Json(refused)["code"] == "bad_request");
    CHECK(Json(refused)["details"]["field"] == bad.substr(0, bad.find('=')));
  }

  HttpReply first = visitor.Get("/api/gallery?limit=3");
  REQUIRE(first.headers.count("etag") == 1);
  std::string etag = first.headers.find("etag")->second;
  CHECK(first.headers.find("cache-control")->second == "private, no-cache");
  CHECK(visitor.Get("/api/gallery?limit=3").headers.find("etag")->second == etag);
  HttpReply again = visitor.Get("/api/gallery?limit=3", {"If-None-Match: " + etag});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  HttpReply other = visitor.Get("/api/gallery?limit=3&offset=3", {"If-None-Match: " + etag});
  CHECK(other.status == 200);  // another page, another tag
  CHECK(other.headers.find("etag")->second != etag);
}
