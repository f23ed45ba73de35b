// The catalogue's schema on PostgreSQL (issue 13; schema.h). It is SQLite's
// schema at version 10 in PostgreSQL's words, made in one transaction on an
// empty database; later versions will migrate it step by step as SQLite's
// are. docs/schema.md describes the tables; the differences are here:
//  - SQLite's INTEGER PRIMARY KEY is numbered by next_id(), as SQLite does;
//    integers are BIGINT, REAL is DOUBLE PRECISION, BLOB is BYTEA;
//  - the append-only audit log and the gallery's change count are kept by
//    PL/pgSQL trigger functions;
//  - hex() and json_array_length(text), which the store's SQL uses as
//    SQLite has them, are defined here;
//  - the version is poster_schema's one row, not PRAGMA user_version;
//  - foreign keys are DEFERRABLE (checked as each statement ends, as
//    SQLite's are), so that `poster migrate` may copy tables in any order and
//    have them checked when it commits.
#include <string>

#include "gallery/store/schema.h"
#include "gallery/store/store.h"

namespace poster::gallery {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE poster_schema (
  id      BIGINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);

CREATE FUNCTION hex(value BYTEA) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT upper(encode(value, 'hex')) $$;
CREATE FUNCTION json_array_length(value TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT json_array_length(value::json) $$;
-- The number of a new row, as SQLite gives an INTEGER PRIMARY KEY: one more
-- than the largest, so that a transaction rolled back leaves no gap in the
-- numbers of entries or of the log. Every write holds the one write lock of
-- the catalogue, so two inserts never read the same largest. LastInsertId
-- reads poster.last_id.
CREATE FUNCTION next_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col TEXT := TG_ARGV[0];
  number BIGINT := (to_jsonb(NEW) ->> col)::BIGINT;
BEGIN
  IF number IS NULL THEN
    EXECUTE format('SELECT coalesce(max(%I), 0) + 1 FROM %I', col, TG_TABLE_NAME) INTO number;
    NEW := jsonb_populate_record(NEW, jsonb_build_object(col, number));
  END IF;
  PERFORM set_config('poster.last_id', number::TEXT, false);
  RETURN NEW;
END $$;

CREATE TABLE entries (
  id             BIGINT PRIMARY KEY,
  author         TEXT NOT NULL,
  title          TEXT NOT NULL,
  theme          TEXT NOT NULL DEFAULT '',
  ai_tools       TEXT NOT NULL DEFAULT '',
  prompt         TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN
                   ('submitted', 'approved', 'rejected', 'changes_requested', 'withdrawn',
                    'disqualified')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  status_reason  TEXT NOT NULL DEFAULT '',
  alt_text       TEXT NOT NULL DEFAULT '',
  pledge_sha256  TEXT NOT NULL DEFAULT '',
  consent_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entries_author ON entries (author);
CREATE INDEX entries_status ON entries (status, created_at);

CREATE TABLE files (
  id             BIGINT PRIMARY KEY,
  entry_id       BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  version        BIGINT NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
  width          BIGINT NOT NULL,
  height         BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  trailing_bytes BIGINT NOT NULL DEFAULT 0,
  blob           TEXT NOT NULL,
  source         TEXT NOT NULL DEFAULT '',
  stddev         DOUBLE PRECISION NOT NULL,
  sharpness      DOUBLE PRECISION NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (entry_id, version)
);
CREATE INDEX files_blob ON files (blob);

CREATE TABLE fingerprints (
  file_id BIGINT PRIMARY KEY REFERENCES files (id) DEFERRABLE,
  sha256  TEXT NOT NULL,
  phash   BIGINT NOT NULL
);
CREATE INDEX fingerprints_sha256 ON fingerprints (sha256);

CREATE TABLE derivatives (
  file_id BIGINT NOT NULL REFERENCES files (id) DEFERRABLE,
  format  TEXT NOT NULL CHECK (format IN ('webp', 'jpeg')),
  width   BIGINT NOT NULL,
  height  BIGINT NOT NULL,
  bytes   BIGINT NOT NULL,
  blob    TEXT NOT NULL,
  PRIMARY KEY (file_id, format, width)
);
CREATE INDEX derivatives_blob ON derivatives (blob);

CREATE TABLE provenance_markers (
  file_id BIGINT NOT NULL REFERENCES files (id) DEFERRABLE,
  ordinal BIGINT NOT NULL,
  source  TEXT NOT NULL,
  detail  TEXT NOT NULL,
  PRIMARY KEY (file_id, ordinal)
);

CREATE TABLE qr_codes (
  file_id BIGINT NOT NULL REFERENCES files (id) DEFERRABLE,
  ordinal BIGINT NOT NULL,
  payload TEXT NOT NULL,
  is_url  BIGINT NOT NULL,
  PRIMARY KEY (file_id, ordinal)
);

CREATE TABLE flags (
  id            BIGINT PRIMARY KEY,
  file_id       BIGINT NOT NULL REFERENCES files (id) DEFERRABLE,
  flag          TEXT NOT NULL,
  related_entry BIGINT REFERENCES entries (id) DEFERRABLE,
  value         DOUBLE PRECISION
);
CREATE UNIQUE INDEX flags_unique ON flags (file_id, flag, coalesce(related_entry, 0));

CREATE TABLE audit_log (
  seq       BIGINT PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE contest (
  id         BIGINT PRIMARY KEY CHECK (id = 1),
  created_at TEXT NOT NULL,
  config     TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE phase_overrides (
  id     BIGINT PRIMARY KEY,
  phase  TEXT NOT NULL CHECK (phase IN ('submission', 'review', 'voting', 'judging', 'results')),
  action TEXT NOT NULL CHECK (action IN ('open', 'close')),
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL
);

CREATE TABLE people (
  employee_id     TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  department      TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  notices_opt_out BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE roles (
  employee_id TEXT NOT NULL REFERENCES people (employee_id) DEFERRABLE,
  role        TEXT NOT NULL CHECK (role IN ('employee', 'moderator', 'judge', 'admin')),
  PRIMARY KEY (employee_id, role)
);

CREATE TABLE co_authors (
  entry_id    BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  employee_id TEXT NOT NULL,
  PRIMARY KEY (entry_id, employee_id)
);

CREATE TABLE review_claims (
  entry_id   BIGINT PRIMARY KEY REFERENCES entries (id) DEFERRABLE,
  moderator  TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE votes (
  voter       TEXT NOT NULL,
  entry_id    BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  cast_at     TEXT NOT NULL,
  receipt     TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  void_reason TEXT,
  voided_by   TEXT NOT NULL DEFAULT '',
  voided_at   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (voter, entry_id)
);
CREATE INDEX votes_entry ON votes (entry_id, void_reason);

CREATE TABLE judge_assignments (
  judge    TEXT NOT NULL,
  entry_id BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE scores (
  judge     TEXT NOT NULL,
  entry_id  BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  scores    TEXT NOT NULL,
  scored_at TEXT NOT NULL,
  comment   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE announcements (
  id            BIGINT PRIMARY KEY,
  announced_at  TEXT NOT NULL,
  final_at      TEXT NOT NULL,
  actor         TEXT NOT NULL,
  result_sha256 TEXT NOT NULL,
  result        TEXT NOT NULL,
  log_seq       BIGINT NOT NULL DEFAULT 0,
  log_hash      TEXT NOT NULL DEFAULT '',
  receipts_root TEXT NOT NULL DEFAULT '',
  receipts      TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE users (
  employee_id   TEXT PRIMARY KEY REFERENCES people (employee_id) DEFERRABLE,
  password_hash TEXT NOT NULL,
  set_at        TEXT NOT NULL
);

CREATE TABLE invitations (
  token_sha256 TEXT PRIMARY KEY,
  employee_id  TEXT NOT NULL REFERENCES people (employee_id) DEFERRABLE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  purpose      TEXT NOT NULL DEFAULT 'invitation'
);

CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,
  employee_id  TEXT NOT NULL,
  csrf         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions (employee_id);

CREATE TABLE phase_schedule (
  phase  TEXT PRIMARY KEY
         CHECK (phase IN ('submission', 'review', 'voting', 'judging', 'results')),
  start  TEXT,
  "end"  TEXT,
  set_at TEXT NOT NULL,
  actor  TEXT NOT NULL
);

CREATE TABLE comment_publications (
  judge        TEXT NOT NULL,
  entry_id     BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  text         TEXT NOT NULL,
  published_at TEXT NOT NULL,
  actor        TEXT NOT NULL,
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE objections (
  id          BIGINT PRIMARY KEY,
  entry_id    BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  filer       TEXT NOT NULL,
  text        TEXT NOT NULL,
  filed_at    TEXT NOT NULL,
  answer      TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX objections_filer ON objections (filer);

CREATE TABLE outbox (
  id            BIGINT PRIMARY KEY,
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
  attempts      BIGINT NOT NULL DEFAULT 0,
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

CREATE TABLE recusals (
  judge      TEXT NOT NULL,
  entry_id   BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  reason     TEXT NOT NULL,
  recused_at TEXT NOT NULL,
  PRIMARY KEY (judge, entry_id)
);

CREATE TABLE award_revocations (
  id         BIGINT PRIMARY KEY,
  entry_id   BIGINT NOT NULL UNIQUE REFERENCES entries (id) DEFERRABLE,
  tier       TEXT NOT NULL,
  tier_en    TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL,
  rule       TEXT NOT NULL CHECK (rule IN ('vacant', 'next')),
  revoked_at TEXT NOT NULL,
  actor      TEXT NOT NULL
);

CREATE TABLE pairwise_final (
  id            BIGINT PRIMARY KEY CHECK (id = 1),
  finalists     TEXT NOT NULL,
  seed          TEXT NOT NULL,
  max_per_judge BIGINT NOT NULL,
  opened_at     TEXT NOT NULL,
  opened_by     TEXT NOT NULL,
  closed_at     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE pair_answers (
  id          BIGINT PRIMARY KEY,
  judge       TEXT NOT NULL,
  left_entry  BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  right_entry BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  outcome     TEXT NOT NULL CHECK (outcome IN ('left', 'right', 'even', 'skip')),
  answered_at TEXT NOT NULL
);

CREATE TABLE citizen_likes (
  device   TEXT NOT NULL,
  entry_id BIGINT NOT NULL REFERENCES entries (id) DEFERRABLE,
  liked_at TEXT NOT NULL,
  PRIMARY KEY (device, entry_id)
);
CREATE INDEX citizen_likes_entry ON citizen_likes (entry_id);
CREATE TABLE citizen_like_drops (
  reason TEXT PRIMARY KEY,
  count  BIGINT NOT NULL
);
-- 32 bytes from the strong random source of the server (two version 4 UUIDs: 244
-- random bits), without an extension.
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key  BYTEA NOT NULL
);
INSERT INTO server_keys (name, key) VALUES ('citizen_device',
  decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

CREATE TRIGGER entries_next_id BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER files_next_id BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER flags_next_id BEFORE INSERT ON flags FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER audit_log_next_id BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION next_id('seq');
CREATE TRIGGER phase_overrides_next_id BEFORE INSERT ON phase_overrides FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER announcements_next_id BEFORE INSERT ON announcements FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER objections_next_id BEFORE INSERT ON objections FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER outbox_next_id BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER award_revocations_next_id BEFORE INSERT ON award_revocations FOR EACH ROW EXECUTE FUNCTION next_id('id');
CREATE TRIGGER pair_answers_next_id BEFORE INSERT ON pair_answers FOR EACH ROW EXECUTE FUNCTION next_id('id');

CREATE TABLE change_counts (
  what TEXT PRIMARY KEY,
  n    BIGINT NOT NULL
);
INSERT INTO change_counts (what, n) VALUES ('gallery', 0);
CREATE FUNCTION gallery_changed() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'gallery'; RETURN NULL; END $$;
CREATE TRIGGER gallery_entries AFTER INSERT OR UPDATE OR DELETE ON entries
  FOR EACH STATEMENT EXECUTE FUNCTION gallery_changed();
CREATE TRIGGER gallery_people AFTER INSERT OR UPDATE OR DELETE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION gallery_changed();
CREATE TRIGGER gallery_files AFTER INSERT OR UPDATE OR DELETE ON files
  FOR EACH STATEMENT EXECUTE FUNCTION gallery_changed();
CREATE TRIGGER gallery_announcements AFTER INSERT OR UPDATE OR DELETE ON announcements
  FOR EACH STATEMENT EXECUTE FUNCTION gallery_changed();
CREATE TRIGGER gallery_award_revocations AFTER INSERT OR UPDATE OR DELETE ON award_revocations
  FOR EACH STATEMENT EXECUTE FUNCTION gallery_changed();
)sql";

constexpr int kPostgresBaseVersion = 10;  // the version kSchema is

}  // namespace

Status PreparePostgresCatalogue(Database& db, const std::string& origin) {
  static_assert(kSchemaVersion == kPostgresBaseVersion,
                "a new SQLite migration needs its PostgreSQL step here too");
  return InTransaction(db, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(int64_t ours,
                            QueryInt(db,
                                     "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                     "current_schema() AND tablename = 'poster_schema'"));
    POSTER_ASSIGN_OR_RETURN(int64_t tables, QueryInt(db,
                                                     "SELECT count(*) FROM pg_tables WHERE "
                                                     "schemaname = current_schema()"));
    if (ours == 0 && tables > 0) {
      return Status(std::string(kStoreFailed),
                    origin +
                        " holds tables that are not a poster catalogue; poster left it as "
                        "it was. Name an empty database with --database.",
                    {{"reason", "not_a_catalogue"}});
    }
    if (ours == 0) {
      POSTER_RETURN_IF_ERROR(db.Exec(kSchema));
      return Execute(db, "INSERT INTO poster_schema (id, version) VALUES (1, ?)",
                     int64_t{kPostgresBaseVersion});
    }
    POSTER_ASSIGN_OR_RETURN(int64_t version, QueryInt(db, "SELECT version FROM poster_schema"));
    if (version > kSchemaVersion) {
      return Status(std::string(kStoreFailed),
                    "This database was written by a newer poster (schema " +
                        std::to_string(version) + "; this one knows up to " +
                        std::to_string(kSchemaVersion) + "). Upgrade poster to open it.",
                    {{"reason", "newer_schema"}});
    }
    return Status::Ok();
  });
}

}  // namespace poster::gallery
