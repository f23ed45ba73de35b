// gallery/store's files that come in from outside (part of store.h): posters
// taken in by the batch (files, folders, URLs, a manifest) and the roster CSV.
// Implemented in intake.cc and manifest.cc.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "gallery/store/records.h"
#include "ingest/ingest.h"

namespace poster::gallery {

class Catalogue;  // store.h

// One upload to take in: a file path or an http(s) URL, with its declaration.
struct IntakeItem {
  std::string input;
  Submission submission;
};

// Turns command-line inputs into items: a file as it is, a folder as every file
// below it (sorted, hidden files skipped), anything with "://" as a URL. Titles
// default to the file's stem. A path that does not exist stays an item, and is
// rejected with read_failed when it is taken in.
std::vector<IntakeItem> ExpandInputs(const std::vector<std::string>& inputs,
                                     const Submission& defaults);
bool IsUrl(std::string_view input);  // what ExpandInputs and the intake take for a URL

// Reads a manifest CSV (columns input, author, title, theme, ai_tools, prompt and
// optionally description; UTF-8 with or without BOM; a header row). Relative
// inputs are relative to the manifest's folder. Fails with manifest_invalid
// naming the line and column.
Result<std::vector<IntakeItem>> ReadManifest(const std::filesystem::path& path,
                                             const Submission& defaults);

// Reads a roster CSV (employee_id, name, department, email, roles, headed in
// English or Korean; UTF-8 or CP949). Fails with roster_invalid naming the line
// and column; nothing is stored (Catalogue::ImportRoster stores it).
Result<RosterFile> ReadRoster(std::string_view bytes, std::string_view origin);

struct IntakeResult {
  std::string input;
  Status status;               // ok, or why it was rejected
  std::optional<Entry> entry;  // when accepted
};

// Ingests `items` on `jobs` threads and stores each accepted poster. Reading and
// ingest run in parallel; storing runs in the items' order, so entries are
// numbered in that order and of two identical uploads the first is kept, however
// the threads are scheduled. Calls `on_result` once per item, in order, from
// one thread at a time.
// Each item goes through Catalogue::Ingest and Add, so the contest's stored
// config governs it as it governs the web.
void RunIntake(Catalogue& catalogue, ingest::Fetcher& fetcher, const std::vector<IntakeItem>& items,
               int jobs, std::string_view actor,
               const std::function<void(const IntakeResult&)>& on_result);

}  // namespace poster::gallery
