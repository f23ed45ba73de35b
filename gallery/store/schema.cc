#include "gallery/store/schema.h"

#include <string>

#include "gallery/store/store.h"

namespace poster::gallery {
namespace {

// Migration N takes a database at user_version N-1 to N. Never edit one that
// has shipped: add the next.
constexpr std::string_view kMigrations[] = {
    // 1: entries, their files and everything ingest learned, the audit log.
    R"sql(
CREATE TABLE entries (
  id          INTEGER PRIMARY KEY,
  author      TEXT NOT NULL,
  title       TEXT NOT NULL,
  theme       TEXT NOT NULL DEFAULT '',
  ai_tools    TEXT NOT NULL DEFAULT '',
  prompt      TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN
                ('submitted', 'approved', 'rejected', 'changes_requested', 'withdrawn',
                 'disqualified')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX entries_author ON entries (author);
CREATE INDEX entries_status ON entries (status, created_at);

CREATE TABLE files (
  id             INTEGER PRIMARY KEY,
  entry_id       INTEGER NOT NULL REFERENCES entries (id),
  version        INTEGER NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
  width          INTEGER NOT NULL,
  height         INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  trailing_bytes INTEGER NOT NULL DEFAULT 0,
  blob           TEXT NOT NULL,
  source         TEXT NOT NULL DEFAULT '',
  stddev         REAL NOT NULL,
  sharpness      REAL NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (entry_id, version)
);
CREATE INDEX files_blob ON files (blob);

CREATE TABLE fingerprints (
  file_id INTEGER PRIMARY KEY REFERENCES files (id),
  sha256  TEXT NOT NULL,
  phash   INTEGER NOT NULL
);
CREATE INDEX fingerprints_sha256 ON fingerprints (sha256);

CREATE TABLE derivatives (
  file_id INTEGER NOT NULL REFERENCES files (id),
  format  TEXT NOT NULL CHECK (format IN ('webp', 'jpeg')),
  width   INTEGER NOT NULL,
  height  INTEGER NOT NULL,
  bytes   INTEGER NOT NULL,
  blob    TEXT NOT NULL,
  PRIMARY KEY (file_id, format, width)
);
CREATE INDEX derivatives_blob ON derivatives (blob);

CREATE TABLE provenance_markers (
  file_id INTEGER NOT NULL REFERENCES files (id),
  ordinal INTEGER NOT NULL,
  source  TEXT NOT NULL,
  detail  TEXT NOT NULL,
  PRIMARY KEY (file_id, ordinal)
);

CREATE TABLE qr_codes (
  file_id INTEGER NOT NULL REFERENCES files (id),
  ordinal INTEGER NOT NULL,
  payload TEXT NOT NULL,
  is_url  INTEGER NOT NULL,
  PRIMARY KEY (file_id, ordinal)
);

CREATE TABLE flags (
  id            INTEGER PRIMARY KEY,
  file_id       INTEGER NOT NULL REFERENCES files (id),
  flag          TEXT NOT NULL,
  related_entry INTEGER REFERENCES entries (id),
  value         REAL
);
CREATE UNIQUE INDEX flags_unique ON flags (file_id, flag, coalesce(related_entry, 0));

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 2: the contest (config, phases), the roster, moderation, votes, judging, results.
    R"sql(
CREATE TABLE contest (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  created_at TEXT NOT NULL,
  config     TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE phase_overrides (
  id     INTEGER PRIMARY KEY,
  phase  TEXT NOT NULL CHECK (phase IN ('submission', 'review', 'voting', 'judging', 'results')),
  action TEXT NOT NULL CHECK (action IN ('open', 'close')),
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL
);

CREATE TABLE people (
  employee_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  department  TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE roles (
  employee_id TEXT NOT NULL REFERENCES people (employee_id),
  role        TEXT NOT NULL CHECK (role IN ('employee', 'moderator', 'judge', 'admin')),
  PRIMARY KEY (employee_id, role)
);

CREATE TABLE co_authors (
  entry_id    INTEGER NOT NULL REFERENCES entries (id),
  employee_id TEXT NOT NULL,
  PRIMARY KEY (entry_id, employee_id)
);

ALTER TABLE entries ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE review_claims (
  entry_id   INTEGER PRIMARY KEY REFERENCES entries (id),
  moderator  TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE votes (
  voter    TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES entries (id),
  cast_at  TEXT NOT NULL,
  PRIMARY KEY (voter, entry_id)
) WITHOUT ROWID;
CREATE INDEX votes_entry ON votes (entry_id);

CREATE TABLE judge_assignments (
  judge    TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES entries (id),
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE scores (
  judge     TEXT NOT NULL,
  entry_id  INTEGER NOT NULL REFERENCES entries (id),
  scores    TEXT NOT NULL,
  scored_at TEXT NOT NULL,
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE announcements (
  id            INTEGER PRIMARY KEY,
  announced_at  TEXT NOT NULL,
  final_at      TEXT NOT NULL,
  actor         TEXT NOT NULL,
  result_sha256 TEXT NOT NULL,
  result        TEXT NOT NULL
);
)sql",
    // 3: accounts for the web: passwords, one-time invitations, sessions.
    R"sql(
CREATE TABLE users (
  employee_id   TEXT PRIMARY KEY REFERENCES people (employee_id),
  password_hash TEXT NOT NULL,
  set_at        TEXT NOT NULL
);

CREATE TABLE invitations (
  token_sha256 TEXT PRIMARY KEY,
  employee_id  TEXT NOT NULL REFERENCES people (employee_id),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT
);

CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,
  employee_id  TEXT NOT NULL,
  csrf         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions (employee_id);
)sql",
    // 4: the announcement anchors the audit log (its own record's sequence number
    // and hash, published with the results); the log is searchable by action; the
    // file says it is a poster catalogue.
    R"sql(
ALTER TABLE announcements ADD COLUMN log_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE announcements ADD COLUMN log_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_action ON audit_log (action);
PRAGMA application_id = 1347375956;
)sql",
    // 5: what staff see and do (issue 10): the poster's alt text in its author's
    // words; each phase's start and end as the admin set them on the admin page,
    // taking precedence over the config's [phases.*]; a judge's comment (심사평)
    // beside each score, the comments an admin published, and objections (이의
    // 신청) to the announced results with their answers; the outbox of e-mails and
    // webhook posts (each rendered when queued, sent by `poster serve`'s worker or
    // `poster mail send`) and who asked for no optional notices.
    R"sql(
ALTER TABLE entries ADD COLUMN alt_text TEXT NOT NULL DEFAULT '';

CREATE TABLE phase_schedule (
  phase  TEXT PRIMARY KEY
         CHECK (phase IN ('submission', 'review', 'voting', 'judging', 'results')),
  start  TEXT,
  end    TEXT,
  set_at TEXT NOT NULL,
  actor  TEXT NOT NULL
);

ALTER TABLE scores ADD COLUMN comment TEXT NOT NULL DEFAULT '';
CREATE TABLE comment_publications (
  judge        TEXT NOT NULL,
  entry_id     INTEGER NOT NULL REFERENCES entries (id),
  text         TEXT NOT NULL,
  published_at TEXT NOT NULL,
  actor        TEXT NOT NULL,
  PRIMARY KEY (judge, entry_id)
);
CREATE TABLE objections (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER NOT NULL REFERENCES entries (id),
  filer       TEXT NOT NULL,
  text        TEXT NOT NULL,
  filed_at    TEXT NOT NULL,
  answer      TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX objections_filer ON objections (filer);

CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  channel       TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  kind          TEXT NOT NULL,
  dedupe_key    TEXT NOT NULL UNIQUE,
  recipient     TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL,
  body          TEXT NOT NULL,
  secret        TEXT,
  state         TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN
                  ('waiting', 'sending', 'sent', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_try_at   TEXT NOT NULL,
  claim         TEXT NOT NULL DEFAULT '',
  claimed_until TEXT NOT NULL DEFAULT '',
  last_error    TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  sent_at       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (state, next_try_at);
CREATE TABLE notice_schedule (
  key       TEXT PRIMARY KEY,
  queued_at TEXT NOT NULL
);
ALTER TABLE people ADD COLUMN notices_opt_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitations ADD COLUMN purpose TEXT NOT NULL DEFAULT 'invitation';
)sql",
    // 6 (issue 11, fair judging and verifiable voting): the conflicts judges
    // declared (recusals); each vote's receipt (the voter keeps the secret), the
    // address it came from (admins only), and an admin's void (the row stays, so
    // the voter's budget stays spent); the receipts of the counted votes and
    // their Merkle root, published with the announcement; the pledge and
    // consent each author accepted (their versions), and revoked awards.
    R"sql(
CREATE TABLE recusals (
  judge      TEXT NOT NULL,
  entry_id   INTEGER NOT NULL REFERENCES entries (id),
  reason     TEXT NOT NULL,
  recused_at TEXT NOT NULL,
  PRIMARY KEY (judge, entry_id)
);
ALTER TABLE votes ADD COLUMN receipt TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN void_reason TEXT;
ALTER TABLE votes ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN voided_at TEXT NOT NULL DEFAULT '';
ALTER TABLE announcements ADD COLUMN receipts_root TEXT NOT NULL DEFAULT '';
ALTER TABLE announcements ADD COLUMN receipts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entries ADD COLUMN pledge_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN consent_sha256 TEXT NOT NULL DEFAULT '';
CREATE TABLE award_revocations (
  id         INTEGER PRIMARY KEY,
  entry_id   INTEGER NOT NULL UNIQUE REFERENCES entries (id),
  tier       TEXT NOT NULL,
  tier_en    TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL,
  rule       TEXT NOT NULL CHECK (rule IN ('vacant', 'next')),
  revoked_at TEXT NOT NULL,
  actor      TEXT NOT NULL
);
)sql",
    // 7 (issue 11, the pairwise final): the final an admin opened (its
    // finalists, seed and limit; one a contest) and every answer judges gave
    // on the pairs they were shown, in order.
    R"sql(
CREATE TABLE pairwise_final (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  finalists     TEXT NOT NULL,
  seed          TEXT NOT NULL,
  max_per_judge INTEGER NOT NULL,
  opened_at     TEXT NOT NULL,
  opened_by     TEXT NOT NULL,
  closed_at     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE pair_answers (
  id          INTEGER PRIMARY KEY,
  judge       TEXT NOT NULL,
  left_entry  INTEGER NOT NULL REFERENCES entries (id),
  right_entry INTEGER NOT NULL REFERENCES entries (id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('left', 'right', 'even', 'skip')),
  answered_at TEXT NOT NULL
);
)sql",
    // 8 (issue 12, citizens' choice): each citizen's like, one per device and
    // entry, the device named by a keyed hash of its id (never the id, never an
    // address); the likes the limits dropped, counted by reason (counters, not
    // contest state); and the key that signs devices' cookies, drawn here.
    R"sql(
CREATE TABLE citizen_likes (
  device   TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES entries (id),
  liked_at TEXT NOT NULL,
  PRIMARY KEY (device, entry_id)
) WITHOUT ROWID;
CREATE INDEX citizen_likes_entry ON citizen_likes (entry_id);
CREATE TABLE citizen_like_drops (
  reason TEXT PRIMARY KEY,
  count  INTEGER NOT NULL
);
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key  BLOB NOT NULL
);
INSERT INTO server_keys (name, key) VALUES ('citizen_device', randomblob(32));
)sql",
    // 9 (issue 14, results at scale): the votes' entry index also holds whether
    // the vote was voided, so the count the tally needs reads the index alone
    // (5.5 s to 0.16 s at 3 million votes) and a vote still writes one index.
    R"sql(
DROP INDEX votes_entry;
CREATE INDEX votes_entry ON votes (entry_id, void_reason);
)sql",
    // 10 (issue 14, a gallery that pages): a count of the changes to what the
    // gallery's cards show (entries, their files, names, awards), kept by
    // triggers whichever process writes, so a server rebuilds its cards only
    // when it moved rather than every second.
    R"sql(
CREATE TABLE change_counts (
  what TEXT PRIMARY KEY,
  n    INTEGER NOT NULL
);
INSERT INTO change_counts (what, n) VALUES ('gallery', 0);
CREATE TRIGGER gallery_entries_insert AFTER INSERT ON entries
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_entries_update AFTER UPDATE ON entries
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_entries_delete AFTER DELETE ON entries
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_people_insert AFTER INSERT ON people
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_people_update AFTER UPDATE ON people
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_people_delete AFTER DELETE ON people
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_files_insert AFTER INSERT ON files
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_files_update AFTER UPDATE ON files
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_files_delete AFTER DELETE ON files
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_announcements_insert AFTER INSERT ON announcements
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_announcements_update AFTER UPDATE ON announcements
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_announcements_delete AFTER DELETE ON announcements
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_award_revocations_insert AFTER INSERT ON award_revocations
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_award_revocations_update AFTER UPDATE ON award_revocations
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
CREATE TRIGGER gallery_award_revocations_delete AFTER DELETE ON award_revocations
  BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; END;
)sql",
};

static_assert(std::size(kMigrations) == kSchemaVersion);

Result<int> UserVersion(Database& db) {
  POSTER_ASSIGN_OR_RETURN(int64_t version, QueryInt(db, "PRAGMA user_version"));
  return static_cast<int>(version);
}

Status NewerSchema(int version) {
  return Status(std::string(kStoreFailed),
                "This data folder was written by a newer poster (schema " +
                    std::to_string(version) + "; this one knows up to " +
                    std::to_string(kSchemaVersion) + "). Upgrade poster to open it.",
                {{"reason", "newer_schema"}});
}

Status NotACatalogue(const std::string& origin) {
  return Status(std::string(kStoreFailed),
                origin +
                    " is an SQLite file, but not a poster catalogue; poster left it as it "
                    "was. Point --data at a poster data folder.",
                {{"reason", "not_a_catalogue"}});
}

// A file poster made (any schema), or an empty one poster may make its own.
Status CheckOurs(Database& db, const std::string& origin) {
  Result<int64_t> application = QueryInt(db, "PRAGMA application_id");
  Result<int64_t> version = QueryInt(db, "PRAGMA user_version");
  Result<int64_t> tables = QueryInt(db, "SELECT count(*) FROM sqlite_master");
  Result<int64_t> audit = QueryInt(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'");
  for (const auto* read : {&application, &version, &tables, &audit})
    if (!read->ok()) return read->status();
  if (*application == kApplicationId) return Status::Ok();
  bool empty = *application == 0 && *version == 0 && *tables == 0;
  bool older_poster = *application == 0 && *version > 0 && *audit == 1;
  return empty || older_poster ? Status::Ok() : NotACatalogue(origin);
}

}  // namespace

Status PrepareCatalogue(Database& db, Access access, const std::string& origin) {
  POSTER_RETURN_IF_ERROR(CheckOurs(db, origin));
  if (access == Access::kReadOnly) {
    POSTER_ASSIGN_OR_RETURN(int version, UserVersion(db));
    if (version > kSchemaVersion) return NewerSchema(version);
    if (version < kSchemaVersion) {
      return Status(std::string(kStoreFailed),
                    "This data folder was written by an older poster (schema " +
                        std::to_string(version) +
                        ") and cannot be upgraded where it is (it is read-only). Copy it "
                        "somewhere writable and run any poster command on the copy.",
                    {{"reason", "old_schema"}});
    }
    return db.Exec("PRAGMA foreign_keys = ON");
  }
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  return Migrate(db);
}

Status Migrate(Database& db) {
  POSTER_ASSIGN_OR_RETURN(int version, UserVersion(db));
  if (version > kSchemaVersion) return NewerSchema(version);
  // Another process may be migrating too: each step re-reads the version under
  // the write lock.
  for (bool done = version == kSchemaVersion; !done;) {
    POSTER_RETURN_IF_ERROR(InTransaction(db, [&]() -> Status {
      POSTER_ASSIGN_OR_RETURN(int current, UserVersion(db));
      if (current > kSchemaVersion) return NewerSchema(current);
      done = current == kSchemaVersion;
      if (done) return Status::Ok();
      POSTER_RETURN_IF_ERROR(db.Exec(kMigrations[current]));
      return db.Exec("PRAGMA user_version = " + std::to_string(current + 1));
    }));
  }
  return Status::Ok();
}

}  // namespace poster::gallery
