// The benchmark corpus, shared by make_corpus and ingest_bench.
#pragma once

#include <filesystem>

namespace poster::bench {

// Writes `count` posters to `dir` (poster-001.png, poster-002.jpg, ...): PNG,
// JPEG and WebP in turn, 1024x1536 to 2480x3508, rich in detail as generated
// illustrations are; every third with a QR code, every fourth with AI metadata.
// The same count always gives the same bytes.
void WriteCorpus(const std::filesystem::path& dir, int count);

}  // namespace poster::bench
