// The contest's own sections of the config (private to gallery/config; config.cc reads
// [ingest]). Each fills `config` and reports problems to the reader.
#pragma once

#include "gallery/config/config.h"
#include "gallery/config/config_reader.h"

namespace poster::gallery {

// [contest], [[themes]] and [phases.*] (times read in contest.time_zone).
void ReadContest(ConfigReader& in, ContestConfig& config);

// [submission], [voting], [judging], [combine], [[tiers]], [tie_break], [results].
void ReadRules(ConfigReader& in, ContestConfig& config);

// [citizens] (config_citizens.cc; issue 12): the citizens' likes, their limits and award.
void ReadCitizens(ConfigReader& in, ContestConfig& config);

// [mail] and [mail.webhook] (config_mail.cc).
void ReadMail(ConfigReader& in, ContestConfig& config);

}  // namespace poster::gallery
