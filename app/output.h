// How intake results look on a terminal: one line per input, a progress bar on
// stderr when it is a terminal, and a summary by code at the end.
#pragma once

#include <map>
#include <string>

#include "app/commands.h"

namespace poster::app {

class IntakeReport {
 public:
  IntakeReport(const Common& common, size_t total);
  void Add(const gallery::IntakeResult& result);
  void Finish();
  bool all_accepted() const { return rejected_ == 0; }

 private:
  void DrawProgress() const;
  void ClearProgress() const;
  std::string Line(const gallery::IntakeResult& result) const;

  const Common& common_;
  size_t total_;
  size_t done_ = 0;
  size_t accepted_ = 0;
  size_t flagged_ = 0;
  size_t rejected_ = 0;
  std::map<std::string, size_t> by_code_;
  bool progress_;
};

// A multi-line description of one entry for people.
std::string DescribeEntry(const gallery::Entry& entry, gallery::Language language);

}  // namespace poster::app
