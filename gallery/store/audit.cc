#include "gallery/store/audit.h"

#include "base/sha256.h"

namespace poster::gallery {
namespace {

constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

std::string AuditHash(const AuditRecord& record) {
  std::string text = record.prev_hash + '\n' + std::to_string(record.seq);
  for (const std::string* field :
       {&record.at, &record.actor, &record.action, &record.subject, &record.detail}) {
    text += '\n';
    text += *field;
  }
  return Sha256Hex(text);
}

Status AppendAudit(Database& db, const Clock& clock, std::string_view actor,
                   std::string_view action, std::string_view subject, std::string_view detail) {
  AuditRecord record{0,
                     FormatUtc(clock.Now()),
                     std::string(actor),
                     std::string(action),
                     std::string(subject),
                     std::string(detail),
                     std::string(kGenesis),
                     ""};
  POSTER_ASSIGN_OR_RETURN(Statement last,
                          db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  POSTER_ASSIGN_OR_RETURN(bool row, last.Step());
  if (row) {
    record.seq = last.Int(0);
    record.prev_hash = last.Text(1);
  }
  record.seq += 1;
  record.hash = AuditHash(record);
  POSTER_ASSIGN_OR_RETURN(Statement insert,
                          db.Prepare("INSERT INTO audit_log (seq, at, actor, action, subject, "
                                     "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.Bind(1, record.seq).Bind(2, record.at).Bind(3, record.actor).Bind(4, record.action);
  insert.Bind(5, record.subject).Bind(6, record.detail).Bind(7, record.prev_hash);
  return insert.Bind(8, record.hash).Run();
}

}  // namespace poster::gallery
