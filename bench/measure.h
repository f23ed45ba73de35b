// Running peers as child processes, pinned to cores, with wall time and peak memory.
#pragma once

#include <string>
#include <vector>

namespace poster::bench {

struct Measured {
  double seconds = 0;
  long peak_rss_kb = 0;  // the largest of the commands run (through GNU time)
  bool ok = true;
};

// Runs each command line in turn (when `parallel` is false) or all at once,
// each pinned with taskset to `cores` (e.g. "0" or "0,1"), with `env` added.
// With `peak_memory`, each runs under GNU time, which costs a fork and an exec
// more: start-up timings turn it off.
Measured RunPinned(const std::vector<std::vector<std::string>>& commands, const std::string& cores,
                   const std::vector<std::string>& env, bool parallel, bool peak_memory = true);

// True when `program` is found on PATH.
bool Installed(const std::string& program);

double Median(std::vector<double> values);

}  // namespace poster::bench
