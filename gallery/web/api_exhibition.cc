// The exhibition (issue 12; docs/api.md, "The exhibition"): what the lobby
// screen (#/slideshow) and the printed sheets (#/sheet/N, #/sheets) show of
// each approved entry, to anyone: the phase their captions follow, the tier
// once awarded (or its revocation), the public URL the QR codes point at.
// Nobody sees more here than the public does, whoever is signed in: the
// screen in the hall may well be an admin's browser.
#include <charconv>

#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

// Where the contest stands for a visitor in the hall: before_voting, voting,
// voting_closed (its window began and is over, or it was closed by hand) or
// announced.
Result<std::string> ExhibitionPhase(Site& site, bool announced) {
  if (announced) return std::string("announced");
  POSTER_ASSIGN_OR_RETURN(std::vector<PhaseState> phases, site.catalogue.Phases());
  for (const PhaseState& state : phases) {
    if (state.phase != voting::Phase::kVoting) continue;
    if (state.open) return std::string("voting");
    bool began = state.window.start && *state.window.start <= site.catalogue.Now();
    return std::string(began ? "voting_closed" : "before_voting");
  }
  return std::string("before_voting");
}

// The WebP `width` wide when there is one, else the widest (ingest's widths
// are configurable); the JPEG fallback too.
struct ExhibitionImages {
  std::string thumbnail, image, jpeg;
};

ExhibitionImages ImagesOf(const Entry& entry, int width) {
  ExhibitionImages out;
  int widest = 0;
  for (const StoredDerivative& d : entry.derivatives) {
    std::string name =
        std::to_string(d.width) + (d.format == ingest::Format::kJpeg ? ".jpg" : ".webp");
    if (d.format == ingest::Format::kJpeg) {
      out.jpeg = MediaUrl(entry.sha256, name);
      continue;
    }
    if (d.width == width) out.thumbnail = MediaUrl(entry.sha256, name);
    if (d.width > widest) widest = d.width, out.image = MediaUrl(entry.sha256, name);
  }
  if (out.thumbnail.empty()) out.thumbnail = out.image;
  return out;
}

std::string NameOf(const std::map<std::string, PersonRecord>& people, const std::string& id) {
  auto person = people.find(id);
  return person == people.end() ? id : person->second.name;
}

struct ExhibitionFacts {
  std::map<std::string, PersonRecord> people;
  std::map<int64_t, AwardedTier> tiers;
  std::map<int64_t, Revocation> revoked;
  bool authors_hidden = true;
  CitizenLikeCounts likes;  // the citizens' likes, when the config shows them
  ExhibitionLinks links = ExhibitionLinks::kCitizenPages;
};

json ExhibitedEntry(const Site& site, const Entry& entry, const ExhibitionFacts& facts) {
  ExhibitionImages images = ImagesOf(entry, kExhibitionThumbnail);
  auto author = facts.people.find(entry.submission.author);
  json co_authors = json::array();
  for (const std::string& id : entry.submission.co_authors)
    co_authors.push_back(NameOf(facts.people, id));
  std::string page = facts.links == ExhibitionLinks::kCitizenPages ? CitizenPageUrl(site, entry.id)
                                                                   : EntryPageUrl(site, entry.id);
  json out = {{"entry", entry.id},
              {"title", entry.submission.title},
              {"alt_text", entry.submission.alt_text},
              {"author_name", NameOf(facts.people, entry.submission.author)},
              {"co_author_names", co_authors},
              {"department", author == facts.people.end() ? "" : author->second.department},
              {"theme", entry.submission.theme},
              {"width", entry.width},
              {"height", entry.height},
              {"thumbnail", images.thumbnail},
              {"image", images.image},
              {"jpeg", images.jpeg},
              {"page_url", page},
              {"short_url", page},
              {"qr_url", "/api/entries/" + std::to_string(entry.id) + "/qr.png"}};
  AddTier(facts.tiers, out);
  auto revoked = facts.revoked.find(entry.id);
  if (revoked != facts.revoked.end()) {
    const Revocation& r = revoked->second;
    out["revoked"] = {{"tier", r.tier}, {"tier_en", r.tier_en}, {"revoked_at", r.revoked_at}};
  }
  if (facts.authors_hidden) {
    WithoutAuthors(out);
    out.erase("co_author_names");
  }
  if (facts.likes.shown) {
    auto likes = facts.likes.likes.find(entry.id);
    out["likes"] = likes == facts.likes.likes.end() ? 0 : likes->second;
  }
  return out;
}

