// ingest_bench: how fast poster ingests a corpus of posters, stage by stage, and
// against vipsthumbnail and ImageMagick doing less on the same cores.
//
//   ingest_bench [--corpus DIR] [--count N] [--repeat R]
//
// Prints three tables (bench/README.md shows them and says how to read them).
#include <sched.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "bench/corpus.h"
#include "bench/ingest_memory.h"
#include "bench/measure.h"
#include "gallery/gallery.h"

namespace fs = std::filesystem;
using namespace poster;
using poster::bench::Measured;

namespace {

struct Options {
  fs::path corpus = "/tmp/poster-bench-corpus";
  int count = 24;
  int repeat = 3;
};

struct Corpus {
  std::vector<fs::path> files;
  double megapixels = 0;
};

Corpus LoadCorpus(const Options& options) {
  if (!fs::exists(options.corpus / "poster-001.png"))
    bench::WriteCorpus(options.corpus, options.count);
  Corpus corpus;
  for (const auto& entry : fs::directory_iterator(options.corpus))
    corpus.files.push_back(entry.path());
  std::sort(corpus.files.begin(), corpus.files.end());
  for (const fs::path& file : corpus.files) {
    Result<ingest::ImageInfo> info =
        ingest::Probe(*ingest::ReadFile(file, 1 << 30), ingest::Limits());
    if (info.ok()) corpus.megapixels += double(info->width) * info->height / 1e6;
  }
  return corpus;
}

void PinToCores(std::initializer_list<int> cores) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int core : cores) CPU_SET(core, &set);
  sched_setaffinity(0, sizeof set, &set);
}

// The least the issue asks of every poster, whatever else is made faster: the
// full decode and the 1280 px WebP (the derivatives stage with nothing else to
// make). Printed beside the stage table to compare with vipsthumbnail below.
void PrintFloor(const Corpus& corpus, const Options& options) {
  ingest::Settings only_1280 = gallery::DefaultConfig().ingest;
  only_1280.webp_widths = {1280};
  only_1280.jpeg_width = 0;
  double sum = 0;
  for (int rep = 0; rep < options.repeat; ++rep) {
    for (const fs::path& file : corpus.files) {
      Result<ingest::Poster> poster = ingest::Process(*ingest::ReadFile(file, 1 << 30), only_1280);
      if (poster.ok()) sum += (poster->times.decode + poster->times.derivatives) * 1e3;
    }
  }
  double per_poster = sum / (options.repeat * corpus.files.size());
  std::printf(
      "\nThe floor: full decode + downscale + the 1280 px WebP alone, %.1f ms a poster "
      "(%.2f posters/s at most on one core)\n",
      per_poster, 1e3 / per_poster);
}

// Stage by stage on one core, in this process: ingest, then store in a catalogue.
void StageTable(const Corpus& corpus, const Options& options) {
  PinToCores({0});
  const char* names[] = {"sniff + header", "provenance", "decode",  "derivatives",
                         "fingerprints",   "qr",         "quality", "store"};
  std::map<std::string, std::vector<double>> samples;
  double total = 0;
  for (int rep = 0; rep < options.repeat; ++rep) {
    fs::path data = fs::temp_directory_path() / ("poster-bench-stages-" + std::to_string(rep));
    fs::remove_all(data);
    gallery::Catalogue catalogue = std::move(*gallery::Catalogue::Open(data));
    for (const fs::path& file : corpus.files) {
      auto start = std::chrono::steady_clock::now();
      Result<ingest::Poster> poster =
          ingest::Process(*ingest::ReadFile(file, 1 << 30), gallery::DefaultConfig().ingest);
      auto stored = std::chrono::steady_clock::now();
      gallery::Submission submission;
      submission.author = "operator";
      submission.title = file.stem().string();
      submission.source = file.string();
      (void)catalogue.Add(*poster, submission, "bench");
      auto end = std::chrono::steady_clock::now();
      const ingest::StageTimes& t = poster->times;
      double values[] = {t.sniff,        t.provenance,
                         t.decode,       t.derivatives,
                         t.fingerprints, t.qr,
                         t.quality,      std::chrono::duration<double>(end - stored).count()};
      for (size_t i = 0; i < std::size(names); ++i) samples[names[i]].push_back(values[i] * 1e3);
      total += std::chrono::duration<double>(end - start).count() * 1e3;
    }
    fs::remove_all(data);
  }
  double per_poster = total / (options.repeat * corpus.files.size());
  std::printf("\nStages, one core, %zu posters x %d runs (ms per poster)\n\n", corpus.files.size(),
              options.repeat);
  std::printf("| stage | median | mean | share of time |\n|---|---:|---:|---:|\n");
  for (const char* name : names) {
    const std::vector<double>& v = samples[name];
    double mean = 0;
    for (double x : v) mean += x / v.size();
    std::printf("| %s | %.1f | %.1f | %.0f %% |\n", name, bench::Median(v), mean,
                100 * mean / per_poster);
  }
  std::printf("| **all** | | %.1f | %.2f posters/s |\n", per_poster, 1e3 / per_poster);
  PrintFloor(corpus, options);
  PinToCores({0, 1});
}

