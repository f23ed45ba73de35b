// gallery: the contest as it persists and is served.
//
// The module's contract (CONVENTIONS.md: one public header per module) is this
// header; it holds the codes the module adds and brings in one header per idea:
//   gallery/config.h     the contest config (TOML)
//   gallery/catalogue.h  the catalogue: entries, people, sessions, votes,
//                        scores, results, audit, uploads (SQLite + blobs)
//   gallery/web.h        the web server and the static export
//   gallery/intake.h     batch intake on many threads, in input order
//   gallery/render.h     messages (Korean, English), JSON and result tables
// Other modules include this one. Every fallible call returns a Status or
// Result; nothing throws.
#pragma once

#include <string_view>

#include "gallery/catalogue.h"
#include "gallery/config.h"
#include "gallery/intake.h"
#include "gallery/render.h"
#include "gallery/web.h"

namespace poster::gallery {

// Codes this module adds to ingest's.
inline constexpr std::string_view kConfigInvalid = "config_invalid";
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
inline constexpr std::string_view kWeakPassword = "weak_password";
inline constexpr std::string_view kTooManyAttempts = "too_many_attempts";
inline constexpr std::string_view kCsrfFailed = "csrf_failed";
inline constexpr std::string_view kBadRequest = "bad_request";
inline constexpr std::string_view kTargetNotEmpty = "target_not_empty";
inline constexpr std::string_view kRequestTooLarge = "request_too_large";

inline constexpr std::string_view kAllCodes[] = {
    kConfigInvalid,   kDuplicate,    kInvalidMetadata, kManifestInvalid, kNotFound,
    kStoreFailed,     kNotPermitted, kNotOnRoster,     kRosterInvalid,   kClaimedByOther,
    kResultsSealed,   kNotSignedIn,  kBadCredentials,  kInvalidToken,    kWeakPassword,
    kTooManyAttempts, kCsrfFailed,   kBadRequest,      kTargetNotEmpty,  kDiskFull,
    kRequestTooLarge};

// Flag added by the catalogue (ingest's kFlag* are the others).
inline constexpr std::string_view kFlagNearDuplicate = "near_duplicate";

}  // namespace poster::gallery
