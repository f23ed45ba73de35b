// The judge model: each entry's quality and each judge's bias (and gain) by
// alternating least squares over the judge-entry graph; Kendall's tau.
// docs/tally.md "Judge bias: the model" is this file in prose.
#include <algorithm>
#include <cmath>

#include "voting/normalize.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

struct Edge {
  size_t judge = 0, entry = 0;
  double score = 0;
};

// The graph with judges and entries numbered in sorted order.
struct Graph {
  std::vector<std::string> judges;
  std::vector<int64_t> entries;
  std::vector<Edge> edges;
  std::vector<std::vector<size_t>> of_judge, of_entry;  // edge indices
};

Graph BuildGraph(const std::vector<Observation>& scores) {
  std::map<std::pair<std::string, int64_t>, double> last;
  for (const Observation& o : scores) last[{o.judge, o.entry}] = o.score;
  Graph graph;
  for (const auto& [key, score] : last) {
    graph.judges.push_back(key.first);
    graph.entries.push_back(key.second);
  }
  graph.judges.erase(std::unique(graph.judges.begin(), graph.judges.end()), graph.judges.end());
  std::sort(graph.entries.begin(), graph.entries.end());
  graph.entries.erase(std::unique(graph.entries.begin(), graph.entries.end()), graph.entries.end());
  graph.of_judge.resize(graph.judges.size());
  graph.of_entry.resize(graph.entries.size());
  for (const auto& [key, score] : last) {
    size_t j = std::lower_bound(graph.judges.begin(), graph.judges.end(), key.first) -
               graph.judges.begin();
    size_t e = std::lower_bound(graph.entries.begin(), graph.entries.end(), key.second) -
               graph.entries.begin();
    graph.of_judge[j].push_back(graph.edges.size());
    graph.of_entry[e].push_back(graph.edges.size());
    graph.edges.push_back({j, e, score});
  }
  return graph;
}

struct Part {
  std::vector<size_t> judges, entries;  // indices into the graph, sorted
};

// Connected components, found from each entry in sorted order.
std::vector<Part> Components(const Graph& graph) {
  std::vector<int> judge_seen(graph.judges.size(), -1), entry_seen(graph.entries.size(), -1);
  std::vector<Part> parts;
  for (size_t start = 0; start < graph.entries.size(); ++start) {
    if (entry_seen[start] >= 0) continue;
    int id = int(parts.size());
    Part part;
    std::vector<size_t> stack = {start};
    entry_seen[start] = id;
    while (!stack.empty()) {
      size_t e = stack.back();
      stack.pop_back();
      part.entries.push_back(e);
      for (size_t edge : graph.of_entry[e]) {
        size_t j = graph.edges[edge].judge;
        if (judge_seen[j] >= 0) continue;
        judge_seen[j] = id;
        part.judges.push_back(j);
        for (size_t other : graph.of_judge[j]) {
          size_t next = graph.edges[other].entry;
          if (entry_seen[next] < 0) {
            entry_seen[next] = id;
            stack.push_back(next);
          }
        }
      }
    }
    std::sort(part.judges.begin(), part.judges.end());
    std::sort(part.entries.begin(), part.entries.end());
    parts.push_back(std::move(part));
  }
  return parts;
}

struct Fit {
  std::vector<double> quality, bias, gain;  // indexed like the graph
  int sweeps = 0;
  bool converged = false;
};

enum class Gain { kFixed, kFitted };

// One judge's bias (and gain) given the qualities: least squares on their edges.
void FitJudge(const Graph& graph, size_t j, Gain gain, Fit& fit) {
  double n = double(graph.of_judge[j].size()), mean_q = 0, mean_s = 0;
  for (size_t edge : graph.of_judge[j]) {
    mean_q += fit.quality[graph.edges[edge].entry] / n;
    mean_s += graph.edges[edge].score / n;
  }
  if (gain == Gain::kFitted) {
    double covariance = 0, variance = 0;
    for (size_t edge : graph.of_judge[j]) {
      double dq = fit.quality[graph.edges[edge].entry] - mean_q;
      covariance += dq * (graph.edges[edge].score - mean_s);
      variance += dq * dq;
    }
    if (variance > 0) fit.gain[j] = covariance / variance;
  }
  fit.bias[j] = mean_s - fit.gain[j] * mean_q;
}

// Mean bias 0 and mean gain 1 over the part's judges, the scores unchanged:
// quality' = ḡ·quality + b̄, gain' = gain/ḡ, bias' = bias − gain'·b̄.
void Identify(const Part& part, Fit& fit) {
  double mean_gain = 0, mean_bias = 0, n = double(part.judges.size());
  for (size_t j : part.judges) {
    mean_gain += fit.gain[j] / n;
    mean_bias += fit.bias[j] / n;
  }
  if (!(mean_gain > 0)) return;
  for (size_t e : part.entries) fit.quality[e] = mean_gain * fit.quality[e] + mean_bias;
  for (size_t j : part.judges) {
    fit.gain[j] /= mean_gain;
    fit.bias[j] -= fit.gain[j] * mean_bias;
  }
}

// Each entry's quality by least squares given the judges.
void FitEntries(const Graph& graph, const Part& part, Fit& fit) {
  for (size_t e : part.entries) {
    double top = 0, bottom = 0;
    for (size_t edge : graph.of_entry[e]) {
      const Edge& x = graph.edges[edge];
      top += fit.gain[x.judge] * (x.score - fit.bias[x.judge]);
      bottom += fit.gain[x.judge] * fit.gain[x.judge];
    }
    if (bottom > 0) fit.quality[e] = top / bottom;
  }
}

