// The append-only, hash-chained audit log (private to gallery/store).
//
// Each record's hash is SHA-256 over the previous record's hash and the record's
// own fields, so that changing or removing any record breaks every hash after
// it. SQLite triggers refuse UPDATE and DELETE on the table.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "gallery/store/sqlite.h"
#include "gallery/store/store.h"

namespace poster::gallery {

struct AuditRecord {
  int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;   // e.g. "entry.submit"
  std::string subject;  // e.g. "entry:7"
  std::string detail;   // JSON
  std::string prev_hash;
  std::string hash;
};

// The hash a record with these fields must carry.
std::string AuditHash(const AuditRecord& record);

// The last record's sequence number, hash and time (seq 0 for an empty log).
Result<AuditHead> ReadHead(Database& db);

// Appends a record; call inside the transaction that makes the change it records.
Status AppendAudit(Database& db, const Clock& clock, std::string_view actor,
                   std::string_view action, std::string_view subject, std::string_view detail);

}  // namespace poster::gallery
