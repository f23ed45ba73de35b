// gallery: the contest as it persists and is served, in three rooms, each its
// own library with one public header (docs/design.md draws them):
//   gallery/config/config.h  the contest config (TOML) and time zones; sees toml++
//   gallery/store/store.h    the catalogue: entries, people, sessions, votes,
//                            scores, results, audit, uploads, batch intake;
//                            sees SQLite
//   gallery/web/web.h        the web server, the static export, and what people
//                            and programs read (messages, JSON, result tables);
//                            sees cpp-httplib
//   gallery/mail/mail.h      notices out of the outbox: SMTP and the webhook;
//                            sees libcurl
// app/ includes this umbrella; inside gallery a room includes only the public
// headers of the rooms below it (config < store < web), and a test in
// tests/CMakeLists.txt (rooms) fails the build's tests when one reaches further.
// Every fallible call returns a Status or Result; nothing throws.
#pragma once

#include <string_view>

#include "gallery/config/config.h"
#include "gallery/mail/mail.h"
#include "gallery/store/store.h"
#include "gallery/web/web.h"

namespace poster::gallery {

// Every code the four rooms add to ingest's (each has its Korean and English
// message; a test holds them to that).
inline constexpr std::string_view kAllCodes[] = {
    kConfigInvalid, kDuplicate, kInvalidMetadata, kManifestInvalid, kNotFound, kStoreFailed,
    kNotPermitted, kNotOnRoster, kRosterInvalid, kClaimedByOther, kResultsSealed, kNotSignedIn,
    kBadCredentials, kInvalidToken, kWeakPassword, kTooManyAttempts, kCsrfFailed, kBadRequest,
    kTargetNotEmpty, kDiskFull, kRequestTooLarge, kInvitationUsed, kUndoClosed, kInvalidSchedule,
    kObjectionClosed, kMailFailed, kPledgeRequired, kNotRevocable,
    // issue 12: citizens' likes
    kAlreadyLiked, kLikesClosed, kLikeRateLimited, kDeviceRequired,
    // issue 13: backups
    kBackupInvalid};

}  // namespace poster::gallery