void Sweep(const Graph& graph, const Part& part, Gain gain, Fit& fit) {
  fit.converged = false;
  for (fit.sweeps = 1; fit.sweeps <= kModelMaxSweeps; ++fit.sweeps) {
    std::vector<double> before;
    for (size_t e : part.entries) before.push_back(fit.quality[e]);
    for (size_t j : part.judges) FitJudge(graph, j, gain, fit);
    Identify(part, fit);
    FitEntries(graph, part, fit);
    double change = 0;
    for (size_t i = 0; i < part.entries.size(); ++i)
      change = std::max(change, std::abs(fit.quality[part.entries[i]] - before[i]));
    if (change < kModelTolerance) {
      fit.converged = true;
      return;
    }
  }
  fit.sweeps = kModelMaxSweeps;
}

double Spread(const std::vector<double>& values) {
  double mean = 0, variance = 0;
  for (double v : values) mean += v / double(values.size());
  for (double v : values) variance += (v - mean) * (v - mean) / double(values.size());
  return std::sqrt(variance);
}

// Why a gain may not be fitted in `part` from its bias-only fit ("" when it may).
std::string GainRefused(const Graph& graph, const Part& part, const Fit& fit) {
  size_t judges = part.judges.size(), entries = part.entries.size(), scores = 0;
  if (judges < 2) return "one judge";
  for (size_t j : part.judges) {
    scores += graph.of_judge[j].size();
    if (graph.of_judge[j].size() < 3) return "a judge scored fewer than 3 entries";
  }
  if (scores < entries + 3 * judges - 2) return "too few scores for a gain per judge";
  std::vector<double> all;
  for (size_t e : part.entries) all.push_back(fit.quality[e]);
  double spread = Spread(all);
  if (Key(spread) == 0) return "every entry has the same quality";
  for (size_t j : part.judges) {
    std::vector<double> own;
    for (size_t edge : graph.of_judge[j]) own.push_back(fit.quality[graph.edges[edge].entry]);
    if (Spread(own) < spread / 4) return "a judge's entries are too alike in quality";
  }
  return "";
}

double Rmse(const Graph& graph, const Part& part, const Fit& fit) {
  double sum = 0, n = 0;
  for (size_t j : part.judges) {
    for (size_t edge : graph.of_judge[j]) {
      const Edge& x = graph.edges[edge];
      double residual = x.score - fit.gain[j] * fit.quality[x.entry] - fit.bias[j];
      sum += residual * residual;
      ++n;
    }
  }
  return n > 0 ? std::sqrt(sum / n) : 0;
}

// Bias first; then the gain where the rule allows and the fit is sane.
ModelComponent FitPart(const Graph& graph, const Part& part, Fit& fit) {
  for (size_t e : part.entries) {
    double sum = 0;
    for (size_t edge : graph.of_entry[e]) sum += graph.edges[edge].score;
    fit.quality[e] = sum / double(graph.of_entry[e].size());
  }
  Sweep(graph, part, Gain::kFixed, fit);
  ModelComponent component;
  component.gain_refused = GainRefused(graph, part, fit);
  if (component.gain_refused.empty()) {
    Fit with_gain = fit;
    Sweep(graph, part, Gain::kFitted, with_gain);
    bool sane = with_gain.converged;
    for (size_t j : part.judges) sane = sane && with_gain.gain[j] >= 0.25 && with_gain.gain[j] <= 4;
    if (sane) {
      with_gain.sweeps += fit.sweeps;
      fit = with_gain;
      component.gain_fitted = true;
    } else {
      component.gain_refused = "the gain fit did not settle within 1/4..4";
    }
  }
  for (size_t j : part.judges) component.judges.push_back(graph.judges[j]);
  for (size_t e : part.entries) component.entries.push_back(graph.entries[e]);
  component.sweeps = fit.sweeps;
  component.converged = fit.converged;
  component.rmse = Rmse(graph, part, fit);
  return component;
}

}  // namespace

JudgeModel FitJudgeModel(const std::vector<Observation>& scores) {
  Graph graph = BuildGraph(scores);
  Fit fit{std::vector<double>(graph.entries.size(), 0.0),
          std::vector<double>(graph.judges.size(), 0.0),
          std::vector<double>(graph.judges.size(), 1.0), 0, false};
  JudgeModel model;
  model.judges.resize(graph.judges.size());
  std::vector<Part> parts = Components(graph);
  for (size_t c = 0; c < parts.size(); ++c) {
    model.components.push_back(FitPart(graph, parts[c], fit));
    for (size_t j : parts[c].judges) {
      model.judges[j] = {graph.judges[j], fit.bias[j], fit.gain[j], int(graph.of_judge[j].size()),
                         c};
    }
  }
  for (size_t e = 0; e < graph.entries.size(); ++e)
    model.quality[graph.entries[e]] = fit.quality[e];
  return model;
}

double KendallTau(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return 0;
  double concordant = 0, discordant = 0, untied_a = 0, untied_b = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t k = i + 1; k < a.size(); ++k) {
      int64_t x = Key(a[i]) - Key(a[k]), y = Key(b[i]) - Key(b[k]);
      if (x != 0) ++untied_a;
      if (y != 0) ++untied_b;
      if (x == 0 || y == 0) continue;
      ((x > 0) == (y > 0) ? concordant : discordant) += 1;
    }
  }
  if (untied_a == 0 || untied_b == 0) return 0;
  return (concordant - discordant) / std::sqrt(untied_a * untied_b);
}

}  // namespace poster::voting
