// Citizens' choice (issue 12): devices' tokens, one like per device and entry
// within the limits, every refusal counted, every like audited.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/citizen_limiter.h"

namespace poster::gallery {

std::string_view LikeDropName(LikeDrop drop) {
  switch (drop) {
    case LikeDrop::kDuplicate:
      return "duplicate";
    case LikeDrop::kDeviceRate:
      return "device_rate";
    case LikeDrop::kAddressRate:
      return "address_rate";
    case LikeDrop::kClosed:
      return "closed";
    case LikeDrop::kUnknownEntry:
      return "unknown_entry";
    case LikeDrop::kNoDevice:
      return "no_device";
  }
  return "unknown_entry";
}

namespace {

constexpr size_t kDeviceIdBytes = 16;

std::string DeviceHex(const unsigned char* bytes, size_t size) {
  std::string hex(2 * size + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// The key that signs devices' tokens, read once from server_keys; the
// address key is drawn for this process and never leaves it.
Result<CitizenState*> CitizensOf(CatalogueState& self) {
  if (!self.citizens) self.citizens = std::make_shared<CitizenState>();
  CitizenState& state = *self.citizens;
  if (state.loaded) return &state;
  std::string hex;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(self.db.Prepare("SELECT hex(key) FROM server_keys WHERE name = 'citizen_device'"),
                 [&](const Statement& row) { hex = row.Text(0); }));
  size_t length = 0;
  if (sodium_hex2bin(state.device_key.data(), state.device_key.size(), hex.data(), hex.size(),
                     nullptr, &length, nullptr) != 0 ||
      length != state.device_key.size()) {
    return Status(std::string(kStoreFailed), "The devices' key is missing from server_keys.",
                  {{"table", "server_keys"}});
  }
  randombytes_buf(state.address_key.data(), state.address_key.size());
  state.loaded = true;
  return &state;
}

// The device id inside a token whose MAC holds; nothing otherwise.
std::optional<std::string> DeviceIdOf(const CitizenState& state, std::string_view token) {
  size_t dot = token.find('.');
  if (dot != 2 * kDeviceIdBytes || token.size() != dot + 1 + 2 * crypto_auth_BYTES)
    return std::nullopt;
  unsigned char id[kDeviceIdBytes], mac[crypto_auth_BYTES];
  size_t id_length = 0, mac_length = 0;
  if (sodium_hex2bin(id, sizeof id, token.data(), dot, nullptr, &id_length, nullptr) != 0 ||
      sodium_hex2bin(mac, sizeof mac, token.data() + dot + 1, token.size() - dot - 1, nullptr,
                     &mac_length, nullptr) != 0 ||
      id_length != sizeof id || mac_length != sizeof mac)
    return std::nullopt;
  if (crypto_auth_verify(mac, id, sizeof id, state.device_key.data()) != 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(id), sizeof id);
}

// What is stored and logged for a device: a keyed hash of its id, not the id.
std::string StoredDeviceOf(const CitizenState& state, const std::string& id) {
  unsigned char hash[16];
  std::string input = "poster citizen device " + id;
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), state.device_key.data(), state.device_key.size());
  return DeviceHex(hash, sizeof hash);
}

Status CountLikeDrop(Database& db, LikeDrop drop) {
  return Execute(db,
                 "INSERT INTO citizen_like_drops (reason, count) VALUES (?, 1) "
                 "ON CONFLICT (reason) DO UPDATE SET count = citizen_like_drops.count + 1",
                 LikeDropName(drop));
}

struct LikeRefusal {
  LikeDrop drop;
  Status status;
};

LikeRefusal LikesClosed(std::string why) {
  return {LikeDrop::kClosed, Status(std::string(kLikesClosed),
                                    "Likes are not taken now: " + why + ".", {{"reason", why}})};
}

LikeRefusal RateLimitedLike(LikeDrop drop, std::string_view limit, int64_t wait_ms) {
  int64_t seconds = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  return {drop, Status(std::string(kLikeRateLimited),
                       "Too many likes from this " + std::string(limit) + "; try again in " +
                           std::to_string(seconds) + " s.",
                       {{"limit", std::string(limit)}, {"retry_after", std::to_string(seconds)}})};
}

Result<bool> DeviceLiked(Database& db, const std::string& device, int64_t entry) {
  POSTER_ASSIGN_OR_RETURN(
      Statement query,
      Query(db, "SELECT 1 FROM citizen_likes WHERE device = ? AND entry_id = ?", device, entry));
  return query.Step();
}

// Whether likes are taken now: enabled, the opening phase started, not announced.
Result<std::optional<LikeRefusal>> LikesOpen(CatalogueState& self) {
  const CitizenSettings& citizens = self.config.citizens;
  if (!citizens.enabled) return std::optional(LikesClosed("disabled"));
  POSTER_ASSIGN_OR_RETURN(voting::Window window, PhaseWindow(self, citizens.opens));
  if (!window.start || self.Now() < *window.start) return std::optional(LikesClosed("not_open"));
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
  if (announced) return std::optional(LikesClosed("announced"));
  return std::optional<LikeRefusal>();
}

// Every check in order; nothing when the like is to be counted.
Result<std::optional<LikeRefusal>> CheckLike(CatalogueState& self, CitizenState& state,
                                             int64_t entry,
                                             const std::optional<std::string>& device,
                                             const std::string& address) {
  if (!device) {
    return std::optional(LikeRefusal{
        LikeDrop::kNoDevice, Status(std::string(kDeviceRequired),
                                    "This device has no valid cookie; open the poster's page "
                                    "first, then like it.")});
  }
  Result<EntryFacts> facts = FactsOf(self.db, entry);
  if (!facts.ok() && facts.status().code() != kNotFound) return facts.status();
  if (!facts.ok() || facts->status != voting::EntryStatus::kApproved) {
    return std::optional(LikeRefusal{LikeDrop::kUnknownEntry,
                                     Status(std::string(kNotFound), "There is no such poster.",
                                            {{"entry", std::to_string(entry)}})});
  }
  POSTER_ASSIGN_OR_RETURN(std::optional<LikeRefusal> closed, LikesOpen(self));
  if (closed) return closed;
  POSTER_ASSIGN_OR_RETURN(bool liked, DeviceLiked(self.db, *device, entry));
  if (liked) {
    return std::optional(LikeRefusal{
        LikeDrop::kDuplicate, Status(std::string(kAlreadyLiked),
                                     "This device has liked this poster already (one like per "
                                     "poster and device).",
                                     {{"entry", std::to_string(entry)}})});
  }
  const CitizenSettings& limits = self.config.citizens;
  TimePoint now = self.clock->Now();
  // The device first: a script on one phone is stopped there and spends none
  // of its address's likes, which the hall's other phones share.
  if (int64_t wait = state.devices.WaitFor(*device, limits.device, now))
    return std::optional(RateLimitedLike(LikeDrop::kDeviceRate, "device", wait));
  if (int64_t wait = state.addresses.WaitFor(address, limits.address, now))
    return std::optional(RateLimitedLike(LikeDrop::kAddressRate, "address", wait));
  state.devices.Spend(*device);
  state.addresses.Spend(address);
  return std::optional<LikeRefusal>();
}

Result<int64_t> LikesOf(Database& db, int64_t entry) {
  POSTER_ASSIGN_OR_RETURN(
      Statement query, Query(db, "SELECT count(*) FROM citizen_likes WHERE entry_id = ?", entry));
  POSTER_RETURN_IF_ERROR(query.Step().status());
  return query.Int(0);
}

Result<std::map<int64_t, int64_t>> AllLikes(Database& db) {
  std::map<int64_t, int64_t> likes;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT l.entry_id, count(*) FROM citizen_likes l JOIN entries e ON e.id = "
                 "l.entry_id WHERE e.status = 'approved' GROUP BY l.entry_id"),
      [&](const Statement& row) { likes[row.Int(0)] = row.Int(1); }));
  return likes;
}

