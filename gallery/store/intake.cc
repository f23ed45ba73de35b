// Batch intake: many uploads (as ExpandInputs and ReadManifest name them, in
// manifest.cc) taken in on a pool of threads with results reported in input order.
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
