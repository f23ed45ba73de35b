// issue 11: the vote integrity report and the receipts, as JSON and in words.
#include "base/clock.h"
#include "gallery/web/web.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

std::string Utc(voting::Instant moment) { return FormatUtc(TimePoint(moment)); }

json EntryRow(const voting::EntryIntegrity& row) {
  return {{"entry", row.entry},
          {"department", row.department},
          {"votes", row.votes},
          {"voided", row.voided},
          {"top_department", row.top_department},
          {"top_department_votes", row.top_department_votes},
          {"own_department_votes", row.own_department_votes},
          {"window_votes", row.window_votes},
          {"window_start", row.votes ? Utc(row.window_start) : ""},
          {"flags", row.flags}};
}

json Thresholds(const voting::IntegrityThresholds& limits) {
  return {{"min_votes", limits.min_votes},           {"department_share", limits.department_share},
          {"window_minutes", limits.window_minutes}, {"window_share", limits.window_share},
          {"address_voters", limits.address_voters}, {"insider_votes", limits.insider_votes},
          {"ring_ratio", limits.ring_ratio},         {"ring_votes", limits.ring_votes}};
}

json Proof(const std::vector<voting::ProofStep>& proof) {
  json steps = json::array();
  for (const voting::ProofStep& step : proof)
    steps.push_back({{"side", step.left ? "left" : "right"}, {"hash", step.hash}});
  return steps;
}

std::string Percent(int part, int whole) {
  return whole ? std::to_string(100 * part / whole) + "%" : "0%";
}

}  // namespace

json IntegrityReportJson(const voting::IntegrityReport& report) {
  json entries = json::array(), insiders = json::array(), bursts = json::array(),
       rings = json::array();
  for (const auto& row : report.entries) entries.push_back(EntryRow(row));
  for (const auto& v : report.insiders)
    insiders.push_back({{"voter", v.voter}, {"department", v.department}, {"votes", v.votes}});
  for (const auto& b : report.bursts)
    bursts.push_back({{"address", b.address},
                      {"voters", b.voters},
                      {"votes", b.votes},
                      {"from", Utc(b.from)},
                      {"to", Utc(b.to)}});
  for (const auto& r : report.rings)
    rings.push_back({{"a", r.a},
                     {"b", r.b},
                     {"a_to_b", r.a_to_b},
                     {"b_to_a", r.b_to_a},
                     {"expected_a_to_b", r.expected_a_to_b},
                     {"expected_b_to_a", r.expected_b_to_a}});
  return {{"thresholds", Thresholds(report.thresholds)},
          {"votes", report.votes},
          {"voided", report.voided},
          {"entries", entries},
          {"insiders", insiders},
          {"bursts", bursts},
          {"rings", rings}};
}

json VoteReceiptJson(const VoteReceipt& receipt) {
  json out = {{"receipt", receipt.receipt}};
  if (!receipt.secret.empty()) out["secret"] = receipt.secret;
  return out;
}

json PublishedReceiptsJson(const PublishedReceipts& published) {
  return {{"published", published.published},
          {"root", published.root},
          {"receipts", published.receipts},
          {"results_sha256", published.results_sha256},
          {"log_head", {{"seq", published.log_head.seq}, {"hash", published.log_head.hash}}}};
}

json ReceiptCheckJson(const ReceiptCheck& check) {
  json out = {{"published", check.published}, {"counted", check.counted}, {"root", check.root}};
  if (check.counted) {
    out["index"] = check.index;
    out["proof"] = Proof(check.proof);
  }
  return out;
}

std::string IntegrityReportText(const voting::IntegrityReport& report, Language language) {
  bool ko = language == Language::kKorean;
  std::string out = (ko ? "투표 " : "votes ") + std::to_string(report.votes) +
                    (ko ? ", 무효 " : ", voided ") + std::to_string(report.voided) + "\n";
  for (const auto& row : report.entries) {
    if (row.flags.empty()) continue;
    out += "#" + std::to_string(row.entry) + (ko ? " 표 " : " votes ") + std::to_string(row.votes) +
           (ko ? ", 최다 부서 " : ", top department ") + row.top_department + " " +
           Percent(row.top_department_votes, row.votes) + (ko ? ", 한 구간 " : ", one window ") +
           Percent(row.window_votes, row.votes) + " [";
    for (size_t i = 0; i < row.flags.size(); ++i) out += (i ? "," : "") + row.flags[i];
    out += "]\n";
  }
  for (const auto& v : report.insiders)
    out += (ko ? "자기 부서에만 투표: " : "votes only inside own department: ") + v.voter + " (" +
           v.department + ", " + std::to_string(v.votes) + ")\n";
  for (const auto& b : report.bursts)
    out += (ko ? "한 주소에서 몰린 투표: " : "burst from one address: ") + b.address + " " +
           std::to_string(b.voters) + (ko ? "명 " : " voters ") + Utc(b.from) + " – " + Utc(b.to) +
           "\n";
  for (const auto& r : report.rings)
    out += (ko ? "상호 투표: " : "reciprocal votes: ") + r.a + " ↔ " + r.b + " (" +
           std::to_string(r.a_to_b) + "/" + std::to_string(r.b_to_a) + ")\n";
  return out;
}

}  // namespace poster::gallery
