// The pages' scripts and styles under content-hashed names, cached for a year;
// index.html asked for on every visit and naming the current files.
#include <fstream>
#include <regex>

#include "tests/support/test_database.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// The static/... names index.html links to.
std::vector<std::string> Linked(const std::string& index) {
  std::regex asset(R"re((?:src|href)="static/([a-z0-9.-]+)")re");
  std::vector<std::string> names;
  for (std::sregex_iterator it(index.begin(), index.end(), asset), end; it != end; ++it)
    names.push_back((*it)[1].str());
  return names;
}

std::string Named(const std::vector<std::string>& names, const std::string& stem) {
  for (const std::string& name : names)
    if (name.rfind(stem + ".", 0) == 0) return name;
  return "";
}

}  // namespace

TEST_CASE("scripts and styles have content-hashed names and are cached for a year",
          "[web][assets]") {
  WebContest contest;
  auto browser = contest.Anonymous();
  HttpReply index = browser->Get("/");
  REQUIRE(index.status == 200);
  CHECK(index.Header("cache-control") == "no-cache");
  std::vector<std::string> names = Linked(index.body);
  REQUIRE(names.size() >= 13);
  for (const std::string& name : names) {
    INFO(name);
    CHECK(std::regex_match(name, std::regex(R"([a-z0-9-]+\.[0-9a-f]{8}\.(js|css))")));
    HttpReply file = browser->Get("/static/" + name);
    CHECK(file.status == 200);
    CHECK(file.Header("cache-control") == "public, max-age=31536000, immutable");
  }
  std::string css = Named(names, "app");
  std::string wrong = std::regex_replace(css, std::regex(R"(\.[0-9a-f]{8}\.)"), ".00000000.");
  CHECK(browser->Get("/static/" + wrong).status == 404);
  CHECK(browser->Get("/static/app.css").Header("cache-control") == "no-cache");  // the plain name
}

TEST_CASE("a changed file changes its name and the old name is gone", "[web][assets]") {
  TempDir pages;
  fs::copy(SourceDir() / "assets" / "web", pages.path(), fs::copy_options::recursive);
  Result<gallery::Catalogue> catalogue =
      gallery::Catalogue::Open(pages.path() / "data", gallery::Catalogue::DefaultClock(),
                               DatabaseFor((pages.path() / "data").string()));
  REQUIRE(catalogue.ok());
  gallery::ServerOptions options;
  options.port = 0;
  options.web_dir = pages.path().string();
  options.log_file = (pages.path() / "server.log").string();
  Result<std::unique_ptr<gallery::Server>> server = gallery::Server::Start(*catalogue, options);
  REQUIRE(server.ok());
  HttpClient browser((*server)->url());
  std::vector<std::string> before = Linked(browser.Get("/").body);
  std::ofstream(pages.path() / "app.css", std::ios::app) << "\n.changed { color: red; }\n";
  std::vector<std::string> after = Linked(browser.Get("/").body);
  REQUIRE(before.size() == after.size());
  CHECK(Named(after, "app") != Named(before, "app"));
  CHECK(Named(after, "router") == Named(before, "router"));  // the others keep theirs
  CHECK(browser.Get("/static/" + Named(before, "app")).status == 404);
  HttpReply changed = browser.Get("/static/" + Named(after, "app"));
  CHECK(changed.status == 200);
  CHECK_THAT(changed.body, Catch::Contains(".changed"));
}
