// The contest itself: its stored config, its phases, and the helpers every
// operation uses to know who may do what, and when.
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

voting::Instant ToInstant(const std::string& text) {
  std::optional<TimePoint> time = ParseUtc(text);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(time.value_or(TimePoint()));
}

Result<std::vector<voting::PhaseOverride>> Overrides(Database& db, voting::Phase phase) {
  std::vector<voting::PhaseOverride> overrides;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db, "SELECT action, at FROM phase_overrides WHERE phase = ? ORDER BY id",
                       voting::PhaseName(phase)),
                 [&](const Statement& query) {
                   auto kind = query.Text(0) == "open" ? voting::PhaseOverride::Kind::kOpen
                                                       : voting::PhaseOverride::Kind::kClose;
                   overrides.push_back({kind, ToInstant(query.Text(1))});
                 }));
  return overrides;
}

// The admin's calendar for `phase`, over the configured window side by side.
Status ApplySchedule(Database& db, voting::Phase phase, voting::Window& window) {
  return ForEachRow(Query(db, "SELECT start, \"end\" FROM phase_schedule WHERE phase = ?",
                          voting::PhaseName(phase)),
                    [&](const Statement& query) {
                      if (!query.IsNull(0)) window.start = ToInstant(query.Text(0));
                      if (!query.IsNull(1)) window.end = ToInstant(query.Text(1));
                    });
}

json MomentJson(const std::optional<voting::Instant>& moment) {
  return moment ? json(FormatUtc(*moment)) : json(nullptr);
}

}  // namespace

voting::Instant CatalogueState::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(clock->Now());
}

std::string CatalogueState::NowText() const { return FormatUtc(clock->Now()); }

bool EntryFacts::AuthoredBy(std::string_view person) const {
  return author == person ||
         std::find(co_authors.begin(), co_authors.end(), person) != co_authors.end();
}

Result<std::optional<std::string>> ListedId(Database& db, std::string_view typed) {
  // The exact spelling first: it is the usual case and uses the key's index.
  // lower() folds ASCII only, in SQLite and in PostgreSQL's C collation alike.
  for (std::string_view sql :
       {"SELECT employee_id FROM people WHERE employee_id = ?",
        "SELECT employee_id FROM people WHERE lower(employee_id) = lower(?) ORDER BY 1 LIMIT 1"}) {
    POSTER_ASSIGN_OR_RETURN(Statement query, Query(db, sql, typed));
    POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) return std::optional<std::string>(query.Text(0));
  }
  return std::optional<std::string>();
}

Result<std::optional<voting::Person>> FindPerson(Database& db, std::string_view id) {
  std::optional<voting::Person> person;
  POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed, ListedId(db, id));
  if (!listed) return person;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db,
                       "SELECT p.department, r.role FROM people p LEFT JOIN roles r ON "
                       "r.employee_id = p.employee_id WHERE p.employee_id = ?",
                       *listed),
                 [&](const Statement& query) {
                   if (!person) person = voting::Person{*listed, query.Text(0), {}};
                   if (std::optional<voting::Role> role = voting::ParseRole(query.Text(1)))
                     person->roles.push_back(*role);
                 }));
  return person;
}

Result<voting::Person> RequirePerson(Database& db, std::string_view id) {
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(db, id));
  if (!person) {
    return Status(std::string(kNotOnRoster), std::string(id) + " is not on the contest's roster.",
                  {{"person", std::string(id)}});
  }
  return *person;
}

Result<bool> RosterEmpty(Database& db) {
  POSTER_ASSIGN_OR_RETURN(Statement query, db.Prepare("SELECT NOT EXISTS (SELECT 1 FROM people)"));
  POSTER_RETURN_IF_ERROR(query.Step().status());
  return query.Int(0) != 0;
}

