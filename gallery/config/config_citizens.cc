// [citizens] (issue 12): the citizens' likes on /p/N, their limits, how the
// lobby shows them, and the 시민 인기상.
#include "gallery/config/config_sections.h"

namespace poster::gallery {

std::string_view LikesDisplayName(LikesDisplay display) {
  return display == LikesDisplay::kLive ? "live" : "sealed";
}

namespace {

void ReadLobby(ConfigReader& in, const toml::table* section, LikesDisplay& out) {
  const toml::node* node = in.Find(section, "lobby");
  if (node == nullptr) return;
  std::string word;
  in.Text(section, "citizens", "lobby", word);
  for (LikesDisplay display : {LikesDisplay::kLive, LikesDisplay::kSealed}) {
    if (LikesDisplayName(display) == word) {
      out = display;
      return;
    }
  }
  in.Fail(*node, "citizens.lobby", "must be \"live\" or \"sealed\"");
}

void ReadOpens(ConfigReader& in, const toml::table* section, voting::Phase& out) {
  const toml::node* node = in.Find(section, "opens");
  if (node == nullptr) return;
  std::string word;
  in.Text(section, "citizens", "opens", word);
  for (voting::Phase phase :
       {voting::Phase::kSubmission, voting::Phase::kReview, voting::Phase::kVoting}) {
    if (voting::PhaseName(phase) == word) {
      out = phase;
      return;
    }
  }
  in.Fail(*node, "citizens.opens", "must be \"submission\", \"review\" or \"voting\"");
}

// A bucket: per_minute from 1 (a hall of a thousand phones needs far more
// than the sign-in limiter's hundred), burst from 1 up to the minute's worth.
void ReadRate(ConfigReader& in, const toml::table* section, std::string_view name, LikeRate& rate) {
  std::string per_minute = std::string(name) + "_per_minute";
  std::string burst = std::string(name) + "_burst";
  in.Integer(section, "citizens", per_minute, 1, 1'000'000, rate.per_minute);
  in.Integer(section, "citizens", burst, 1, 1'000'000, rate.burst);
}

}  // namespace

void ReadCitizens(ConfigReader& in, ContestConfig& config) {
  const toml::table* section = in.Section("citizens");
  in.Known(
      section, "citizens",
      {"enabled", "award", "award_name", "award_name_en", "weight", "opens", "lobby",
       "device_per_minute", "device_burst", "address_per_minute", "address_burst", "cookie_days"});
  CitizenSettings& citizens = config.citizens;
  in.Boolean(section, "citizens", "enabled", citizens.enabled);
  in.Boolean(section, "citizens", "award", citizens.award);
  in.Text(section, "citizens", "award_name", citizens.award_name);
  in.Text(section, "citizens", "award_name_en", citizens.award_name_en);
  if (citizens.award_name.empty()) in.Fail("citizens.award_name", "must not be empty");
  double weight = config.rules.citizen_weight * 100;
  in.Real(section, "citizens", "weight", 0, 100, weight);
  config.rules.citizen_weight = weight / 100;
  ReadOpens(in, section, citizens.opens);
  ReadLobby(in, section, citizens.lobby);
  ReadRate(in, section, "device", citizens.device);
  ReadRate(in, section, "address", citizens.address);
  in.Integer(section, "citizens", "cookie_days", 1, 400, citizens.cookie_days);
  if (citizens.address.per_minute < citizens.device.per_minute)
    in.Fail("citizens.address_per_minute", "must be at least citizens.device_per_minute");
}

}  // namespace poster::gallery