Result<bool> LikeCountsShown(CatalogueState& self) {
  if (!self.config.citizens.enabled) return false;
  if (self.config.citizens.lobby == LikesDisplay::kLive) return true;
  return Announced(self.db);
}

}  // namespace

Result<std::string> Catalogue::NewCitizenDevice() {
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(CitizenState * state, CitizensOf(*impl_));
  unsigned char id[kDeviceIdBytes], mac[crypto_auth_BYTES];
  randombytes_buf(id, sizeof id);
  crypto_auth(mac, id, sizeof id, state->device_key.data());
  return DeviceHex(id, sizeof id) + "." + DeviceHex(mac, sizeof mac);
}

bool Catalogue::ValidCitizenDevice(std::string_view token) {
  std::lock_guard lock(impl_->mutex);
  Result<CitizenState*> state = CitizensOf(*impl_);
  return state.ok() && DeviceIdOf(**state, token).has_value();
}

Result<CitizenLike> Catalogue::LikeAsCitizen(int64_t entry, std::string_view token,
                                             std::string_view address) {
  CatalogueState& self = *impl_;
  std::optional<LikeRefusal> refused;
  CitizenLike like{entry, std::nullopt};
  POSTER_RETURN_IF_ERROR(Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(CitizenState * state, CitizensOf(self));
    std::optional<std::string> id = DeviceIdOf(*state, token);
    std::optional<std::string> device;
    if (id) device = StoredDeviceOf(*state, *id);
    POSTER_ASSIGN_OR_RETURN(refused,
                            CheckLike(self, *state, entry, device, state->AddressKey(address)));
    if (refused) return CountLikeDrop(self.db, refused->drop);  // committed: the drop is counted
    std::string at = self.NowText();
    POSTER_RETURN_IF_ERROR(
        Execute(self.db, "INSERT INTO citizen_likes (device, entry_id, liked_at) VALUES (?, ?, ?)",
                *device, entry, at));
    nlohmann::json detail = {{"entry", entry}, {"device", *device}, {"at", at}};
    POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, "citizen", "citizen.like",
                                       "entry:" + std::to_string(entry), detail.dump()));
    POSTER_ASSIGN_OR_RETURN(bool shown, LikeCountsShown(self));
    if (!shown) return Status::Ok();
    POSTER_ASSIGN_OR_RETURN(like.likes, LikesOf(self.db, entry));
    return Status::Ok();
  }));
  if (refused) return refused->status;
  return like;
}

Result<CitizenLikeCounts> Catalogue::CitizenLikes() const {
  std::lock_guard lock(impl_->mutex);
  CitizenLikeCounts counts;
  counts.display = impl_->config.citizens.lobby;
  POSTER_ASSIGN_OR_RETURN(counts.shown, LikeCountsShown(*impl_));
  if (!counts.shown) return counts;
  POSTER_ASSIGN_OR_RETURN(counts.likes, AllLikes(impl_->db));
  return counts;
}

Result<CitizenLikeReport> Catalogue::CitizenLikeReportFor(std::string_view actor) const {
  std::lock_guard lock(impl_->mutex);
  POSTER_RETURN_IF_ERROR(
      RequireRole(impl_->db, actor, voting::Role::kAdmin, "see the citizens' likes"));
  CitizenLikeReport report;
  POSTER_ASSIGN_OR_RETURN(report.likes, AllLikes(impl_->db));
  POSTER_RETURN_IF_ERROR(
      ForEachRow(impl_->db.Prepare("SELECT reason, count FROM citizen_like_drops"),
                 [&](const Statement& row) { report.drops[row.Text(0)] = row.Int(1); }));
  return report;
}

}  // namespace poster::gallery
