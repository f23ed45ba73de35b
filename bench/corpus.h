// The benchmark corpus, shared by make_corpus and ingest_bench.
#pragma once

#include <filesystem>
#include <string>

namespace poster::bench {

// Writes `count` posters to `dir` (poster-001.png, poster-002.jpg, ...): PNG,
// JPEG and WebP in turn, 1024x1536 to 2480x3508, rich in detail as generated
// illustrations are; every third with a QR code, every fourth with AI metadata.
// The same count always gives the same bytes.
void WriteCorpus(const std::filesystem::path& dir, int count);

// One poster of that size in `dir` (WIDTHxHEIGHT.EXT, or -plain), rich in
// detail as the corpus is unless not `rich`, written the first time it is
// asked for; returns its path.
std::filesystem::path WritePoster(const std::filesystem::path& dir, int width, int height,
                                  const std::string& ext, bool rich = true);

}  // namespace poster::bench
