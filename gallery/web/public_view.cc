// What anyone may see, as JSON: the contest, the gallery's cards, an approved
// entry, the announced results. The public routes (api_public.cc) answer with
// it, and the static export (site_export.cc) writes it to files.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

json Card(const Entry& entry, const std::map<std::string, PersonRecord>& people) {
  json thumbnails = json::array();
  std::string jpeg;
  for (const StoredDerivative& d : entry.derivatives) {
    std::string name =
        std::to_string(d.width) + (d.format == ingest::Format::kJpeg ? ".jpg" : ".webp");
    if (d.format == ingest::Format::kJpeg) {
      jpeg = MediaUrl(entry.sha256, name);
    } else {
      thumbnails.push_back(
          {{"width", d.width}, {"height", d.height}, {"url", MediaUrl(entry.sha256, name)}});
    }
  }
  json urls = json::array();
  for (const std::string& payload : entry.qr_payloads) {
    if (ingest::IsWebUrl(payload)) urls.push_back(payload);
  }
  auto person = people.find(entry.submission.author);
  return {{"entry", entry.id},
          {"title", entry.submission.title},
          {"alt_text", entry.submission.alt_text},
          {"author_name", person == people.end() ? entry.submission.author : person->second.name},
          {"department", person == people.end() ? "" : person->second.department},
          {"theme", entry.submission.theme},
          {"ai_tools", entry.submission.ai_tools},
          {"submitted_at", entry.created_at},
          {"sha256", entry.sha256},
          {"width", entry.width},
          {"height", entry.height},
          {"thumbnails", thumbnails},
          {"jpeg", jpeg},
          {"qr_urls", urls}};
}

std::map<std::string, PersonRecord> People(Site& site) {
  std::map<std::string, PersonRecord> people;
  Result<std::vector<PersonRecord>> roster = site.catalogue.Roster();
  if (roster.ok()) {
    for (PersonRecord& person : *roster) people[person.id] = std::move(person);
  }
  return people;
}

// Rebuilds the cards when this server changed an entry, or when a second on
// the catalogue's gallery version has moved (another process wrote); the
// caller holds site.gallery.mutex.
void RefreshCards(Site& site) {
  auto now = std::chrono::steady_clock::now();
  if (site.gallery.cards && !site.gallery.stale &&
      now - site.gallery.built < std::chrono::seconds(1)) {
    return;
  }
  Result<int64_t> version = site.catalogue.GalleryVersion();
  if (site.gallery.cards && !site.gallery.stale && version.ok() &&
      *version == site.gallery.version) {
    site.gallery.built = now;  // looked at: the same cards for another second
    return;
  }
  auto cards = std::make_shared<std::vector<GalleryCards::Card>>();
  auto files = std::make_shared<std::unordered_set<std::string>>();
  Result<std::vector<Entry>> approved = site.catalogue.EntriesIn(voting::EntryStatus::kApproved);
  std::map<std::string, PersonRecord> people = People(site);
  Result<std::map<int64_t, AwardedTier>> tiers = site.catalogue.AwardedTiers();
  for (const Entry& entry : approved.ok() ? *approved : std::vector<Entry>()) {
    json card = Card(entry, people);
    if (tiers.ok()) AddTier(*tiers, card);
    std::string search = entry.submission.title + "\n" + card["author_name"].get<std::string>() +
                         "\n" + card["department"].get<std::string>();
    std::string text = JsonText(card);
    cards->push_back({entry.id, std::move(card), std::move(text), search, entry.submission.theme});
    files->insert(entry.sha256);
  }
  site.gallery.cards = cards;
  site.gallery.files = files;
  site.gallery.built = now;
  site.gallery.stale = false;
  site.gallery.version = version.ok() ? *version : -1;
}

}  // namespace

std::shared_ptr<const std::vector<GalleryCards::Card>> GalleryCardsOf(Site& site) {
  std::lock_guard lock(site.gallery.mutex);
  RefreshCards(site);
  return site.gallery.cards;
}

bool PublicFile(Site& site, const std::string& sha256) {
  std::lock_guard lock(site.gallery.mutex);
  RefreshCards(site);
  return site.gallery.files->count(sha256) > 0;
}

void GalleryChanged(Site& site) {
  std::lock_guard lock(site.gallery.mutex);
  site.gallery.stale = true;
}

