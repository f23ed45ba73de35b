// libFuzzer: the roster CSV (UTF-8 with or without a BOM, or CP949), through
// ReadRoster, what Catalogue::ImportRosterBytes reads before it stores: the
// encoding guess, the CSV reader, the header and every row's checks. What it
// reads is held to what the import relies on.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "gallery/store/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  poster::Result<poster::gallery::RosterFile> roster =
      poster::gallery::ReadRoster(bytes, "fuzz.csv");
  if (!roster.ok()) {
    if (roster.status().code() != "roster_invalid") __builtin_trap();
    return 0;
  }
  std::set<std::string> ids;
  for (const poster::gallery::PersonRecord& person : roster->people) {
    std::string id = person.id;
    for (char& c : id) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (id.empty() || person.name.empty() || person.roles.empty() || !ids.insert(id).second)
      __builtin_trap();
  }
  return 0;
}
