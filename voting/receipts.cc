// Receipts and the Merkle tree over the counted ones (docs/tally.md, "Receipts").
#include "base/sha256.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void AppendBytes(std::vector<uint8_t>& out, std::string_view hex) {
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(uint8_t(HexDigit(hex[i]) * 16 + HexDigit(hex[i + 1])));
}

// H(prefix ‖ bytes of each hex digest).
std::string Hash(uint8_t prefix, std::string_view first, std::string_view second = {}) {
  std::vector<uint8_t> bytes{prefix};
  AppendBytes(bytes, first);
  AppendBytes(bytes, second);
  return Sha256Hex(bytes);
}

std::string Leaf(std::string_view receipt) { return Hash(0x00, receipt); }
std::string Node(std::string_view left, std::string_view right) { return Hash(0x01, left, right); }

// One level up: pairs hashed, a last odd node promoted unchanged.
std::vector<std::string> Parents(const std::vector<std::string>& level) {
  std::vector<std::string> up;
  for (size_t i = 0; i < level.size(); i += 2)
    up.push_back(i + 1 < level.size() ? Node(level[i], level[i + 1]) : level[i]);
  return up;
}

std::vector<std::string> Leaves(const std::vector<std::string>& receipts) {
  std::vector<std::string> leaves;
  leaves.reserve(receipts.size());
  for (const std::string& receipt : receipts) leaves.push_back(Leaf(receipt));
  return leaves;
}

}  // namespace

std::string ReceiptOf(std::string_view contest, int64_t entry, std::string_view voter,
                      std::string_view secret_hex) {
  std::string text = "poster-receipt-v1\n" + std::string(contest) + "\n" + std::to_string(entry) +
                     "\n" + std::string(voter) + "\n" + std::string(secret_hex);
  return Sha256Hex(text);
}

bool IsDigestHex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (HexDigit(c) < 0) return false;
  return true;
}

std::string MerkleRoot(const std::vector<std::string>& receipts) {
  if (receipts.empty()) return Sha256Hex(std::string_view());
  std::vector<std::string> level = Leaves(receipts);
  while (level.size() > 1) level = Parents(level);
  return level.front();
}

std::vector<ProofStep> MerkleProof(const std::vector<std::string>& receipts, size_t index) {
  std::vector<ProofStep> proof;
  std::vector<std::string> level = Leaves(receipts);
  while (level.size() > 1) {
    size_t sibling = index ^ 1;
    if (sibling < level.size()) proof.push_back({sibling < index, level[sibling]});
    level = Parents(level);
    index /= 2;
  }
  return proof;
}

bool VerifyMerkleProof(std::string_view receipt, const std::vector<ProofStep>& proof,
                       std::string_view root) {
  if (!IsDigestHex(receipt)) return false;
  std::string node = Leaf(receipt);
  for (const ProofStep& step : proof) {
    if (!IsDigestHex(step.hash)) return false;
    node = step.left ? Node(step.hash, node) : Node(node, step.hash);
  }
  return node == root;
}

}  // namespace poster::voting
