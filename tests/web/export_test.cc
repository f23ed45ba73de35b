// poster export site: what anyone may see, as files, and nothing more.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/wechat_qrcode.hpp>

#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json DataOf(const fs::path& site) {
  std::string text = ReadText(site / "static" / "data.js");
  const std::string prefix = "window.POSTER_DATA = ";
  REQUIRE(text.rfind(prefix, 0) == 0);
  return json::parse(text.substr(prefix.size(), text.rfind(';') - prefix.size()));
}

// Every URL in the data: what the pages will load.
void CollectUrls(const json& node, std::vector<std::string>& urls) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if ((key == "url" || key == "jpeg") && value.is_string() && !value.get<std::string>().empty())
        urls.push_back(value);
      CollectUrls(value, urls);
    }
  } else if (node.is_array()) {
    for (const json& item : node) CollectUrls(item, urls);
  }
}

std::string Decoded(const fs::path& png) {
  cv::Mat image = cv::imread(png.string(), cv::IMREAD_COLOR);
  cv::wechat_qrcode::WeChatQRCode decoder;
  std::vector<std::string> found = decoder.detectAndDecode(image);
  return found.size() == 1 ? found[0] : "";
}

}  // namespace

TEST_CASE("the static export holds the approved entries, their thumbnails and QR codes",
          "[web][export]") {
  WebContest contest;
  int64_t first = contest.Entry("E1001", 1, true);
  int64_t second = contest.Entry("E1002", 2, true);
  int64_t pending = contest.Entry("E1003", 3, false);
  fs::path site = contest.dir() / "site";
  Result<gallery::SiteExport> done =
      gallery::ExportSite(contest.catalogue(), site, "https://poster.city.go.kr/2026/");
  REQUIRE(done.ok());
  CHECK(done->entries == 2);
  CHECK_FALSE(done->results);  // sealed: not in an export anyone can read
  CHECK(fs::exists(site / "index.html"));
  CHECK(fs::exists(site / "static" / "router.js"));
  CHECK(fs::exists(site / "static" / "static-site.js"));

  json data = DataOf(site);
  CHECK(data["gallery"]["entries"].size() == 2);
  CHECK(data["entries"].contains(std::to_string(first)));
  CHECK_FALSE(data["entries"].contains(std::to_string(pending)));
  CHECK_FALSE(data.contains("results"));
  CHECK(data["entries"][std::to_string(first)]["author_name"] == "한시민");

  std::vector<std::string> urls;
  CollectUrls(data, urls);
  CHECK(urls.size() >= 6);  // two entries, several thumbnails each
  for (const std::string& url : urls) {
    INFO(url);
    REQUIRE(url.rfind("/media/", 0) == 0);
    CHECK(fs::file_size(site / url.substr(1)) > 0);
  }
  std::string hidden = contest.catalogue().Get(pending)->sha256;
  CHECK_FALSE(fs::exists(site / "media" / hidden));
  CHECK(ReadText(site / "static" / "data.js").find(hidden) == std::string::npos);
  for (int64_t id : {first, second}) {
    fs::path qr = site / "api" / "entries" / std::to_string(id) / "qr.png";
    CHECK(Decoded(qr) == "https://poster.city.go.kr/2026/#/entry/" + std::to_string(id));
  }
  CHECK_FALSE(fs::exists(site / "api" / "entries" / std::to_string(pending)));
}

TEST_CASE("the static export carries the results once they are announced", "[web][export]") {
  WebContest contest;
  contest.Entry("E1001", 1, true);
  REQUIRE(contest.catalogue().Announce("operator").ok());
  fs::path site = contest.dir() / "site";
  fs::create_directories(site);  // an empty folder is fine
  Result<gallery::SiteExport> done = gallery::ExportSite(contest.catalogue(), site, "http://x");
  REQUIRE(done.ok());
  CHECK(done->results);
  json rows = DataOf(site)["results"]["rows"];
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["author_name"] == "한시민");
}

TEST_CASE("the static export never overwrites anything", "[web][export]") {
  WebContest contest;
  contest.Entry("E1001", 1, true);
  fs::path full = contest.dir() / "full";
  fs::create_directories(full);
  WriteText(full / "index.html", "someone's page");
  Result<gallery::SiteExport> refused = gallery::ExportSite(contest.catalogue(), full, "http://x");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == gallery::kTargetNotEmpty);
  CHECK(ReadText(full / "index.html") == "someone's page");
  CHECK(std::distance(fs::directory_iterator(contest.dir().path()), fs::directory_iterator()) == 2);

  fs::path file = contest.dir() / "a-file";
  WriteText(file, "x");
  CHECK(gallery::ExportSite(contest.catalogue(), file, "http://x").status().code() ==
        gallery::kTargetNotEmpty);
}