Status RequireRole(Database& db, std::string_view actor, voting::Role role,
                   std::string_view doing) {
  if (actor == kOperator) return Status::Ok();
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(db, actor));
  if (person && (person->Has(role) || person->Has(voting::Role::kAdmin))) return Status::Ok();
  std::string role_name(voting::RoleName(role));
  return Status(std::string(kNotPermitted),
                std::string(actor) + " may not " + std::string(doing) + ": that takes the " +
                    role_name + " role.",
                {{"actor", std::string(actor)}, {"role", role_name}});
}

// The phase's window as the config sets it.
static voting::Window ConfiguredWindow(const CatalogueState& state, voting::Phase phase) {
  const PhaseSchedule& schedule = state.config.schedule(phase);
  return {schedule.from_creation ? std::optional(state.created) : schedule.start, schedule.end};
}

// Precedence (docs/web.md, "The calendar"): the config's window, then each
// side the admin set on the calendar, then opening and closing by hand.
Result<voting::Window> PhaseWindow(CatalogueState& state, voting::Phase phase) {
  voting::Window window = ConfiguredWindow(state, phase);
  POSTER_RETURN_IF_ERROR(ApplySchedule(state.db, phase, window));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::PhaseOverride> overrides, Overrides(state.db, phase));
  return voting::EffectiveWindow(window, overrides);
}

Result<EntryFacts> FactsOf(Database& db, int64_t entry) {
  POSTER_ASSIGN_OR_RETURN(Statement query,
                          Query(db, "SELECT status, author FROM entries WHERE id = ?", entry));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) {
    return Status(std::string(kNotFound), "There is no entry " + std::to_string(entry) + ".",
                  {{"entry", std::to_string(entry)}});
  }
  EntryFacts facts;
  facts.status = voting::ParseEntryStatus(query.Text(0)).value_or(voting::EntryStatus::kSubmitted);
  facts.author = query.Text(1);
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db, "SELECT employee_id FROM co_authors WHERE entry_id = ?", entry),
                 [&](const Statement& co) { facts.co_authors.push_back(co.Text(0)); }));
  return facts;
}

Result<bool> Announced(Database& db) {
  POSTER_ASSIGN_OR_RETURN(
      Statement query, db.Prepare("SELECT EXISTS (SELECT 1 FROM announcements) OR EXISTS (SELECT 1 "
                                  "FROM audit_log WHERE action = 'results.announce')"));
  POSTER_RETURN_IF_ERROR(query.Step().status());
  return query.Int(0) != 0;
}

Status LoadContest(CatalogueState& state, Access access) {
  std::string now = state.NowText();
  if (access == Access::kReadWrite) {
    POSTER_RETURN_IF_ERROR(
        Execute(state.db,
                "INSERT INTO contest (id, created_at, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT DO NOTHING",
                now, now));
  }
  POSTER_ASSIGN_OR_RETURN(Statement query,
                          state.db.Prepare("SELECT created_at, config FROM contest WHERE id = 1"));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  state.created = ToInstant(row ? query.Text(0) : now);
  std::string text = row ? query.Text(1) : "";
  if (text.empty()) {
    state.config = DefaultConfig();
    return Status::Ok();
  }
  POSTER_ASSIGN_OR_RETURN(state.config, ParseConfig(text, "the contest's stored config"));
  return Status::Ok();
}

ContestConfig Catalogue::Config() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->config;
}

Status Catalogue::InitContest(std::string_view toml, std::string_view origin,
                              std::string_view actor, InitMode mode) {
  CatalogueState& self = *impl_;
  POSTER_ASSIGN_OR_RETURN(ContestConfig parsed, ParseConfig(toml, origin));
  return WriteAs(
      self, {actor, voting::Role::kAdmin, "set up the contest"},
      [&]() -> Status {
        if (mode == InitMode::kFirstOnly) {
          POSTER_ASSIGN_OR_RETURN(
              int64_t stored, QueryInt(self.db, "SELECT count(*) FROM contest WHERE config <> ''"));
          if (stored > 0)
            return Status(std::string(kContestExists),
                          "The contest has a config already; it was left as it is.");
        }
        POSTER_RETURN_IF_ERROR(Execute(self.db,
                                       "UPDATE contest SET config = ?, updated_at = ? WHERE id = 1",
                                       toml, self.NowText()));
        nlohmann::json detail = {{"sha256", Sha256Hex(toml)}, {"config", std::string(toml)}};
        return AppendAudit(self.db, *self.clock, actor, "contest.init", "contest", detail.dump());
      },
      [&] {
        self.config = std::move(parsed);
        return Status::Ok();
      });
}

