// The "actions" the API lists with each entry it returns to a signed-in viewer
// (docs/api.md, "Allowed actions"): what Catalogue::ActionsFor says this
// viewer may do with it now, so the pages show only the buttons that work.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

json ActionsJson(const std::vector<EntryActionAllowed>& actions) {
  json names = json::array();
  for (EntryActionAllowed action : actions) names.push_back(EntryActionAllowedName(action));
  return names;
}

}  // namespace

Status AddActions(const Call& call, json& entries) {
  if (!call.viewer) return Status::Ok();
  std::vector<json*> objects;
  if (entries.is_array()) {
    for (json& entry : entries) objects.push_back(&entry);
  } else {
    objects.push_back(&entries);
  }
  std::vector<int64_t> ids;
  for (const json* entry : objects) ids.push_back(entry->at("entry").get<int64_t>());
  POSTER_ASSIGN_OR_RETURN(auto actions, call.site.catalogue.ActionsFor(call.actor(), ids));
  for (json* entry : objects) (*entry)["actions"] = ActionsJson(actions[entry->at("entry")]);
  return Status::Ok();
}

Result<std::vector<std::string>> CardsWithActions(
    const Call& call, const std::vector<const GalleryCards::Card*>& cards) {
  std::vector<std::string> out;
  if (!call.viewer) {
    for (const GalleryCards::Card* card : cards) out.push_back(card->json);
    return out;
  }
  std::vector<int64_t> ids;
  for (const GalleryCards::Card* card : cards) ids.push_back(card->entry);
  POSTER_ASSIGN_OR_RETURN(auto actions, call.site.catalogue.ActionsFor(call.actor(), ids));
  for (const GalleryCards::Card* card : cards) {
    // The cached card is one serialised object: the field goes before its closing brace.
    std::string text = card->json.substr(0, card->json.size() - 1);
    out.push_back(text + ",\"actions\":" + ActionsJson(actions[card->entry]).dump() + "}");
  }
  return out;
}

}  // namespace poster::gallery::web
