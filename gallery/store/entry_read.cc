// ReadEntry: an entry and its current file, assembled from their rows.
#include "gallery/store/entry_store.h"

namespace poster::gallery {
namespace {

ingest::Format ParseFormat(const std::string& name) {
  if (name == "jpeg") return ingest::Format::kJpeg;
  if (name == "webp") return ingest::Format::kWebp;
  return ingest::Format::kPng;
}

constexpr std::string_view kEntryQuery = R"sql(
  SELECT e.id, e.status, e.author, e.title, e.theme, e.ai_tools, e.prompt, e.description,
         e.created_at, f.id, f.version, f.format, f.width, f.height, f.bytes, f.trailing_bytes,
         f.blob, f.source, f.stddev, f.sharpness, fp.sha256, fp.phash, e.status_reason,
         e.alt_text, e.pledge_sha256, e.consent_sha256
  FROM entries e
  JOIN files f ON f.entry_id = e.id
  JOIN fingerprints fp ON fp.file_id = f.id
  WHERE e.id = ? ORDER BY f.version DESC LIMIT 1)sql";

int64_t ReadHead(const Statement& row, const BlobStore& blobs, Entry& entry) {
  entry.id = row.Int(0);
  entry.status = row.Text(1);
  Submission& s = entry.submission;
  s.author = row.Text(2);
  s.title = row.Text(3);
  s.theme = row.Text(4);
  s.ai_tools = row.Text(5);
  s.prompt = row.Text(6);
  s.description = row.Text(7);
  s.source = row.Text(17);
  s.alt_text = row.Text(23);
  s.pledge_sha256 = row.Text(24);
  s.consent_sha256 = row.Text(25);
  entry.created_at = row.Text(8);
  entry.version = static_cast<int>(row.Int(10));
  entry.format = ParseFormat(row.Text(11));
  entry.width = static_cast<int>(row.Int(12));
  entry.height = static_cast<int>(row.Int(13));
  entry.bytes = row.Int(14);
  entry.trailing_bytes = row.Int(15);
  entry.original = blobs.Absolute(row.Text(16));
  entry.quality = {row.Real(18), row.Real(19)};
  entry.sha256 = row.Text(20);
  entry.phash = static_cast<uint64_t>(row.Int(21));
  entry.status_reason = row.Text(22);
  return row.Int(9);
}

Status ReadFacts(Database& db, const BlobStore& blobs, int64_t file_id, Entry& entry) {
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT employee_id FROM co_authors WHERE entry_id = ? ORDER BY employee_id",
            entry.id),
      [&](const Statement& row) { entry.submission.co_authors.push_back(row.Text(0)); }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT source, detail FROM provenance_markers WHERE file_id = ? ORDER BY ordinal",
            file_id),
      [&](const Statement& row) {
        entry.provenance.push_back({row.Text(0), row.Text(1)});
      }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT payload FROM qr_codes WHERE file_id = ? ORDER BY ordinal", file_id),
      [&](const Statement& row) { entry.qr_payloads.push_back(row.Text(0)); }));
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT flag, related_entry, value FROM flags WHERE file_id = ? ORDER BY id",
            file_id),
      [&](const Statement& row) {
        EntryFlag flag{row.Text(0), std::nullopt, std::nullopt};
        if (!row.IsNull(1)) flag.related = row.Int(1);
        if (!row.IsNull(2)) flag.value = row.Real(2);
        entry.flags.push_back(std::move(flag));
      }));
  return ForEachRow(
      Query(db,
            "SELECT format, width, height, bytes, blob FROM derivatives WHERE file_id = ? "
            "ORDER BY format DESC, width",
            file_id),
      [&](const Statement& row) {
        entry.derivatives.push_back({ParseFormat(row.Text(0)), static_cast<int>(row.Int(1)),
                                     static_cast<int>(row.Int(2)), row.Int(3),
                                     blobs.Absolute(row.Text(4))});
      });
}

}  // namespace

Result<Entry> ReadEntry(Database& db, const BlobStore& blobs, int64_t id) {
  POSTER_ASSIGN_OR_RETURN(Statement query, Query(db, kEntryQuery, id));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) {
    return Status(std::string(kNotFound), "There is no entry " + std::to_string(id) + ".",
                  {{"entry", std::to_string(id)}});
  }
  Entry entry;
  int64_t file_id = ReadHead(query, blobs, entry);
  POSTER_RETURN_IF_ERROR(ReadFacts(db, blobs, file_id, entry));
  return entry;
}

}  // namespace poster::gallery
