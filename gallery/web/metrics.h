// What the server has done since it started, in Prometheus' text format
// (private to gallery/web; docs/operations.md "Monitoring"): requests by route,
// method and status, their latency, refusals by error code, uploads and the
// time ingest took; beside the catalogue's own counts at the moment of asking.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "gallery/store/store.h"

namespace poster::gallery::web {

// Upper bounds of the latency buckets, in seconds (the last is +Inf).
inline constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,   0.25,   0.5,   1,    2.5,   10};

class Histogram {
 public:
  void Observe(double seconds);
  // Lines `name_bucket{labels,le="..."}`, `name_sum{labels}`, `name_count{labels}`.
  std::string Text(std::string_view name, std::string_view labels) const;

 private:
  std::array<int64_t, kLatencyBuckets.size()> buckets_{};  // each holds only its own range
  int64_t count_ = 0;
  double sum_ = 0;
};

class Metrics {
 public:
  Metrics() : started_(std::chrono::system_clock::now()) {}
  // One answered request: its route pattern ("-" when none matched), status,
  // time and, when refused, the error code it was refused with.
  void Request(std::string_view method, std::string_view route, int status, double seconds,
               std::string_view refusal);
  // One poster through ingest (an upload or a replacement): accepted, or the code.
  void Ingest(double seconds, std::string_view outcome);
  // Every metric, with the catalogue's counts (or poster_catalogue_up 0 when
  // they could not be read).
  std::string Text(const Result<StoreGauges>& gauges) const;

 private:
  mutable std::mutex mutex_;
  std::chrono::system_clock::time_point started_;
  struct RouteStats {
    std::map<int, int64_t> statuses;  // answers by status
    Histogram latency;
  };
  std::map<std::pair<std::string, std::string>, RouteStats> routes_;  // by method, route
  std::map<std::string, int64_t> refusals_;                           // by code
  std::map<std::string, int64_t> ingests_;                            // by outcome
  Histogram ingest_seconds_;
};

// A label value as the text format writes it: backslash, quote and newline escaped.
std::string LabelValue(std::string_view value);

}  // namespace poster::gallery::web
