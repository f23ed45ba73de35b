#include "app/output.h"

#include <unistd.h>

#include <iostream>
#include <sstream>

namespace poster::app {
namespace {

bool Korean(const Common& common) { return common.language() == gallery::Language::kKorean; }

std::string FlagList(const gallery::Entry& entry) {
  std::string out;
  for (const gallery::EntryFlag& flag : entry.flags) {
    out += out.empty() ? "" : ", ";
    out += flag.name;
    if (flag.related) out += "(#" + std::to_string(*flag.related) + ")";
  }
  return out;
}

std::string Size(const gallery::Entry& entry) {
  return std::string(ingest::FormatName(entry.format)) + " " + std::to_string(entry.width) + "x" +
         std::to_string(entry.height);
}

}  // namespace

IntakeReport::IntakeReport(const Common& common, size_t total)
    : common_(common), total_(total), progress_(::isatty(STDERR_FILENO) == 1) {
  DrawProgress();
}

std::string IntakeReport::Line(const gallery::IntakeResult& result) const {
  bool ko = Korean(common_);
  if (!result.entry) {
    return std::string(ko ? "거부  " : "rejected  ") + result.input + "\n      " +
           result.status.code() + ": " + gallery::Localize(result.status, common_.language());
  }
  const gallery::Entry& entry = *result.entry;
  std::string line = std::string(ko ? "접수  #" : "accepted  #") + std::to_string(entry.id) + "  " +
                     result.input + "  " + Size(entry);
  std::string flags = FlagList(entry);
  if (!flags.empty()) line += "  [" + flags + "]";
  return line;
}

void IntakeReport::Add(const gallery::IntakeResult& result) {
  ++done_;
  if (result.entry) {
    ++accepted_;
    flagged_ += result.entry->flags.empty() ? 0 : 1;
  } else {
    ++rejected_;
    ++by_code_[result.status.code()];
  }
  ClearProgress();
  if (common_.json) {
    std::cout << gallery::JsonText(gallery::IntakeResultJson(result, common_.language()))
              << std::endl;
  } else {
    std::cout << Line(result) << std::endl;
  }
  DrawProgress();
}

void IntakeReport::DrawProgress() const {
  if (!progress_ || done_ >= total_) return;
  constexpr int kWidth = 30;
  int filled = total_ == 0 ? 0 : int(kWidth * done_ / total_);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
            << done_ << "/" << total_ << std::flush;
}

void IntakeReport::ClearProgress() const {
  if (progress_) std::cerr << "\r\033[K" << std::flush;
}

void IntakeReport::Finish() {
  ClearProgress();
  std::ostringstream summary;
  bool ko = Korean(common_);
  summary << (ko ? "접수 " : "accepted ") << accepted_ << (ko ? "건 (플래그 " : " (") << flagged_
          << (ko ? "건), 거부 " : " flagged), rejected ") << rejected_ << (ko ? "건" : "");
  for (const auto& [code, count] : by_code_)
    summary << (code == by_code_.begin()->first ? ": " : ", ") << code << " " << count;
  std::cerr << summary.str() << "\n";
}

std::string DescribeEntry(const gallery::Entry& entry, gallery::Language language) {
  bool ko = language == gallery::Language::kKorean;
  std::ostringstream out;
  const gallery::Submission& s = entry.submission;
  out << "#" << entry.id << "  " << s.title << "  (" << entry.status << ")\n";
  if (!entry.status_reason.empty())
    out << (ko ? "  사유     " : "  reason   ") << entry.status_reason << "\n";
  out << (ko ? "  작성자   " : "  author   ") << s.author << "\n";
  if (!s.co_authors.empty()) {
    std::string co;
    for (const std::string& id : s.co_authors) co += (co.empty() ? "" : ", ") + id;
    out << (ko ? "  공동작성 " : "  with     ") << co << "\n";
  }
  if (!s.theme.empty()) out << (ko ? "  주제     " : "  theme    ") << s.theme << "\n";
  out << (ko ? "  파일     " : "  file     ") << Size(entry) << ", " << entry.bytes
      << " bytes, sha256 " << entry.sha256 << "\n";
  if (!entry.flags.empty()) out << (ko ? "  플래그   " : "  flags    ") << FlagList(entry) << "\n";
  for (const ingest::Marker& marker : entry.provenance) {
    out << (ko ? "  AI 출처  " : "  AI mark  ") << marker.source << ": " << marker.detail << "\n";
  }
  for (const std::string& payload : entry.qr_payloads) out << "  QR       " << payload << "\n";
  out << (ko ? "  원본     " : "  original ") << entry.original.string() << "\n";
  for (const gallery::StoredDerivative& d : entry.derivatives) {
    out << (ko ? "  썸네일   " : "  thumb    ") << ingest::FormatName(d.format) << " " << d.width
        << "x" << d.height << "  " << d.path.string() << "\n";
  }
  return out.str();
}

}  // namespace poster::app