Result<std::vector<PhaseState>> Catalogue::Phases() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<PhaseState> phases;
  for (voting::Phase phase : voting::kAllPhases) {
    POSTER_ASSIGN_OR_RETURN(voting::Window window, PhaseWindow(*impl_, phase));
    phases.push_back({phase, window, window.Contains(impl_->Now())});
  }
  return phases;
}

Status Catalogue::SetPhase(voting::Phase phase, PhaseChange change, std::string_view actor) {
  CatalogueState& self = *impl_;
  std::string action = change == PhaseChange::kOpen ? "open" : "close";
  return WriteAs(self, {actor, voting::Role::kAdmin, action + " a phase"}, [&]() -> Status {
    std::string now = self.NowText();
    POSTER_RETURN_IF_ERROR(Execute(
        self.db, "INSERT INTO phase_overrides (phase, action, at, actor) VALUES (?, ?, ?, ?)",
        voting::PhaseName(phase), action, now, actor));
    nlohmann::json detail = {{"phase", voting::PhaseName(phase)}, {"at", now}};
    return AppendAudit(self.db, *self.clock, actor, "phase." + action,
                       "phase:" + std::string(voting::PhaseName(phase)), detail.dump());
  });
}

voting::Instant Catalogue::Now() const { return impl_->Now(); }

Status Catalogue::SetPhaseSchedule(voting::Phase phase, std::optional<voting::Instant> start,
                                   std::optional<voting::Instant> end, std::string_view actor) {
  CatalogueState& self = *impl_;
  std::string name(voting::PhaseName(phase));
  return WriteAs(
      self, {actor, voting::Role::kAdmin, "set the contest's calendar"}, [&]() -> Status {
        voting::Window configured = ConfiguredWindow(self, phase);
        std::optional<voting::Instant> from = start ? start : configured.start;
        std::optional<voting::Instant> until = end ? end : configured.end;
        if (from && until && *until <= *from) {
          TimeZone zone = TimeZone::LoadOrUtc(self.config.time_zone);
          return Status(std::string(kInvalidSchedule),
                        "The " + name + " phase would end (" +
                            zone.FormatDate(*until, DateStyle::kEnglish) + ") before it starts (" +
                            zone.FormatDate(*from, DateStyle::kEnglish) +
                            "); set an end after the start.",
                        {{"phase", name},
                         {"start", zone.FormatDate(*from, DateStyle::kKorean)},
                         {"end", zone.FormatDate(*until, DateStyle::kKorean)}});
        }
        std::string from_text = start ? FormatUtc(*start) : "",
                    until_text = end ? FormatUtc(*end) : "";
        POSTER_RETURN_IF_ERROR(Execute(self.db,
                                       "INSERT INTO phase_schedule (phase, start, \"end\", set_at, "
                                       "actor) VALUES (?, NULLIF(?, ''), NULLIF(?, ''), ?, ?) "
                                       "ON CONFLICT (phase) DO UPDATE SET start = excluded.start, "
                                       "\"end\" = excluded.\"end\", set_at = excluded.set_at, "
                                       "actor = excluded.actor",
                                       name, from_text, until_text, self.NowText(), actor));
        json detail = {{"phase", name}, {"start", MomentJson(start)}, {"end", MomentJson(end)}};
        return AppendAudit(self.db, *self.clock, actor, "phase.schedule", "phase:" + name,
                           detail.dump());
      });
}

}  // namespace poster::gallery
