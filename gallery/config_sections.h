// The contest's own sections of the config (private to gallery; config.cc reads
// [ingest]). Each fills `config` and reports problems to the reader.
#pragma once

#include "gallery/config_reader.h"
#include "gallery/gallery.h"

namespace poster::gallery {

// [contest], [[themes]] and [phases.*] (times read in contest.time_zone).
void ReadContest(ConfigReader& in, ContestConfig& config);

// [submission], [voting], [judging], [combine], [[tiers]], [tie_break], [results].
void ReadRules(ConfigReader& in, ContestConfig& config);

}  // namespace poster::gallery
