// The error codes and the flag the store adds to ingest's and config's (each
// with its Korean message in assets/i18n/ko.json). Part of store.h.
#pragma once

#include <chrono>
#include <string_view>

namespace poster::gallery {

// Codes the store adds to ingest's and config's.
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kInvalidMetadata = "invalid_metadata";
inline constexpr std::string_view kManifestInvalid = "manifest_invalid";
inline constexpr std::string_view kNotFound = "not_found";
inline constexpr std::string_view kStoreFailed = "store_failed";
inline constexpr std::string_view kDiskFull = "disk_full";
inline constexpr std::string_view kNotPermitted = "not_permitted";
inline constexpr std::string_view kNotOnRoster = "not_on_roster";
inline constexpr std::string_view kRosterInvalid = "roster_invalid";
inline constexpr std::string_view kClaimedByOther = "claimed_by_other";
inline constexpr std::string_view kResultsSealed = "results_sealed";
inline constexpr std::string_view kNotSignedIn = "not_signed_in";
inline constexpr std::string_view kBadCredentials = "bad_credentials";
inline constexpr std::string_view kInvalidToken = "invalid_token";
inline constexpr std::string_view kInvitationUsed = "invitation_used";
inline constexpr std::string_view kUndoClosed = "undo_closed";
inline constexpr std::string_view kContestExists = "contest_exists";

// How long a moderator's decision can be taken back.
inline constexpr std::chrono::minutes kUndoFor{5};
inline constexpr std::string_view kWeakPassword = "weak_password";
// The calendar: a phase's end set before its start.
inline constexpr std::string_view kInvalidSchedule = "invalid_schedule";
inline constexpr std::string_view kObjectionClosed = "objection_closed";  // awards.cc
// Notices (gallery/store/outbox.cc): an e-mail or webhook that could not be sent.
inline constexpr std::string_view kMailFailed = "mail_failed";
// Korea's rules for public contests (gallery/store/revocations.cc, catalogue.cc):
// a submission without the pledge and consent, an award that cannot be revoked.
inline constexpr std::string_view kPledgeRequired = "pledge_required";
inline constexpr std::string_view kNotRevocable = "not_revocable";

// Backups (gallery/store/backup.cc): a target folder that already holds files;
// a backup whose manifest is missing or unreadable, or a file that is missing
// or differs from what the manifest says.
inline constexpr std::string_view kTargetNotEmpty = "target_not_empty";
inline constexpr std::string_view kBackupInvalid = "backup_invalid";

// Flag added by the catalogue (ingest's kFlag* are the others).
inline constexpr std::string_view kFlagNearDuplicate = "near_duplicate";

}  // namespace poster::gallery
