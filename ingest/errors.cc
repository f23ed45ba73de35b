#include "ingest/errors.h"

#include <cstdio>

namespace poster::ingest {
namespace {

std::string Megabytes(int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", double(bytes) / (1 << 20));
  return text;
}

}  // namespace

Status EmptyFile() {
  return Status(std::string(kEmpty), "The file is empty (0 bytes). Choose the poster file again.");
}

Status FileTooLarge(int64_t bytes, int64_t max_bytes) {
  std::string size = bytes < 0
                         ? "larger than the limit of " + Megabytes(max_bytes) + " MB"
                         : Megabytes(bytes) + " MB; the limit is " + Megabytes(max_bytes) + " MB";
  std::vector<Detail> details = {{"max_bytes", std::to_string(max_bytes)},
                                 {"max_megabytes", Megabytes(max_bytes)}};
  if (bytes >= 0) details.push_back({"megabytes", Megabytes(bytes)});
  return Status(std::string(kFileTooLarge), "The file is " + size + ". Export it smaller.",
                std::move(details));
}

Status Corrupt(Format format, std::string_view reason, std::string what) {
  std::string name = format == Format::kPng ? "PNG" : format == Format::kJpeg ? "JPEG" : "WebP";
  return Status(
      std::string(kCorrupt),
      "The " + name + " file is damaged: " + what + ". Export it again from the original.",
      {{"format", name}, {"reason", std::string(reason)}});
}

Status ProcessingFailed(std::string_view stage, std::string_view reason, std::string_view what) {
  return Status(std::string(kProcessingFailed),
                "poster could not process this image (" + std::string(stage) + ": " +
                    std::string(what) +
                    "). Save it again as PNG, JPEG or WebP and upload it again; if it keeps "
                    "happening, tell the contest's administrator.",
                {{"stage", std::string(stage)}, {"reason", std::string(reason)}});
}

}  // namespace poster::ingest
