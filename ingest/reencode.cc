// A stored poster as pixels only: decoded and encoded again, so that nothing of
// the file but its picture reaches whoever opens it (blind judging).
#include "ingest/codecs.h"
#include "ingest/errors.h"
#include "ingest/image_ops.h"

namespace poster::ingest {

Result<PixelsOnly> ReencodePixels(const std::vector<uint8_t>& bytes, const Limits& limits) {
  POSTER_ASSIGN_OR_RETURN(ImageInfo info, Probe(bytes, limits));
  try {
    POSTER_ASSIGN_OR_RETURN(cv::Mat displayed, DecodeDisplayed(bytes, info, info.width));
    if (info.format == Format::kJpeg) {
      POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> jpeg, EncodeJpeg(displayed, 95));
      return PixelsOnly{Format::kJpeg, std::move(jpeg)};
    }
    std::vector<uint8_t> png = EncodePngBytes(displayed);
    if (png.empty())
      return ProcessingFailed("reencode", "encode_failed", "the PNG encoder wrote nothing");
    return PixelsOnly{Format::kPng, std::move(png)};
  } catch (const cv::Exception& error) {
    return ProcessingFailed("reencode", "opencv", error.what());
  } catch (const std::bad_alloc&) {
    return ProcessingFailed("reencode", "out_of_memory", "not enough memory to re-encode");
  }
}

}  // namespace poster::ingest
