// Uploads: the one way a poster comes into the contest. Cheap refusals come
// first (the declaration, the exact bytes, who may submit and when); the
// decoding runs outside the catalogue's lock, with the contest's own config.
#include "base/sha256.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/entry_store.h"

namespace poster::gallery {
namespace {

// The SHA-256 of what would be stored (the file cut at the end of its image),
// from the header alone; nothing when the header does not read.
std::optional<std::string> StoredSha256(const std::vector<uint8_t>& bytes,
                                        const ingest::Limits& limits) {
  Result<ingest::ImageInfo> info = ingest::Probe(bytes, limits);
  if (!info.ok() || info->image_end <= 0 || size_t(info->image_end) > bytes.size())
    return std::nullopt;
  return Sha256Hex(std::span<const uint8_t>(bytes).first(size_t(info->image_end)));
}

// duplicate when a stored file holds these exact bytes.
Status RefuseDuplicate(CatalogueState& self, const std::optional<std::string>& sha256) {
  if (!sha256) return Status::Ok();  // ingest will say what is wrong with the file
  POSTER_ASSIGN_OR_RETURN(std::optional<int64_t> duplicate, FindDuplicate(self.db, *sha256));
  return duplicate ? DuplicateOf(self.db, self.blobs, *duplicate) : Status::Ok();
}

}  // namespace

Result<ingest::Poster> Catalogue::Ingest(std::vector<uint8_t> bytes,
                                         const Submission& submission) const {
  POSTER_RETURN_IF_ERROR(ValidateSubmission(submission));
  ContestConfig config = Config();
  // Hashed before the lock is taken: 50 MB take long enough to stall every vote.
  std::optional<std::string> sha256 = StoredSha256(bytes, config.ingest.limits);
  {
    std::lock_guard lock(impl_->mutex);
    POSTER_RETURN_IF_ERROR(RefuseDuplicate(*impl_, sha256));
    POSTER_RETURN_IF_ERROR(CheckNewEntry(*impl_, submission));
  }
  return ingest::Process(std::move(bytes), config.ingest);
}

Result<Entry> Catalogue::Submit(std::vector<uint8_t> bytes, const Submission& submission,
                                std::string_view actor) {
  POSTER_ASSIGN_OR_RETURN(ingest::Poster poster, Ingest(std::move(bytes), submission));
  return Add(poster, submission, actor);
}

Result<Entry> Catalogue::ReplaceFile(int64_t entry, std::vector<uint8_t> bytes,
                                     std::string_view source, std::string_view actor) {
  ContestConfig config = Config();
  std::optional<std::string> sha256 = StoredSha256(bytes, config.ingest.limits);
  {
    std::lock_guard lock(impl_->mutex);
    POSTER_RETURN_IF_ERROR(CheckReplace(*impl_, entry, actor).status());
    POSTER_RETURN_IF_ERROR(RefuseDuplicate(*impl_, sha256));
  }
  POSTER_ASSIGN_OR_RETURN(ingest::Poster poster, ingest::Process(std::move(bytes), config.ingest));
  return Replace(entry, poster, source, actor);
}

}  // namespace poster::gallery
