// Issue 14's goal 3, for ingest_bench: peak memory of one ingest worker against
// the decoded poster it works on, beside vipsthumbnail on the same file.
#pragma once

#include <filesystem>

namespace poster::bench {

// Writes its posters to `scratch` (once) and prints the table; `repeat` runs each.
void PrintMemoryTable(const std::filesystem::path& scratch, int repeat);

}  // namespace poster::bench
