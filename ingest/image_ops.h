// Pixel work on decoded posters, through OpenCV, libwebp and codecs.h (private to ingest).
#pragma once

#include <opencv2/core.hpp>

#include <map>
#include <string>
#include <vector>

#include "ingest/probe.h"

namespace poster::ingest {

// Decodes `image` to 8-bit BGR as displayed: EXIF orientation applied, 16-bit
// scaled down, grey and palette expanded, transparency flattened onto white.
// A JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still leaves at least
// `needed_width` pixels across. Fails with corrupt when the pixels do not decode.
Result<cv::Mat> DecodeDisplayed(Bytes image, const ImageInfo& info, int needed_width);

// Downscaled copies of `full` at each of `widths` (never wider than `full`),
// each made from the next larger one, heights keeping the displayed aspect of
// `info`.
std::map<int, cv::Mat> DownscaleChain(const cv::Mat& full, const ImageInfo& info,
                                      std::vector<int> widths);

// Encoded bytes, never empty: fails with processing_failed (encode_failed) when
// the encoder refuses the settings or writes nothing. OpenCV may still throw.
Result<std::vector<uint8_t>> EncodeWebp(const cv::Mat& bgr, int quality, int method);
Result<std::vector<uint8_t>> EncodeJpeg(const cv::Mat& bgr, int quality);

uint64_t PerceptualHash(const cv::Mat& bgr);

// Payloads of the QR codes on the poster, without repeats. Each region of
// `small` that QrCodeRegions finds is decoded; the same region of `large` only
// when `small`'s yields no code. Nothing else is decoded, so the cost is bounded.
std::vector<std::string> FindQrCodes(const cv::Mat& small, const cv::Mat& large);

// Where `grey` may hold a QR code: three finder patterns (dark-light-dark-
// light-dark runs in proportion 1:1:3:1:1, across and down) placed as one
// code's corners, at most 8 finder widths apart; the square they span with a
// margin, at most four regions, none mostly inside another.
std::vector<cv::Rect> QrCodeRegions(const cv::Mat& grey);

// Grey-level spread of `small` and variance of the Laplacian of `medium`.
Quality MeasureQuality(const cv::Mat& small, const cv::Mat& medium);

}  // namespace poster::ingest
