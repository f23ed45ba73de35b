// Batch intake: inputs expanded, manifests read, and many uploads taken in on a
// pool of threads with results reported in input order.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/csv.h"
#include "base/text.h"
#include "gallery/store/store.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

bool IsUrl(std::string_view input) { return input.find("://") != std::string_view::npos; }

std::string DefaultTitle(const std::string& input) {
  if (!IsUrl(input)) return fs::path(input).stem().string();
  std::string path = input.substr(input.find("://") + 3);
  path = path.substr(0, path.find_first_of("?#"));
  std::string last = path.substr(path.find_last_of('/') + 1);
  std::string stem = fs::path(last).stem().string();
  std::string host = path.substr(0, path.find('/'));
  return !stem.empty() ? stem : !host.empty() ? host : input;  // "http://" is the fetch's to refuse
}

IntakeItem MakeItem(const std::string& input, const Submission& defaults) {
  IntakeItem item{input, NormalizedSubmission(defaults)};
  if (item.submission.title.empty()) {
    item.submission.title = TitleFromFileName(DefaultTitle(input));
    item.submission.title_origin = TitleOrigin::kFileName;
  }
  item.submission.source = IsUrl(input) ? input : fs::path(input).filename().string();
  return item;
}

void AddFolder(const fs::path& folder, const Submission& defaults, std::vector<IntakeItem>& items) {
  std::vector<std::string> files;
  std::error_code error;
  auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied,
                                             error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    bool hidden = it->path().filename().string().starts_with(".");
    std::error_code unreadable;  // an entry that cannot be examined is skipped
    if (hidden && it->is_directory(unreadable)) it.disable_recursion_pending();
    if (!hidden && it->is_regular_file(unreadable)) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) items.push_back(MakeItem(file, defaults));
}

Result<std::vector<uint8_t>> Load(const IntakeItem& item, int64_t max_bytes,
                                  ingest::Fetcher& fetcher) {
  if (IsUrl(item.input)) return fetcher.Fetch(item.input);
  return ingest::ReadFile(item.input, max_bytes);
}

// Hands out turns in input order, so that entries are stored, numbered and
// reported in the order of the inputs whichever thread finished first.
class Turns {
 public:
  void Wait(size_t turn) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return next_ == turn; });
  }
  void Pass() {
    {
      std::lock_guard lock(mutex_);
      ++next_;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t next_ = 0;
};

// Reads or fetches, then runs the catalogue's ingest: the part that runs in parallel.
IntakeResult Prepare(const Catalogue& catalogue, int64_t max_bytes, ingest::Fetcher& fetcher,
                     const IntakeItem& item, std::optional<ingest::Poster>& poster) {
  IntakeResult result{item.input, ValidateSubmission(item.submission), std::nullopt};
  if (!result.status.ok()) return result;
  Result<std::vector<uint8_t>> bytes = Load(item, max_bytes, fetcher);
  if (!bytes.ok()) {
    result.status = bytes.status();
    return result;
  }
  Result<ingest::Poster> processed = catalogue.Ingest(std::move(*bytes), item.submission);
  if (processed.ok()) {
    poster = std::move(*processed);
  } else {
    result.status = processed.status();
  }
  return result;
}

}  // namespace

std::vector<IntakeItem> ExpandInputs(const std::vector<std::string>& inputs,
                                     const Submission& defaults) {
  std::vector<IntakeItem> items;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (!IsUrl(input) && fs::is_directory(input, error)) {
      AddFolder(input, defaults, items);
    } else {
      items.push_back(MakeItem(input, defaults));
    }
  }
  return items;
}

void RunIntake(Catalogue& catalogue, ingest::Fetcher& fetcher, const std::vector<IntakeItem>& items,
               int jobs, std::string_view actor,
               const std::function<void(const IntakeResult&)>& on_result) {
  const int64_t max_bytes = catalogue.Config().ingest.limits.max_bytes;
  Turns turns;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < items.size(); i = next++) {
      std::optional<ingest::Poster> poster;
      IntakeResult result = Prepare(catalogue, max_bytes, fetcher, items[i], poster);
      turns.Wait(i);  // every earlier input has been stored or refused
      if (poster) {
        Result<Entry> entry = catalogue.Add(*poster, items[i].submission, actor);
        if (entry.ok()) {
          result.entry = std::move(*entry);
        } else {
          result.status = entry.status();
        }
      }
      on_result(result);
      turns.Pass();
    }
  };
  int threads = std::clamp(jobs, 1, std::max(1, int(items.size())));
  std::vector<std::jthread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
}

}  // namespace poster::gallery
