// Rejections that more than one stage of ingest gives (private to ingest).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/ingest.h"

namespace poster::ingest {

Status EmptyFile();

// `bytes` is the size when known, or -1 when reading stopped at the cap.
Status FileTooLarge(int64_t bytes, int64_t max_bytes);

// A damaged file: `reason` is a stable word (truncated, bad_checksum,
// bad_signature, bad_header, no_image_data, bad_structure, decode_failed), `what`
// says the same as a clause for people.
Status Corrupt(Format format, std::string_view reason, std::string what);

// A stage that threw or produced nothing: `stage` is its name, `reason` a stable
// word (opencv, out_of_memory, exception, encode_failed), `what` for the log.
Status ProcessingFailed(std::string_view stage, std::string_view reason, std::string_view what);

}  // namespace poster::ingest
