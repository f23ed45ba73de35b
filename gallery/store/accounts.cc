// Accounts for the web: invitations, Argon2id passwords, sessions. Tokens are
// random (libsodium) and stored only as their SHA-256, so a copy of the
// database signs nobody in.
#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <thread>

#include "base/sha256.h"
#include "base/text.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

constexpr auto kInvitationFor = std::chrono::hours(24 * 14);
constexpr auto kSessionFor = std::chrono::hours(12);
constexpr size_t kMinimumPassword = 10;

// libsodium must start before it makes tokens or hashes: without it there is
// no trustworthy randomness, and accounts refuse rather than go on.
Status SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  if (ready) return Status::Ok();
  return Status(std::string(kStoreFailed),
                "libsodium could not start (no source of random numbers?); accounts, sessions "
                "and invitations are unavailable.",
                {{"reason", "sodium"}});
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

Status InvalidToken() {
  return Status(std::string(kInvalidToken),
                "This invitation link is not valid: it has expired, was replaced by a newer one, "
                "or was mistyped. Ask the contest's admin for a new one.");
}

// Why a link that opens nothing does not: used (sign in instead) or not valid.
Status ClosedInvitation(Database& db, const std::string& token_sha256) {
  Result<Statement> used = Query(
      db, "SELECT 1 FROM invitations WHERE token_sha256 = ? AND used_at IS NOT NULL", token_sha256);
  if (!used.ok()) return used.status();
  Result<bool> row = used->Step();
  if (!row.ok()) return row.status();
  if (!*row) return InvalidToken();
  return Status(std::string(kInvitationUsed),
                "This invitation was used already to set a password: sign in with your employee "
                "number and that password.");
}

Status BadCredentials() {
  return Status(std::string(kBadCredentials), "The employee number or the password is not right.");
}

Status CheckPassword(std::string_view employee_id, std::string_view password) {
  std::optional<size_t> length = CountCodePoints(password);
  if (!length || *length < kMinimumPassword || password == employee_id) {
    return Status(std::string(kWeakPassword),
                  "Choose a password of at least " + std::to_string(kMinimumPassword) +
                      " characters that is not your employee number.",
                  {{"min", std::to_string(kMinimumPassword)}});
  }
  return Status::Ok();
}

// Argon2id takes 64 MiB and tens of milliseconds a password, on purpose. It
// runs outside the catalogue's lock, so votes and pages go on meanwhile, and
// at most one per core at a time, so a crowd signing in cannot exhaust memory.
std::counting_semaphore<64>& PasswordSlots() {
  static std::counting_semaphore<64> slots(
      std::clamp<ptrdiff_t>(std::thread::hardware_concurrency(), 1, 64));
  return slots;
}

struct PasswordSlot {
  PasswordSlot() { PasswordSlots().acquire(); }
  ~PasswordSlot() { PasswordSlots().release(); }
  PasswordSlot(const PasswordSlot&) = delete;
  PasswordSlot& operator=(const PasswordSlot&) = delete;
};

