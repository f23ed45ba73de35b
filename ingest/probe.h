// The pre-decode check shared by Probe() and Process() (private to ingest).
#pragma once

#include "ingest/container.h"
#include "ingest/exif.h"

namespace poster::ingest {

struct Inspection {
  Container container;
  ExifFields exif;
  ImageInfo info;
};

// Sniffs, walks the container, applies EXIF orientation to the dimensions and
// checks them against `limits`; see Probe() for the codes.
Result<Inspection> Inspect(Bytes bytes, const Limits& limits, size_t max_text);

// "0.5", "1.0", "0.75": a ratio as people write it.
std::string FormatRatio(double value);

}  // namespace poster::ingest