// The zone's abbreviations by UTC offset ("+09:00": "KST") over the year
// ahead, so the pages name the zone as the tz database does (Intl knows only
// "GMT+9" for Seoul).
json ZoneNames(const std::string& time_zone, voting::Instant now) {
  TimeZone zone = TimeZone::LoadOrUtc(time_zone);
  json names = json::object();
  for (int month = 0; month <= 12; month += 3) {
    voting::Instant moment = now + std::chrono::hours(24 * 30 * month);
    int offset = zone.OffsetAt(moment), minutes = std::abs(offset) / 60;
    char key[16];
    std::snprintf(key, sizeof key, "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60,
                  minutes % 60);
    names[key] = zone.Abbreviation(moment);
  }
  return names;
}

// What the submit page checks before sending (the server stays the authority).
json PosterLimits(const ingest::Limits& limits) {
  return {{"max_bytes", limits.max_bytes},
          {"min_short_side", limits.min_short_side},
          {"min_aspect", limits.min_aspect},
          {"max_aspect", limits.max_aspect}};
}

json ContestJson(Site& site) {
  ContestConfig config = site.catalogue.Config();
  json themes = json::array(), criteria = json::array(), tiers = json::array();
  for (const Theme& t : config.themes) themes.push_back({{"name", t.name}, {"name_en", t.name_en}});
  for (const voting::Criterion& c : config.rules.rubric)
    criteria.push_back({{"name", c.name}, {"name_en", c.name_en}, {"weight", c.weight}});
  for (const voting::Tier& t : config.rules.tiers)
    tiers.push_back({{"name", t.name}, {"name_en", t.name_en}, {"count", t.count}});
  Result<std::vector<PhaseState>> phases = site.catalogue.Phases();
  Result<Results> results = site.catalogue.ResultsFor("");
  return {
      {"name", config.name},
      {"name_en", config.name_en},
      {"time_zone", config.time_zone},
      {"organizer", config.organizer},
      {"themes", themes},
      {"phases", PhasesJson(phases.ok() ? *phases : std::vector<PhaseState>(), config.time_zone)},
      {"votes_per_voter", config.rules.votes_per_voter},
      {"entries_per_author", config.rules.entries_per_author},
      {"criteria", criteria},
      {"min_score", config.rules.min_score},
      {"max_score", config.rules.max_score},
      {"tiers", tiers},
      {"results_state", results.ok() ? results->state : "sealed"},
      // The calendar: the server's clock, so a phone with a wrong clock counts right.
      {"server_time", FormatUtc(site.catalogue.Now())},
      {"zone_names", ZoneNames(config.time_zone, site.catalogue.Now())},
      {"poster_limits", PosterLimits(config.ingest.limits)},
      // The help page (#/help): the rules in words and whom to ask.
      {"rules_text", config.rules_text},
      {"rules_text_en", config.rules_text_en},
      {"contact", config.contact},
      {"contact_en", config.contact_en},
      // Korea's rules for public contests: what the submit page asks to accept.
      {"pledge", PledgeJson(config)}};
}

Result<json> PublicEntryJson(Site& site, int64_t id) {
  Result<Entry> entry = site.catalogue.Get(id);
  if (!entry.ok() || entry->status != "approved") {
    return Status(std::string(kNotFound), "There is no such entry in the gallery.",
                  {{"entry", std::to_string(id)}});
  }
  std::map<std::string, PersonRecord> author;  // just the one person, not the roster
  Result<PersonRecord> person = site.catalogue.Person(entry->submission.author);
  if (person.ok()) author[person->id] = *person;
  json card = Card(*entry, author);
  card["prompt"] = entry->submission.prompt;
  card["description"] = entry->submission.description;
  json markers = json::array();
  for (const ingest::Marker& m : entry->provenance)
    markers.push_back({{"source", m.source}, {"detail", m.detail}});
  card["provenance"] = markers;
  AddTier(site, card);
  return card;
}

Result<json> ResultsJson(Site& site, std::string_view viewer) {
  POSTER_ASSIGN_OR_RETURN(Results results, site.catalogue.ResultsFor(viewer));
  json out = ResultsToJson(NotesForPeople(std::move(results)), false);
  AddPublishedComments(site, out);
  return out;
}

std::string EntryPageUrl(const Site& site, int64_t id) {
  return site.public_url + "/#/entry/" + std::to_string(id);
}

}  // namespace poster::gallery::web