bool Argon2id(std::string_view password, char (&hash)[crypto_pwhash_STRBYTES]) {
  PasswordSlot slot;
  return crypto_pwhash_str(hash, password.data(), password.size(),
                           crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

// Someone without a password is checked against a stand-in hash, so that the
// answer takes as long as for anyone else and does not tell who has an account.
bool PasswordMatches(const std::string& hash, std::string_view password) {
  static const std::string stand_in = [] {
    char made[crypto_pwhash_STRBYTES] = {};
    return Argon2id(RandomToken(), made) ? std::string(made) : std::string();
  }();
  const std::string& checked = hash.empty() ? stand_in : hash;
  PasswordSlot slot;
  bool matches = !checked.empty() &&
                 crypto_pwhash_str_verify(checked.c_str(), password.data(), password.size()) == 0;
  return matches && !hash.empty();
}

Result<std::string> HashPassword(std::string_view password) {
  POSTER_RETURN_IF_ERROR(SodiumReady());
  char hash[crypto_pwhash_STRBYTES];
  if (!Argon2id(password, hash)) {
    return Status(std::string(kStoreFailed), "The password could not be hashed (out of memory).",
                  {{"reason", "memory"}});
  }
  return std::string(hash);
}

Result<Session> NewSession(CatalogueState& self, std::string_view employee_id) {
  POSTER_RETURN_IF_ERROR(SodiumReady());
  Session session{RandomToken(), RandomToken(), std::string(employee_id),
                  FormatUtc(self.clock->Now() + kSessionFor)};
  POSTER_RETURN_IF_ERROR(Execute(self.db, "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                                 Sha256Hex(session.token), employee_id, session.csrf,
                                 self.NowText(), session.expires_at));
  return session;
}

// What a one-time link is for: a first password (invited by an admin) or a
// new one (the person forgot theirs). Both open the same page.
struct LinkPurpose {
  std::string_view name;  // invitations.purpose
  std::chrono::hours valid;
  std::string_view audit_action;
};
constexpr LinkPurpose kInvitation{"invitation", kInvitationFor, "account.invite"};
constexpr LinkPurpose kPasswordReset{"password_reset", std::chrono::hours(1), "account.reset"};

Status QueueLinkNotice(CatalogueState& self, std::string_view employee_id,
                       const LinkPurpose& purpose, const std::string& token) {
  if (!self.config.mail.enabled) return Status::Ok();
  POSTER_ASSIGN_OR_RETURN(std::string name, NameOf(self.db, employee_id));
  std::string link = self.config.mail.site_url + "/#/invite/" + token;
  NoticeContext context{&self.config, name};
  Notice notice = purpose.name == kInvitation.name ? InvitationNotice(context, link)
                                                   : PasswordResetNotice(context, link);
  notice.recipient = std::string(employee_id);
  notice.key = std::string(purpose.name) + ":" + Sha256Hex(token).substr(0, 16) + ":" +
               std::string(employee_id);
  return QueueNotice(self, std::move(notice)).status();
}

Result<std::string> CreateLink(CatalogueState& self, std::string_view typed_id,
                               std::string_view actor, const LinkPurpose& purpose) {
  POSTER_RETURN_IF_ERROR(SodiumReady());
  POSTER_ASSIGN_OR_RETURN(voting::Person person, RequirePerson(self.db, typed_id));
  const std::string& employee_id = person.id;
  // One open link per person: a new one replaces the one that went astray.
  POSTER_RETURN_IF_ERROR(Execute(
      self.db, "DELETE FROM invitations WHERE employee_id = ? AND used_at IS NULL", employee_id));
  std::string token = RandomToken();
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO invitations (token_sha256, employee_id, created_at, "
                                 "expires_at, purpose) VALUES (?, ?, ?, ?, ?)",
                                 Sha256Hex(token), employee_id, self.NowText(),
                                 FormatUtc(self.clock->Now() + purpose.valid), purpose.name));
  nlohmann::json detail = {{"employee_id", employee_id}};
  POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, actor, purpose.audit_action,
                                     "person:" + employee_id, detail.dump()));
  POSTER_RETURN_IF_ERROR(QueueLinkNotice(self, employee_id, purpose, token));
  return token;
}

Result<std::string> CreateInvitation(CatalogueState& self, std::string_view employee_id,
                                     std::string_view actor) {
  return CreateLink(self, employee_id, actor, kInvitation);
}

}  // namespace

bool Viewer::Has(voting::Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end() ||
         std::find(roles.begin(), roles.end(), voting::Role::kAdmin) != roles.end();
}

Result<std::string> Catalogue::Invite(std::string_view employee_id, std::string_view actor) {
  CatalogueState& self = *impl_;
  std::string token;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "invite people"}, [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(token, CreateInvitation(self, employee_id, actor));
        return Status::Ok();
      }));
  return token;
}

Result<std::vector<std::pair<std::string, std::string>>> Catalogue::InviteAll(
    std::string_view actor) {
  CatalogueState& self = *impl_;
  std::vector<std::pair<std::string, std::string>> links;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "invite people"}, [&]() -> Status {
        std::vector<std::string> ids;
        POSTER_RETURN_IF_ERROR(
            ForEachRow(self.db.Prepare("SELECT employee_id FROM people WHERE employee_id NOT IN "
                                       "(SELECT employee_id FROM users) ORDER BY 1"),
                       [&](const Statement& row) { ids.push_back(row.Text(0)); }));
        for (const std::string& id : ids) {
          POSTER_ASSIGN_OR_RETURN(std::string token, CreateInvitation(self, id, actor));
          links.emplace_back(id, token);
        }
        return Status::Ok();
      }));
  return links;
}

Result<InvitationView> Catalogue::Invitation(std::string_view token) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_ASSIGN_OR_RETURN(
      Statement found,
      Query(self.db,
            "SELECT i.employee_id, p.name, p.department, i.expires_at, i.purpose FROM "
            "invitations i JOIN "
            "people p ON p.employee_id = i.employee_id WHERE i.token_sha256 = ? AND "
            "i.used_at IS NULL AND i.expires_at > ?",
            Sha256Hex(token), self.NowText()));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  if (!row) return ClosedInvitation(self.db, Sha256Hex(token));
  return InvitationView{found.Text(0), found.Text(1), found.Text(2), found.Text(3), found.Text(4)};
}

Status Catalogue::RequestPasswordReset(std::string_view employee_id) {
  CatalogueState& self = *impl_;
  return Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(self.db, employee_id));
    if (!person) return Status::Ok();  // the same answer as for anyone else
    POSTER_ASSIGN_OR_RETURN(
        Statement found,
        Query(self.db, "SELECT email FROM people WHERE employee_id = ?", person->id));
    POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
    if (!row || !ValidMailAddress(found.Text(0)) || !self.config.mail.enabled) {
      return Status::Ok();  // nowhere to send a link: nothing to make
    }
    return CreateLink(self, person->id, person->id, kPasswordReset).status();
  });
}

