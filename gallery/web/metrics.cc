#include "gallery/web/metrics.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace poster::gallery::web {
namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

std::string Help(std::string_view name, std::string_view type, std::string_view help) {
  return "# HELP " + std::string(name) + " " + std::string(help) + "\n# TYPE " + std::string(name) +
         " " + std::string(type) + "\n";
}

std::string Sample(std::string_view name, std::string_view labels, double value) {
  std::string line(name);
  if (!labels.empty()) line += "{" + std::string(labels) + "}";
  return line + " " + Number(value) + "\n";
}

std::string Label(std::string_view key, std::string_view value) {
  return std::string(key) + "=\"" + LabelValue(value) + "\"";
}

std::string CountsText(std::string_view name, std::string_view help, std::string_view key,
                       const std::vector<std::pair<std::string, int64_t>>& counts) {
  std::string text = Help(name, "gauge", help);
  for (const auto& [value, count] : counts) text += Sample(name, Label(key, value), double(count));
  return text;
}

std::string GaugesText(const StoreGauges& g) {
  std::string text = CountsText("poster_entries", "Entries by status.", "status", g.entries);
  text += CountsText("poster_outbox_messages",
                     "Notices in the outbox by state (waiting is the depth).", "state", g.outbox);
  for (auto [name, help, value] :
       {std::tuple{"poster_votes", "Votes counted now (not voided).", g.votes},
        std::tuple{"poster_voided_votes", "Votes an admin voided.", g.voided_votes},
        std::tuple{"poster_citizen_likes", "Citizens' likes.", g.citizen_likes},
        std::tuple{"poster_audit_records", "Records in the audit log.", g.audit_records},
        std::tuple{"poster_people", "People on the roster.", g.people},
        std::tuple{"poster_active_sessions", "Sessions that have not expired.",
                   g.active_sessions}}) {
    text += Help(name, "gauge", help) + Sample(name, "", double(value));
  }
  return text;
}

}  // namespace

std::string LabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Histogram::Observe(double seconds) {
  size_t bucket = size_t(std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) -
                         kLatencyBuckets.begin());
  if (bucket < buckets_.size()) ++buckets_[bucket];
  ++count_;
  sum_ += seconds;
}

std::string Histogram::Text(std::string_view name, std::string_view labels) const {
  std::string text, prefix = labels.empty() ? "" : std::string(labels) + ",";
  int64_t below = 0;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    below += buckets_[i];
    text += Sample(std::string(name) + "_bucket", prefix + Label("le", Number(kLatencyBuckets[i])),
                   double(below));
  }
  text += Sample(std::string(name) + "_bucket", prefix + Label("le", "+Inf"), double(count_));
  text += Sample(std::string(name) + "_sum", labels, sum_);
  return text + Sample(std::string(name) + "_count", labels, double(count_));
}

void Metrics::Request(std::string_view method, std::string_view route, int status, double seconds,
                      std::string_view refusal) {
  std::lock_guard lock(mutex_);
  RouteStats& stats = routes_[{std::string(method), std::string(route)}];
  ++stats.statuses[status];
  stats.latency.Observe(seconds);
  if (!refusal.empty()) ++refusals_[std::string(refusal)];
}

void Metrics::Ingest(double seconds, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++ingests_[std::string(outcome)];
  ingest_seconds_.Observe(seconds);
}

std::string Metrics::Text(const Result<StoreGauges>& gauges) const {
  std::lock_guard lock(mutex_);
  std::string text = Help("poster_http_requests_total", "counter", "Requests answered.");
  for (const auto& [key, stats] : routes_) {
    std::string labels = Label("method", key.first) + "," + Label("route", key.second);
    for (const auto& [status, count] : stats.statuses)
      text += Sample("poster_http_requests_total",
                     labels + "," + Label("status", std::to_string(status)), double(count));
  }
  text += Help("poster_http_request_duration_seconds", "histogram",
               "Time from the request's first byte to its answer.");
  for (const auto& [key, stats] : routes_)
    text += stats.latency.Text("poster_http_request_duration_seconds",
                               Label("method", key.first) + "," + Label("route", key.second));
  text += Help("poster_refusals_total", "counter",
               "Requests refused, by error code (bad_credentials and too_many_attempts are "
               "sign-in refusals).");
  for (const auto& [code, count] : refusals_)
    text += Sample("poster_refusals_total", Label("code", code), double(count));
  text += Help("poster_uploads_total", "counter",
               "Posters uploaded through the web, by outcome (accepted, or the refusal's code).");
  for (const auto& [outcome, count] : ingests_)
    text += Sample("poster_uploads_total", Label("outcome", outcome), double(count));
  text += Help("poster_ingest_duration_seconds", "histogram",
               "Time an upload took in the catalogue: checks, ingest and the store.");
  text += ingest_seconds_.Text("poster_ingest_duration_seconds", "");
  double started = std::chrono::duration<double>(started_.time_since_epoch()).count();
  text += Help("process_start_time_seconds", "gauge", "When the server started (Unix time).") +
          Sample("process_start_time_seconds", "", started);
  text += Help("poster_catalogue_up", "gauge", "1 when the catalogue could be read.") +
          Sample("poster_catalogue_up", "", gauges.ok() ? 1 : 0);
  return gauges.ok() ? text + GaugesText(*gauges) : text;
}

}  // namespace poster::gallery::web
