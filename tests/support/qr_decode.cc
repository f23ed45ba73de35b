// poster_qr_decode FILE: prints each QR code's text found on the image FILE,
// one a line, as ingest finds them (OpenCV's WeChat decoder in the finder
// patterns' squares). The browser tests decode a rendered exhibition sheet
// with it. Exit status 1 when no code is found, 2 when the file is refused.
#include <iostream>

#include "ingest/ingest.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: poster_qr_decode FILE\n";
    return 2;
  }
  poster::ingest::Settings settings;
  settings.limits.min_short_side = 1;
  settings.limits.min_aspect = 0.001;
  settings.limits.max_aspect = 1000;
  auto bytes = poster::ingest::ReadFile(argv[1], settings.limits.max_bytes);
  if (!bytes.ok()) {
    std::cerr << bytes.status().message() << "\n";
    return 2;
  }
  auto poster = poster::ingest::Process(std::move(*bytes), settings);
  if (!poster.ok()) {
    std::cerr << poster.status().code() << ": " << poster.status().message() << "\n";
    return 2;
  }
  for (const std::string& payload : poster->qr_payloads) std::cout << payload << "\n";
  return poster->qr_payloads.empty() ? 1 : 0;
}
