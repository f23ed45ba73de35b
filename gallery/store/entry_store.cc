#include "gallery/store/entry_store.h"

#include <algorithm>

namespace poster::gallery {
namespace {

// The current (latest) file of every entry that has not been withdrawn.
constexpr std::string_view kLiveFiles = R"sql(
  SELECT f.entry_id, fp.sha256, fp.phash FROM files f
  JOIN fingerprints fp ON fp.file_id = f.id
  JOIN entries e ON e.id = f.entry_id
  WHERE e.status != 'withdrawn'
    AND f.version = (SELECT max(version) FROM files WHERE entry_id = f.entry_id))sql";

int64_t AsSigned(uint64_t value) { return static_cast<int64_t>(value); }

Status InsertFileRow(Database& db, int64_t entry_id, const std::string& now,
                     const ingest::Poster& poster, std::string_view source,
                     const std::string& blob) {
  return Execute(
      db,
      "INSERT INTO files (entry_id, version, format, width, height, bytes, "
      "trailing_bytes, blob, source, stddev, sharpness, created_at) "
      "VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM files WHERE entry_id = ?1), "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      entry_id, ingest::FormatName(poster.info.format), poster.info.width, poster.info.height,
      int64_t(poster.original.size()), poster.trailing_bytes, blob, source, poster.quality.stddev,
      poster.quality.sharpness, now);
}

Status InsertFacts(Database& db, int64_t file_id, const ingest::Poster& poster,
                   const BlobNames& blobs) {
  POSTER_RETURN_IF_ERROR(Execute(db, "INSERT INTO fingerprints VALUES (?, ?, ?)", file_id,
                                 poster.sha256, AsSigned(poster.phash)));
  for (size_t i = 0; i < poster.derivatives.size(); ++i) {
    const ingest::Derivative& d = poster.derivatives[i];
    POSTER_RETURN_IF_ERROR(Execute(db, "INSERT INTO derivatives VALUES (?, ?, ?, ?, ?, ?)", file_id,
                                   ingest::FormatName(d.format), d.width, d.height,
                                   int64_t(d.bytes.size()), blobs.derivatives[i]));
  }
  for (size_t i = 0; i < poster.provenance.size(); ++i) {
    POSTER_RETURN_IF_ERROR(Execute(db, "INSERT INTO provenance_markers VALUES (?, ?, ?, ?)",
                                   file_id, int64_t(i), poster.provenance[i].source,
                                   poster.provenance[i].detail));
  }
  for (size_t i = 0; i < poster.qr_payloads.size(); ++i) {
    const std::string& payload = poster.qr_payloads[i];
    POSTER_RETURN_IF_ERROR(Execute(db, "INSERT INTO qr_codes VALUES (?, ?, ?, ?)", file_id,
                                   int64_t(i), payload, ingest::IsWebUrl(payload) ? 1 : 0));
  }
  return Status::Ok();
}

Status InsertFlag(Database& db, int64_t file_id, std::string_view flag,
                  std::optional<int64_t> related, std::optional<double> value) {
  POSTER_ASSIGN_OR_RETURN(
      Statement insert,
      Query(db,
            "INSERT INTO flags (file_id, flag, related_entry, value) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            file_id, flag, related));
  if (value) insert.Bind(4, *value);
  return insert.Run();
}

Status InsertFlags(Database& db, int64_t entry_id, int64_t file_id, const ingest::Poster& poster,
                   const std::vector<Neighbour>& neighbours) {
  for (const std::string& flag : poster.flags) {
    std::optional<double> value;
    if (flag == ingest::kFlagBlank) value = poster.quality.stddev;
    if (flag == ingest::kFlagBlurry) value = poster.quality.sharpness;
    if (flag == ingest::kFlagTrailingData) value = double(poster.trailing_bytes);
    POSTER_RETURN_IF_ERROR(InsertFlag(db, file_id, flag, std::nullopt, value));
  }
  for (const Neighbour& other : neighbours) {
    POSTER_RETURN_IF_ERROR(
        InsertFlag(db, file_id, kFlagNearDuplicate, other.entry, double(other.distance)));
    POSTER_ASSIGN_OR_RETURN(
        Statement current,
        Query(db, "SELECT id FROM files WHERE entry_id = ? ORDER BY version DESC LIMIT 1",
              other.entry));
    POSTER_ASSIGN_OR_RETURN(bool row, current.Step());
    if (row) {
      POSTER_RETURN_IF_ERROR(
          InsertFlag(db, current.Int(0), kFlagNearDuplicate, entry_id, double(other.distance)));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<int64_t>> FindDuplicate(Database& db, const std::string& sha256) {
  POSTER_ASSIGN_OR_RETURN(
      Statement query,
      Query(db, std::string(kLiveFiles) + " AND fp.sha256 = ? ORDER BY f.entry_id LIMIT 1",
            sha256));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? std::optional<int64_t>(query.Int(0)) : std::nullopt;
}

Result<std::vector<Neighbour>> FindNearDuplicates(Database& db, uint64_t phash, int max_distance,
                                                  int64_t exclude) {
  std::vector<Neighbour> found;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, std::string(kLiveFiles) + " AND f.entry_id != ?", exclude),
      [&](const Statement& query) {
        int distance = ingest::HammingDistance(phash, static_cast<uint64_t>(query.Int(2)));
        if (distance <= max_distance) found.push_back({query.Int(0), distance});
      }));
  std::sort(found.begin(), found.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.entry < b.entry;
  });
  return found;
}

Result<int64_t> InsertEntry(Database& db, const std::string& now, const Submission& submission) {
  const Submission& s = submission;
  POSTER_RETURN_IF_ERROR(Execute(
      db,
      "INSERT INTO entries (author, title, theme, ai_tools, prompt, description, alt_text, "
      "pledge_sha256, consent_sha256, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?)",
      s.author, s.title, s.theme, s.ai_tools, s.prompt, s.description, s.alt_text, s.pledge_sha256,
      s.consent_sha256, now, now));
  int64_t entry_id = db.LastInsertId();
  for (const std::string& co_author : s.co_authors) {
    POSTER_RETURN_IF_ERROR(Execute(db,
                                   "INSERT INTO co_authors (entry_id, employee_id) VALUES (?, ?) "
                                   "ON CONFLICT DO NOTHING",
                                   entry_id, co_author));
  }
  return entry_id;
}

Status InsertFile(Database& db, int64_t entry_id, const std::string& now,
                  const ingest::Poster& poster, std::string_view source, const BlobNames& blobs,
                  const std::vector<Neighbour>& neighbours) {
  POSTER_RETURN_IF_ERROR(InsertFileRow(db, entry_id, now, poster, source, blobs.original));
  int64_t file_id = db.LastInsertId();
  POSTER_RETURN_IF_ERROR(InsertFacts(db, file_id, poster, blobs));
  return InsertFlags(db, entry_id, file_id, poster, neighbours);
}

Result<bool> BlobReferenced(Database& db, const std::string& relative) {
  POSTER_ASSIGN_OR_RETURN(Statement query,
                          Query(db,
                                "SELECT EXISTS (SELECT 1 FROM files WHERE blob = ?1) OR EXISTS "
                                "(SELECT 1 FROM derivatives WHERE blob = ?1)",
                                relative));
  POSTER_RETURN_IF_ERROR(query.Step().status());
  return query.Int(0) != 0;
}

}  // namespace poster::gallery