Result<ExhibitionFacts> GatherExhibitionFacts(Site& site, ExhibitionLinks links) {
  ExhibitionFacts facts;
  facts.links = links;
  POSTER_ASSIGN_OR_RETURN(std::vector<PersonRecord> roster, site.catalogue.Roster());
  for (PersonRecord& person : roster) facts.people[person.id] = std::move(person);
  POSTER_ASSIGN_OR_RETURN(facts.tiers, site.catalogue.AwardedTiers());
  POSTER_ASSIGN_OR_RETURN(std::vector<Revocation> revocations, site.catalogue.Revocations());
  for (Revocation& r : revocations) facts.revoked[r.entry] = std::move(r);
  // The public's view, whoever asks: "" is someone not signed in.
  Result<bool> hidden = site.catalogue.AuthorsHidden("");
  facts.authors_hidden = !hidden.ok() || *hidden;  // when in doubt, hide
  POSTER_ASSIGN_OR_RETURN(facts.likes, site.catalogue.CitizenLikes());
  return facts;
}

// ?entry=N: a number from 1 to 2^63-1, digits only.
Result<int64_t> ExhibitionEntryParameter(const std::string& text) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error == std::errc() && end == text.data() + text.size() && id > 0) return id;
  return Status(std::string(kBadRequest),
                "The parameter \"entry\" must be an entry's number (1, 2, 3, …), like ?entry=12.",
                {{"field", "entry"}, {"expected", "1, 2, 3, …"}});
}

void Exhibition(Call& call) {
  std::optional<int64_t> only;
  if (call.request.has_param("entry")) {
    Result<int64_t> id = ExhibitionEntryParameter(call.request.get_param_value("entry"));
    if (!id.ok()) return call.Fail(id.status());
    only = *id;
  }
  Result<json> shown = ExhibitionJson(call.site, ExhibitionLinks::kCitizenPages, only);
  if (!shown.ok()) return call.Fail(shown.status());
  call.response.set_header("Cache-Control", "no-cache");
  call.Json(200, *shown);
}

}  // namespace

std::string CitizenPageUrl(const Site& site, int64_t id) {
  return site.public_url + "/p/" + std::to_string(id);
}

Result<json> ExhibitionJson(Site& site, ExhibitionLinks links, std::optional<int64_t> only) {
  Result<Results> results = site.catalogue.ResultsFor("");
  std::string results_state = results.ok() ? results->state : "sealed";
  POSTER_ASSIGN_OR_RETURN(std::string phase, ExhibitionPhase(site, results_state != "sealed"));
  POSTER_ASSIGN_OR_RETURN(ExhibitionFacts facts, GatherExhibitionFacts(site, links));
  POSTER_ASSIGN_OR_RETURN(std::vector<Entry> approved,
                          site.catalogue.EntriesIn(voting::EntryStatus::kApproved));
  json entries = json::array();
  for (const Entry& entry : approved) {
    if (!only || entry.id == *only) entries.push_back(ExhibitedEntry(site, entry, facts));
  }
  if (only && entries.empty()) {
    return Status(std::string(kNotFound), "There is no such entry in the exhibition.",
                  {{"entry", std::to_string(*only)}});
  }
  return json{
      {"phase", phase},
      {"results_state", results_state},
      {"public_url", site.public_url},
      {"authors_hidden", facts.authors_hidden},
      {"likes", {{"display", LikesDisplayName(facts.likes.display)}, {"shown", facts.likes.shown}}},
      {"entries", entries}};
}

void AddExhibitionRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/api/exhibition", Anyone(), Exhibition);
}

}  // namespace poster::gallery::web
