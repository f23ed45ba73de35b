// What the gallery tests share: ingested posters and a catalogue in a temp folder.
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "gallery/gallery.h"
#include "tests/support/synth.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

namespace poster::testing {

// Poster `seed` drawn at 900x1273, scaled to `width` (the same design at another
// size), encoded as `ext` and ingested.
inline ingest::Poster IngestedPoster(uint32_t seed, const std::string& ext = ".png",
                                     int width = 900) {
  synth::PosterSpec spec;
  spec.seed = seed;
  spec.title = "포스터 " + std::to_string(seed);
  spec.width = 900;
  spec.height = 1273;
  cv::Mat image = synth::DrawPoster(spec);
  if (width != spec.width) {
    cv::resize(image, image, cv::Size(width, int(std::lround(1273.0 * width / 900))), 0, 0,
               cv::INTER_AREA);
  }
  Result<ingest::Poster> poster = ingest::Process(synth::Encode(image, ext), ingest::Settings());
  REQUIRE(poster.ok());
  return std::move(*poster);
}

inline gallery::Submission Declared(const std::string& title, const std::string& author = "E1001") {
  gallery::Submission s;
  s.author = author;
  s.title = title;
  s.theme = "시민행복";
  s.ai_tools = "Midjourney";
  s.source = title + ".png";
  return s;
}

inline gallery::Catalogue OpenCatalogue(const std::filesystem::path& dir) {
  Result<gallery::Catalogue> catalogue = gallery::Catalogue::Open(
      dir, gallery::Catalogue::DefaultClock(), DatabaseFor(std::filesystem::path(dir).string()));
  REQUIRE(catalogue.ok());
  return std::move(*catalogue);
}

// Runs one statement on a catalogue (contest.db in a data folder, or that
// folder's database on PostgreSQL) behind poster's back (a tampering).
inline void RunSql(const std::filesystem::path& db, const std::string& statement) {
  INFO(statement);
  if (OnPostgres()) {
    REQUIRE(RunSqlAt(DatabaseFor(db.parent_path().string()), statement) == "");
    return;
  }
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  REQUIRE(sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
}

// The first column of the first row `query` gives (a count, say), read behind poster's back.
inline int64_t SqlCount(const std::filesystem::path& db, const std::string& query) {
  if (OnPostgres()) return QueryIntAt(DatabaseFor(db.parent_path().string()), query);
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  INFO(query);
  REQUIRE(sqlite3_prepare_v2(handle, query.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  int64_t value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return value;
}

inline bool HasFlag(const gallery::Entry& entry, std::string_view name) {
  return std::any_of(entry.flags.begin(), entry.flags.end(),
                     [&](const gallery::EntryFlag& flag) { return flag.name == name; });
}

}  // namespace poster::testing
