// Golden cases: the JSON that scripts read from `poster ingest --json`, `show
// --json`, `results --format json` and `audit verify --json`, on one small fixed
// contest, compared whole with tests/cli/golden/*.json. What changes from run
// to run is normalised first (golden_json.h). After a deliberate change of
// shape: POSTER_UPDATE_GOLDEN=1 ./build/tests/cli/cli_tests "[golden]", then
// read the diff of tests/cli/golden/ before committing it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/golden_json.h"
#include "tests/support/process.h"
#include "tests/support/test_support.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

constexpr const char* kConfig =
    "[contest]\nname = \"골든 공모전\"\n[phases.submission]\nstart = \"contest\"\n"
    "[phases.review]\nstart = \"contest\"\n[tie_break]\nstill_tied = \"lot\"\n"
    "lot_seed = \"골든 시드\"\n";

constexpr const char* kRoster =
    "사번,이름,부서,이메일,역할\n"
    "A0001,김관리,혁신정책과,admin@city.go.kr,관리자;직원\n"
    "M0001,이검토,혁신정책과,m1@city.go.kr,검토자\n"
    "J0001,최심사,외부위원,j1@example.org,심사위원\n"
    "J0002,정심사,외부위원,j2@example.org,심사위원\n"
    "E1001,박직원,민원봉사과,e1@city.go.kr,직원\n"
    "E1002,한직원,복지정책과,e2@city.go.kr,직원\n"
    "E1003,오직원,정보통신과,e3@city.go.kr,직원\n";

// The contest: two posters by two employees, approved, three votes, two judges
// scoring both, results announced.
class GoldenContest {
 public:
  GoldenContest() {
    WriteText(dir_ / "contest.toml", kConfig);
    WriteText(dir_ / "roster.csv", kRoster);
    Require({"contest", "init", "--config", (dir_ / "contest.toml").string()});
    Require({"roster", "import", (dir_ / "roster.csv").string()});
    ingest_ = json::array();
    Ingest("02-balanced-growth.jpg", "E1001", "모두가 누리는 균형발전", "균형발전");
    Ingest("03-world-class-city.webp", "E1002", "데이터로 그리는 초일류도시", "초일류도시");
    for (const char* entry : {"1", "2"}) Require({"review", "approve", entry, "--as", "M0001"});
    Require({"contest", "phase", "open", "voting", "--as", "A0001"});
    Require({"vote", "cast", "1", "--as", "E1002"});
    Require({"vote", "cast", "2", "--as", "E1001"});
    Require({"vote", "cast", "1", "--as", "E1003"});
    Require({"judge", "assign", "--seed", "골든 시드", "--as", "A0001"});
    Require({"contest", "phase", "open", "judging", "--as", "A0001"});
    Require({"judge", "score", "1", "--as", "J0001", "--scores", "8,7,9,6"});
    Require({"judge", "score", "2", "--as", "J0001", "--scores", "6,8,7,7"});
    Require({"judge", "score", "1", "--as", "J0002", "--scores", "9,8,8,7"});
    Require({"judge", "score", "2", "--as", "J0002", "--scores", "7,6,8,8"});
    Require({"announce", "--as", "A0001"});
  }

  Finished Run(std::vector<std::string> args) const {
    args.insert(args.end(), {"--data", (dir_ / "data").string()});
    return RunPoster(args);
  }
  // The one JSON object a command prints.
  json Json(const std::vector<std::string>& args) const {
    Finished run = Run(args);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return json::parse(run.out);
  }
  const json& ingest() const { return ingest_; }
  const TempDir& dir() const { return dir_; }

 private:
  void Require(const std::vector<std::string>& args) const {
    Finished run = Run(args);
    INFO(args.at(0) << " " << args.at(1) << ": " << run.err << run.out);
    REQUIRE(run.exit_code == 0);
  }
  void Ingest(const std::string& sample, const std::string& author, const std::string& title,
              const std::string& theme) {
    Finished run = Run({"ingest", "--json", "--jobs", "1", "--author", author, "--title", title,
                        "--theme", theme, "--ai-tools", "Stable Diffusion XL",
                        (SourceDir() / "assets" / "samples" / sample).string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    for (const std::string& line : run.lines()) ingest_.push_back(json::parse(line));
  }

  TempDir dir_;
  json ingest_;
};

const GoldenContest& Contest() {
  static const GoldenContest contest;
  return contest;
}

Normaliser Paths() {
  return Normaliser{{{Contest().dir().path().string(), "<tmp>"},
                     {(SourceDir() / "assets" / "samples").string(), "<samples>"}}};
}

}  // namespace

TEST_CASE("poster ingest --json prints each accepted poster as the golden case shows",
          "[cli][golden]") {
  CheckGolden("ingest.json", Paths().Content(Contest().ingest()));
}

TEST_CASE("poster show --json prints the stored entry as the golden case shows", "[cli][golden]") {
  CheckGolden("show.json", Paths().Content(Contest().Json({"show", "1", "--json"})));
}

TEST_CASE("poster results --format json prints the announced results as the golden case shows",
          "[cli][golden]") {
  CheckGolden("results.json", Paths().Log(Contest().Json({"results", "--format", "json"})));
}

TEST_CASE("poster audit verify --json prints the clean report as the golden case shows",
          "[cli][golden]") {
  CheckGolden("audit-verify.json", Paths().Log(Contest().Json({"audit", "verify", "--json"})));
}
