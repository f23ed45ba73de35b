// Receipts and the Merkle tree of the counted ones: the root and the inclusion
// proofs anyone can recompute from the published list.
#include <set>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "tests/voting/fixtures.h"

using namespace poster;

namespace {

std::vector<std::string> Receipts(size_t count) {
  std::vector<std::string> receipts;
  for (size_t i = 0; i < count; ++i)
    receipts.push_back(voting::ReceiptOf("contest", int64_t(i + 1), "E" + std::to_string(i),
                                         std::string(64, 'a')));
  return receipts;
}

std::vector<uint8_t> Bytes(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < hex.size(); i += 2)
    out.push_back(uint8_t(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// The tree written out by hand, independently of receipts.cc.
std::string H(uint8_t prefix, const std::string& a, const std::string& b = "") {
  std::vector<uint8_t> bytes{prefix};
  for (const std::string& part : {a, b})
    for (uint8_t byte : Bytes(part)) bytes.push_back(byte);
  return Sha256Hex(bytes);
}

void CheckEveryProof(const std::vector<std::string>& receipts) {
  std::string root = voting::MerkleRoot(receipts);
  for (size_t i = 0; i < receipts.size(); ++i)
    REQUIRE(voting::VerifyMerkleProof(receipts[i], voting::MerkleProof(receipts, i), root));
}

}  // namespace

TEST_CASE("a receipt is the SHA-256 of the tagged contest, entry, voter and secret",
          "[voting][receipts]") {
  std::string secret(64, '0');
  CHECK(voting::ReceiptOf("c", 7, "E1001", secret) ==
        Sha256Hex("poster-receipt-v1\nc\n7\nE1001\n" + secret));
  CHECK(voting::ReceiptOf("c", 7, "E1001", secret) != voting::ReceiptOf("c", 8, "E1001", secret));
  CHECK(voting::IsDigestHex(voting::ReceiptOf("c", 7, "E1001", secret)));
  CHECK_FALSE(voting::IsDigestHex(std::string(64, 'A')));
  CHECK_FALSE(voting::IsDigestHex(std::string(63, 'a')));
}

TEST_CASE("the root of no receipts is the SHA-256 of nothing", "[voting][receipts]") {
  CHECK(voting::MerkleRoot({}) == Sha256Hex(std::string_view()));
}

TEST_CASE("the root of one receipt is its leaf and its proof is empty", "[voting][receipts]") {
  auto receipts = Receipts(1);
  CHECK(voting::MerkleRoot(receipts) == H(0x00, receipts[0]));
  CHECK(voting::MerkleProof(receipts, 0).empty());
  CheckEveryProof(receipts);
}

TEST_CASE("two, three, four and five receipts make the tree docs/tally.md draws",
          "[voting][receipts]") {
  auto r = Receipts(5);
  std::vector<std::string> l;
  for (const std::string& receipt : r) l.push_back(H(0x00, receipt));
  CHECK(voting::MerkleRoot({r[0], r[1]}) == H(0x01, l[0], l[1]));
  CHECK(voting::MerkleRoot({r[0], r[1], r[2]}) == H(0x01, H(0x01, l[0], l[1]), l[2]));
  std::string four = H(0x01, H(0x01, l[0], l[1]), H(0x01, l[2], l[3]));
  CHECK(voting::MerkleRoot({r[0], r[1], r[2], r[3]}) == four);
  CHECK(voting::MerkleRoot(r) == H(0x01, four, l[4]));
  // The fifth leaf is promoted twice: its proof has the one sibling, on the left.
  CHECK(voting::MerkleProof(r, 4) == std::vector<voting::ProofStep>{{true, four}});
  for (size_t n = 2; n <= 5; ++n) CheckEveryProof(Receipts(n));
}

TEST_CASE("receipts among 1000 have proofs of ten steps at most that lead to the root",
          "[voting][receipts]") {
  // Each proof rebuilds the tree (2,000 hashes), so a spread of places is held,
  // both ends and both sides of every power of two included; smaller trees
  // above have every proof checked.
  auto receipts = Receipts(1000);
  std::string root = voting::MerkleRoot(receipts);
  std::set<size_t> places = {0, 1, 998, 999};
  for (size_t power = 2; power < 1000; power *= 2) places.insert({power - 1, power});
  for (size_t i = 0; i < 1000; i += 97) places.insert(i);
  for (size_t i : places) {
    INFO(i);
    auto proof = voting::MerkleProof(receipts, i);
    CHECK(proof.size() <= 10);
    CHECK(voting::VerifyMerkleProof(receipts[i], proof, root));
  }
}

TEST_CASE("a tampered receipt, proof or root does not verify", "[voting][receipts]") {
  auto receipts = Receipts(5);
  std::string root = voting::MerkleRoot(receipts);
  auto proof = voting::MerkleProof(receipts, 2);
  std::string tampered = receipts[2];
  tampered[10] = tampered[10] == '0' ? '1' : '0';
  CHECK_FALSE(voting::VerifyMerkleProof(tampered, proof, root));
  CHECK_FALSE(voting::VerifyMerkleProof(receipts[3], proof, root));
  auto flipped = proof;
  flipped[0].left = !flipped[0].left;
  CHECK_FALSE(voting::VerifyMerkleProof(receipts[2], flipped, root));
  CHECK_FALSE(voting::VerifyMerkleProof(receipts[2], proof, voting::MerkleRoot(Receipts(4))));
  CHECK_FALSE(voting::VerifyMerkleProof("not hex", proof, root));
}
