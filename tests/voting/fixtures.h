// Helpers the voting tests share: moments in Korea time, people, entries.
#pragma once

#include <catch2/catch.hpp>

#include "voting/voting.h"

namespace poster::testing {

// 2026-11-13 HH:MM:SS.mmm in Korea (UTC+9), as an Instant.
inline voting::Instant Kst(int day, int hour, int minute = 0, int second = 0, int millis = 0) {
  using namespace std::chrono;
  sys_days date = sys_days(year(2026) / November / day);
  return time_point_cast<milliseconds>(date) + hours(hour - 9) + minutes(minute) + seconds(second) +
         milliseconds(millis);
}

inline voting::Person Employee(const std::string& id, const std::string& department = "기획과") {
  return {id, department, {voting::Role::kEmployee}};
}

inline voting::Person Judge(const std::string& id, const std::string& department = "심사단") {
  return {id, department, {voting::Role::kJudge}};
}

}  // namespace poster::testing
