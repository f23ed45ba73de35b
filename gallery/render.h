// gallery: what people read: messages in Korean and English, and the JSON and
// tables the CLI and the API print.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gallery/catalogue.h"
#include "gallery/intake.h"

namespace poster::gallery {

enum class Language { kKorean, kEnglish };

// The message of `status` in `language`: Korean from assets/i18n/ko.json, filled
// with the status's details; English is the status's own message.
std::string Localize(const Status& status, Language language);

// True when ko.json has a message for `code` (the test that keeps translations
// complete asks this of every code).
bool HasTranslation(std::string_view code);

// One JSON object (one line) for an intake result or an entry, as
// `poster ingest --json` and `poster show --json` print them.
std::string IntakeResultJson(const IntakeResult& result, Language language);
std::string EntryJson(const Entry& entry);

// JSON for the other things the CLI and the API show (docs/cli.md).
std::string PhasesJson(const std::vector<PhaseState>& phases, const std::string& time_zone);
std::string PersonJson(const PersonRecord& person);
std::string BallotJson(const Ballot& ballot);
std::string JudgeTasksJson(const std::vector<JudgeTask>& tasks);
std::string AuditReportJson(const AuditReport& report);

// "2026-11-13 23:59:59 (UTC+09:00)" in the contest's time zone, or the UTC
// text when the zone cannot be read.
std::string LocalTime(voting::Instant moment, const std::string& time_zone);

enum class ResultsFormat { kTable, kCsv, kJson };
// The result table as text: an aligned table for terminals, CSV (UTF-8 with a
// BOM, so that Excel shows Korean), or JSON. docs/cli.md shows each.
std::string FormatResults(const Results& results, ResultsFormat format, Language language);

}  // namespace poster::gallery
