// Receipts (issue 11): the counted votes' receipts published with the
// announcement, a voter's check, and their audit (docs/tally.md, "Receipts").
#include "gallery/store/catalogue_state.h"
#include "gallery/store/vote_integrity.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

std::vector<std::string> ReceiptList(const std::string& text) {
  json list = json::parse(text, nullptr, false);
  std::vector<std::string> receipts;
  if (!list.is_array()) return receipts;
  for (const json& item : list)
    if (item.is_string()) receipts.push_back(item.get<std::string>());
  return receipts;
}

Result<PublishedReceipts> ReadPublished(Database& db) {
  PublishedReceipts published;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT receipts_root, receipts, result_sha256, log_seq, log_hash, "
                            "coalesce((SELECT at FROM audit_log WHERE seq = log_seq), '') FROM "
                            "announcements ORDER BY id DESC LIMIT 1"),
                 [&](const Statement& row) {
                   published = {true,
                                row.Text(0),
                                ReceiptList(row.Text(1)),
                                row.Text(2),
                                {row.Int(3), row.Text(4), row.Text(5)}};
                 }));
  return published;
}

Status CheckStored(Database& db, const std::string& recomputed,
                   const std::vector<std::string>& counted, AuditReport& report) {
  return ForEachRow(
      db.Prepare("SELECT receipts_root, receipts FROM announcements ORDER BY id DESC LIMIT 1"),
      [&](const Statement& row) {
        std::vector<std::string> stored = ReceiptList(row.Text(1));
        if (voting::MerkleRoot(stored) != row.Text(0))
          report.problems.push_back("the published receipts do not match their Merkle root");
        if (row.Text(0) != recomputed)
          report.problems.push_back(
              "the published receipts' root differs from the root recomputed from the log");
        if (stored != counted)
          report.problems.push_back(
              "the published receipts differ from the counted votes' receipts in the log");
      });
}

}  // namespace

Result<std::vector<std::string>> CountedReceipts(Database& db) {
  std::vector<std::string> receipts;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT v.receipt FROM votes v JOIN entries e ON e.id = v.entry_id WHERE "
                 "e.status = 'approved' AND v.void_reason IS NULL AND v.receipt <> '' "
                 "ORDER BY v.receipt"),
      [&](const Statement& row) { receipts.push_back(row.Text(0)); }));
  return receipts;
}

std::vector<std::string> CountedReceipts(const Replay& replay) {
  std::vector<std::string> receipts;
  for (const auto& key : replay.votes) {
    auto entry = replay.entries.find(key.second);
    auto vote = replay.ballots.find(key);
    if (entry == replay.entries.end() || entry->second.status != "approved") continue;
    if (vote == replay.ballots.end() || vote->second.void_reason || vote->second.receipt.empty())
      continue;
    receipts.push_back(vote->second.receipt);
  }
  std::sort(receipts.begin(), receipts.end());
  return receipts;
}

Result<PublishedReceipts> Catalogue::Receipts() const {
  std::lock_guard lock(impl_->mutex);
  return ReadPublished(impl_->db);
}

Result<ReceiptCheck> Catalogue::CheckReceipt(std::string_view receipt) const {
  if (!voting::IsDigestHex(receipt))
    return Status("bad_request",  // web.h's kBadRequest: the request was malformed
                  "A receipt is 64 lowercase hex digits.", {{"field", "receipt"}});
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(PublishedReceipts published, ReadPublished(impl_->db));
  ReceiptCheck check;
  check.published = published.published;
  check.root = published.root;
  auto it = std::lower_bound(published.receipts.begin(), published.receipts.end(), receipt);
  if (it == published.receipts.end() || *it != receipt) return check;
  check.counted = true;
  check.index = size_t(it - published.receipts.begin());
  check.proof = voting::MerkleProof(published.receipts, check.index);
  return check;
}

Status CompareBallots(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("votes.details");
  int shown = 0;
  return ForEachRow(
      db.Prepare("SELECT voter, entry_id, receipt, address, void_reason FROM votes"),
      [&](const Statement& row) {
        auto it = replay.ballots.find({row.Text(0), row.Int(1)});
        if (it == replay.ballots.end()) return;  // CompareVotes reports the row
        const ReplayedVote& logged = it->second;
        std::optional<std::string> reason;
        if (!row.IsNull(4)) reason = row.Text(4);
        if (logged.receipt == row.Text(2) && logged.address == row.Text(3) &&
            logged.void_reason == reason)
          return;
        if (++shown <= 20)
          report.problems.push_back("votes: the vote by " + row.Text(0) + " and entry " +
                                    std::to_string(row.Int(1)) +
                                    " differs from the log (receipt, address or void)");
      });
}

Status CheckReceiptsRoot(Database& db, const Replay& replay,
                         const std::optional<Replay>& at_announcement, AuditReport& report) {
  if (replay.announcements.empty() || !at_announcement) return Status::Ok();
  report.checked.push_back("announcements.receipts");
  std::vector<std::string> counted = CountedReceipts(*at_announcement);
  std::string root = voting::MerkleRoot(counted);
  const std::optional<std::string>& logged = replay.announcements.back().receipts_root;
  if (!logged) return Status::Ok();  // announced before schema 6: no receipts
  if (*logged != root)
    report.problems.push_back(
        "the receipts' root logged with the announcement differs from the root recomputed from "
        "the log");
  return CheckStored(db, root, counted, report);
}

}  // namespace poster::gallery