struct Run {
  std::string name;
  std::string cores;
  std::vector<std::vector<std::string>> commands;
  std::vector<std::string> env;
  bool parallel = false;
};

std::string Shell(const std::vector<fs::path>& files, const std::string& out) {
  std::string script = "for f in";
  for (const fs::path& file : files) script += " '" + file.string() + "'";
  return script + "; do convert \"$f\" -thumbnail 640x '" + out +
         "'/$(basename \"$f\").webp || exit 1; done";
}

std::vector<Run> Runs(const Corpus& corpus, const fs::path& scratch) {
  std::vector<Run> runs;
  std::string data = (scratch / "data").string();
  for (const char* jobs : {"1", "2"}) {
    runs.push_back({std::string("poster ingest --jobs ") + jobs,
                    jobs == std::string("1") ? "0" : "0,1",
                    {{POSTER_BINARY, "ingest", "--data", data, "--jobs", jobs,
                      corpus.files.front().parent_path().string()}},
                    {},
                    false});
  }
  std::vector<fs::path> halves[2];
  for (size_t i = 0; i < corpus.files.size(); ++i) halves[i % 2].push_back(corpus.files[i]);
  std::string out = (scratch / "out").string();
  if (bench::Installed("vipsthumbnail")) {
    std::vector<std::string> all = {"/usr/bin/vipsthumbnail", "-s", "640", "-o",
                                    out + "/%s.webp[Q=80]"};
    for (const fs::path& file : corpus.files) all.push_back(file.string());
    runs.push_back({"vipsthumbnail, one 640 px WebP", "0", {all}, {"VIPS_CONCURRENCY=1"}, false});
    Run two{"vipsthumbnail, one 640 px WebP", "0,1", {}, {"VIPS_CONCURRENCY=1"}, true};
    for (const auto& half : halves) {
      std::vector<std::string> command = {"/usr/bin/vipsthumbnail", "-s", "640", "-o",
                                          out + "/%s.webp[Q=80]"};
      for (const fs::path& file : half) command.push_back(file.string());
      two.commands.push_back(command);
    }
    runs.push_back(two);
  }
  if (bench::Installed("convert")) {
    runs.push_back({"ImageMagick convert -thumbnail 640x",
                    "0",
                    {{"/bin/sh", "-c", Shell(corpus.files, out)}},
                    {"MAGICK_THREAD_LIMIT=1"},
                    false});
    runs.push_back(
        {"ImageMagick convert -thumbnail 640x",
         "0,1",
         {{"/bin/sh", "-c", Shell(halves[0], out)}, {"/bin/sh", "-c", Shell(halves[1], out)}},
         {"MAGICK_THREAD_LIMIT=1"},
         true});
  }
  return runs;
}

void PeerTable(const Corpus& corpus, const Options& options) {
  fs::path scratch = fs::temp_directory_path() / "poster-bench-peers";
  std::vector<Run> runs = Runs(corpus, scratch);
  std::printf("\nEnd to end, %zu posters (%.0f MP), median of %d runs\n\n", corpus.files.size(),
              corpus.megapixels, options.repeat);
  std::printf("| run | cores | posters/s | MP/s | peak RSS | vs vipsthumbnail, 1 core |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  double vips_one_core = 0;
  std::vector<std::pair<const Run*, Measured>> results;
  for (const Run& run : runs) {
    std::vector<double> seconds;
    Measured last;
    for (int rep = 0; rep < options.repeat; ++rep) {
      fs::remove_all(scratch);
      fs::create_directories(scratch / "out");
      last = bench::RunPinned(run.commands, run.cores, run.env, run.parallel);
      seconds.push_back(last.seconds);
    }
    last.seconds = bench::Median(seconds);
    if (run.name.starts_with("vips") && run.cores == "0") vips_one_core = last.seconds;
    results.push_back({&run, last});
  }
  for (const auto& [run, m] : results) {
    double rate = corpus.files.size() / m.seconds;
    double ratio = vips_one_core > 0 ? vips_one_core / m.seconds : 0;
    std::printf("| %s%s | %s | %.2f | %.1f | %ld MB | %.2fx |\n", run->name.c_str(),
                m.ok ? "" : " (FAILED)", run->cores == "0" ? "1" : "2", rate,
                corpus.megapixels / m.seconds, m.peak_rss_kb / 1024, ratio);
  }
  if (vips_one_core == 0)
    std::printf("\n(vipsthumbnail is not installed: scripts/install-deps.sh --bench)\n");
  fs::remove_all(scratch);
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--corpus")
      options.corpus = argv[i + 1];
    else if (flag == "--count")
      options.count = std::atoi(argv[i + 1]);
    else if (flag == "--repeat")
      options.repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = Parse(argc, argv);
  Corpus corpus = LoadCorpus(options);
  std::printf("poster ingest benchmark: %zu posters in %s, %.0f megapixels\n", corpus.files.size(),
              options.corpus.c_str(), corpus.megapixels);
  StageTable(corpus, options);
  PeerTable(corpus, options);
  bench::PrintMemoryTable(fs::temp_directory_path() / "poster-bench-memory", options.repeat);
  return 0;
}
