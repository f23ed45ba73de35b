#include "voting/normalize.h"

#include <algorithm>
#include <cmath>

namespace poster::voting {
namespace {

std::vector<double> Percentile(const std::vector<double>& values) {
  size_t n = values.size();
  if (n <= 1) return std::vector<double>(n, 100.0);
  std::vector<int64_t> keys;
  for (double v : values) keys.push_back(Key(v));
  std::vector<int64_t> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> out;
  for (int64_t key : keys) {
    auto below = std::lower_bound(sorted.begin(), sorted.end(), key) - sorted.begin();
    auto equal = std::upper_bound(sorted.begin(), sorted.end(), key) - sorted.begin() - below - 1;
    out.push_back((double(below) + 0.5 * double(equal)) / double(n - 1) * 100.0);
  }
  return out;
}

std::vector<double> MinMax(const std::vector<double>& values) {
  if (values.empty()) return {};
  auto [low, high] = std::minmax_element(values.begin(), values.end());
  double min = *low, max = *high;
  std::vector<double> out;
  for (double v : values)
    out.push_back(Key(max) == Key(min) ? 50.0 : (v - min) / (max - min) * 100.0);
  return out;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// Clipped to median ± 3 × 1.4826 × MAD (a standard deviation's robust
// estimate), then min-max. With no spread around the median, percentile.
std::vector<double> Winsorized(const std::vector<double>& values) {
  if (values.size() < 3) return MinMax(values);
  double median = Median(values);
  std::vector<double> deviations;
  for (double v : values) deviations.push_back(std::abs(v - median));
  double spread = 1.4826 * Median(deviations);
  if (Key(spread) == 0) return Percentile(values);
  std::vector<double> clipped;
  for (double v : values)
    clipped.push_back(std::clamp(v, median - 3 * spread, median + 3 * spread));
  return MinMax(clipped);
}

}  // namespace

int64_t Key(double value) { return std::llround(value * 1e9); }

std::vector<double> Normalize(Normalization method, const std::vector<double>& values) {
  switch (method) {
    case Normalization::kPercentile:
      return Percentile(values);
    case Normalization::kWinsorized:
      return Winsorized(values);
    case Normalization::kMinMax:
      return MinMax(values);
  }
  return Percentile(values);
}

}  // namespace poster::voting