Result<Session> Catalogue::AcceptInvitation(std::string_view token, std::string_view password) {
  std::string employee_id;
  {
    std::lock_guard lock(impl_->mutex);
    CatalogueState& self = *impl_;
    POSTER_ASSIGN_OR_RETURN(Statement found,
                            Query(self.db,
                                  "SELECT employee_id FROM invitations WHERE token_sha256 = ? AND "
                                  "used_at IS NULL AND expires_at > ?",
                                  Sha256Hex(token), self.NowText()));
    POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
    if (!row) return ClosedInvitation(self.db, Sha256Hex(token));
    employee_id = found.Text(0);
  }
  POSTER_RETURN_IF_ERROR(CheckPassword(employee_id, password));
  Result<std::string> hash = HashPassword(password);  // slow on purpose: outside the lock
  if (!hash.ok()) return hash.status();
  CatalogueState& self = *impl_;
  Result<Session> session = Status(std::string(kStoreFailed), "no session");
  POSTER_RETURN_IF_ERROR(Write(self, [&]() -> Status {
    // The link may have been used or replaced while the password was hashed.
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "UPDATE invitations SET used_at = ? WHERE token_sha256 = ? AND "
                                   "used_at IS NULL AND expires_at > ?",
                                   self.NowText(), Sha256Hex(token), self.NowText()));
    if (self.db.Changes() == 0) return ClosedInvitation(self.db, Sha256Hex(token));
    POSTER_RETURN_IF_ERROR(Execute(
        self.db, "DELETE FROM invitations WHERE employee_id = ? AND used_at IS NULL", employee_id));
    POSTER_RETURN_IF_ERROR(
        Execute(self.db,
                "INSERT INTO users (employee_id, password_hash, set_at) VALUES (?, ?, ?) "
                "ON CONFLICT (employee_id) DO UPDATE SET password_hash = "
                "excluded.password_hash, set_at = excluded.set_at",
                employee_id, *hash, self.NowText()));
    // A new password (a reset among them) signs the person out everywhere else.
    POSTER_RETURN_IF_ERROR(
        Execute(self.db, "DELETE FROM sessions WHERE employee_id = ?", employee_id));
    // The log holds a digest of the stored hash (not the hash: its salt stays
    // private), so that verify sees a password set behind poster's back.
    nlohmann::json detail = {{"hash_sha256", Sha256Hex(*hash)}};
    POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, employee_id, "account.password",
                                       "person:" + employee_id, detail.dump()));
    session = NewSession(self, employee_id);
    return session.status();
  }));
  return session;
}

Result<Session> Catalogue::SignIn(std::string_view typed_id, std::string_view password) {
  POSTER_RETURN_IF_ERROR(SodiumReady());  // before the stand-in hash is made
  std::string hash, employee_id;
  {
    std::lock_guard lock(impl_->mutex);
    POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed, ListedId(impl_->db, typed_id));
    employee_id = listed.value_or(std::string(typed_id));
    POSTER_ASSIGN_OR_RETURN(
        Statement found,
        Query(impl_->db, "SELECT password_hash FROM users WHERE employee_id = ?", employee_id));
    POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
    if (row) hash = found.Text(0);
  }
  if (!PasswordMatches(hash, password)) return BadCredentials();
  std::lock_guard lock(impl_->mutex);
  return NewSession(*impl_, employee_id);
}

Status Catalogue::SignOut(std::string_view token) {
  std::lock_guard lock(impl_->mutex);
  return Execute(impl_->db, "DELETE FROM sessions WHERE token_sha256 = ?", Sha256Hex(token));
}

Result<Viewer> Catalogue::ViewerOf(std::string_view token) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  Status signed_out(std::string(kNotSignedIn), "Sign in first.");
  if (token.empty()) return signed_out;
  POSTER_ASSIGN_OR_RETURN(
      Statement found,
      Query(self.db,
            "SELECT s.employee_id, s.csrf, p.name, p.department FROM sessions s JOIN people p ON "
            "p.employee_id = s.employee_id WHERE s.token_sha256 = ? AND s.expires_at > ?",
            Sha256Hex(token), self.NowText()));
  POSTER_ASSIGN_OR_RETURN(bool row, found.Step());
  if (!row) return signed_out;
  Viewer viewer{found.Text(0), found.Text(2), found.Text(3), {}, found.Text(1)};
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person,
                          FindPerson(self.db, viewer.employee_id));
  if (person) viewer.roles = person->roles;
  return viewer;
}

Result<Session> Catalogue::SessionFor(std::string_view employee_id) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(RequirePerson(self.db, employee_id).status());
  return NewSession(self, employee_id);
}

}  // namespace poster::gallery
