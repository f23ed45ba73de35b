// gallery: the contest as it persists and is served.
//
// This header is the module's contract. Today it holds the contest config, the
// catalogue of entries (SQLite + content-addressed blobs under one data folder),
// batch intake (many uploads through ingest into the catalogue on many threads),
// and the rendering of results and messages for people (JSON, Korean and English).
// Every fallible call returns a Status or Result; nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "ingest/ingest.h"

namespace poster::gallery {

// Codes this module adds to ingest's.
inline constexpr std::string_view kConfigInvalid = "config_invalid";
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kInvalidMetadata = "invalid_metadata";
inline constexpr std::string_view kManifestInvalid = "manifest_invalid";
inline constexpr std::string_view kNotFound = "not_found";
inline constexpr std::string_view kStoreFailed = "store_failed";

inline constexpr std::string_view kAllCodes[] = {kConfigInvalid,   kDuplicate, kInvalidMetadata,
                                                 kManifestInvalid, kNotFound,  kStoreFailed};

// Flag added by the catalogue (ingest's kFlag* are the others).
inline constexpr std::string_view kFlagNearDuplicate = "near_duplicate";

// ---- the contest config (TOML; docs/config.md) ------------------------------

struct ContestConfig {
  std::string name;
  std::string name_en;
  ingest::Settings ingest;
  ingest::FetchOptions fetch;
  int near_duplicate_distance = 10;
};

// The embedded default (assets/contest.toml).
const ContestConfig& DefaultConfig();

// Parses a config; keys it does not set keep the defaults. Fails with
// config_invalid naming the file, line and key: a syntax error, an unknown
// section or key, a value of the wrong type or out of range.
Result<ContestConfig> ParseConfig(std::string_view toml, std::string_view origin);
Result<ContestConfig> LoadConfig(const std::filesystem::path& path);

// ---- the catalogue ----------------------------------------------------------

// What the author declares with an upload.
struct Submission {
  std::string author;
  std::string title;
  std::string theme;
  std::string ai_tools;
  std::string prompt;
  std::string description;
  std::string source;  // the file name or URL it came from
};

// Checks what people typed: valid UTF-8, a title of 1-200 characters, no field
// over its length limit. Fails with invalid_metadata naming the field.
Status ValidateSubmission(const Submission& submission);

struct StoredDerivative {
  ingest::Format format = ingest::Format::kWebp;
  int width = 0;
  int height = 0;
  int64_t bytes = 0;
  std::filesystem::path path;  // absolute
};

struct EntryFlag {
  std::string name;                // kFlag* values
  std::optional<int64_t> related;  // the other entry, for near_duplicate
  std::optional<double> value;     // the measurement, for blank and blurry
};

struct Entry {
  int64_t id = 0;
  std::string status;  // submitted, approved, rejected, changes_requested, withdrawn, disqualified
  Submission submission;
  std::string created_at;  // UTC, ISO 8601
  int version = 1;         // of the file
  ingest::Format format = ingest::Format::kPng;
  int width = 0;
  int height = 0;
  int64_t bytes = 0;
  int64_t trailing_bytes = 0;
  std::string sha256;
  uint64_t phash = 0;
  ingest::Quality quality;
  std::filesystem::path original;  // absolute
  std::vector<ingest::Marker> provenance;
  std::vector<std::string> qr_payloads;
  std::vector<EntryFlag> flags;
  std::vector<StoredDerivative> derivatives;
};

struct FsckReport {
  std::vector<std::string> orphan_blobs;     // files no row names (relative paths)
  std::vector<std::string> stale_temp;       // temp files of writers that are gone
  std::vector<std::string> missing_blobs;    // rows whose file is gone or the wrong size
  std::vector<std::string> database_errors;  // integrity and foreign-key check findings
  bool repaired = false;                     // orphans and temp files were removed
  bool clean() const {
    return orphan_blobs.empty() && stale_temp.empty() && missing_blobs.empty() &&
           database_errors.empty();
  }
};

enum class FsckMode { kReport, kRepair };

// One contest's data folder: contest.db and blobs/. Safe to share between
// threads; several processes may open the same folder (SQLite serialises writers).
class Catalogue {
 public:
  // Opens or creates the folder and migrates the schema forward. Fails with
  // store_failed when the folder or database cannot be used, or was written by
  // a newer poster.
  static Result<Catalogue> Open(const std::filesystem::path& data_dir,
                                const Clock& clock = DefaultClock());
  Catalogue(Catalogue&&) noexcept;
  Catalogue& operator=(Catalogue&&) noexcept;
  ~Catalogue();

  // Stores an ingested poster as a new entry in status `submitted`, in one
  // transaction with its files, fingerprints, markers, QR payloads, flags and an
  // audit record by `actor`. Fails with duplicate (naming the entry that holds
  // the same bytes) or store_failed; on failure nothing is left behind.
  // Posters within `near_duplicate_distance` of a live entry are stored and
  // flagged near_duplicate on both sides.
  Result<Entry> Add(const ingest::Poster& poster, const Submission& submission,
                    std::string_view actor, int near_duplicate_distance);

  // The entry with this id, or not_found.
  Result<Entry> Get(int64_t id) const;

  // Checks that every blob is named by a row and every row's blob exists, and
  // runs SQLite's integrity checks. kRepair removes orphans and stale temp files.
  Result<FsckReport> Fsck(FsckMode mode);

  const std::filesystem::path& data_dir() const;

  // Tests only: called with the name of each step of Add ("blobs_written",
  // "blobs_placed", "rows_written"), so a test can stop the process there.
  void SetFailpointForTesting(std::function<void(std::string_view step)> failpoint);

  static const Clock& DefaultClock();

 private:
  struct Impl;
  explicit Catalogue(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- batch intake -------------------------------------------------------------

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

// Reads a manifest CSV (columns input, author, title, theme, ai_tools, prompt and
// optionally description; UTF-8 with or without BOM; a header row). Relative
// inputs are relative to the manifest's folder. Fails with manifest_invalid
// naming the line and column.
Result<std::vector<IntakeItem>> ReadManifest(const std::filesystem::path& path,
                                             const Submission& defaults);

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
void RunIntake(Catalogue& catalogue, const ContestConfig& config, ingest::Fetcher& fetcher,
               const std::vector<IntakeItem>& items, int jobs, std::string_view actor,
               const std::function<void(const IntakeResult&)>& on_result);

// ---- for people -------------------------------------------------------------

enum class Language { kKorean, kEnglish };

// The message of `status` in `language`: Korean from assets/i18n/ko.json, filled
// with the status's details; English is the status's own message.
std::string Localize(const Status& status, Language language);

// True when ko.json has a message for `code` (the test that keeps translations
// complete asks this of every code).
bool HasTranslation(std::string_view code);

// One JSON object (one line) for an intake result or an entry, as
// `poster ingest --json` and `poster show --json` print them.
std::string IntakeResultJson(const IntakeResult& result, Language language);
std::string EntryJson(const Entry& entry);

}  // namespace poster::gallery
