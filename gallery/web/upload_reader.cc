// An upload's parts into an Upload, within their limits; and what its fields
// declare. The fuzz target fuzz_multipart drives this through cpp-httplib.
#include "base/text.h"
#include "gallery/web/http_site.h"

namespace poster::gallery::web {

Status UploadFileTooLarge(int64_t cap) {
  return Status(std::string(ingest::kFileTooLarge),
                "The file is larger than the limit of " + std::to_string(cap >> 20) +
                    " MB. Export it smaller.",
                {{"max_bytes", std::to_string(cap)}, {"max_megabytes", std::to_string(cap >> 20)}});
}

bool UploadReader::Part(const httplib::MultipartFormData& part) {
  if (++parts_ > kMaxUploadParts) {
    status_ = Status(std::string(kRequestTooLarge),
                     "The form has more than " + std::to_string(kMaxUploadParts) +
                         " parts; send the poster and its fields only.",
                     {{"limit", "fields"}, {"max_fields", std::to_string(kMaxUploadParts)}});
    return false;
  }
  field_ = nullptr;
  if (part.name == "file") {
    upload_.has_file = true;
    upload_.file_name = part.filename;
  } else {
    field_ = &upload_.fields[part.name];
    field_->clear();  // a field sent twice counts once: the last
  }
  field_name_ = part.name;
  return true;
}

bool UploadReader::Data(const char* data, size_t length) {
  if (!field_) {
    if (int64_t(upload_.file.size() + length) > max_file_bytes_) {
      status_ = UploadFileTooLarge(max_file_bytes_);
      return false;
    }
    upload_.file.insert(upload_.file.end(), data, data + length);
    return true;
  }
  if (int64_t(field_->size() + length) > kMaxFieldBytes) {
    status_ = Status(std::string(kRequestTooLarge),
                     "The field \"" + field_name_ + "\" is longer than " +
                         std::to_string(kMaxFieldBytes) + " bytes.",
                     {{"limit", "field"},
                      {"field", field_name_},
                      {"max_bytes", std::to_string(kMaxFieldBytes)}});
    return false;
  }
  field_->append(data, length);
  return true;
}

Submission SubmissionOf(const Upload& upload, const std::string& author) {
  auto field = [&](const char* name) {
    auto it = upload.fields.find(name);
    return it == upload.fields.end() ? std::string() : it->second;
  };
  Submission s;
  s.author = author;
  s.title = field("title");
  s.theme = field("theme");
  s.ai_tools = field("ai_tools");
  s.prompt = field("prompt");
  s.description = field("description");
  s.alt_text = field("alt_text");
  s.pledge_sha256 = field("pledge_sha256");  // the versions the page showed and the author ticked
  s.consent_sha256 = field("consent_sha256");
  s.co_authors = SplitWords(field("co_authors"));
  s.source = std::filesystem::path(upload.file_name).filename().string();
  if (Trim(s.title).empty()) {
    s.title = TitleFromFileName(std::filesystem::path(s.source).stem().string());
    s.title_origin = TitleOrigin::kFileName;
  }
  return NormalizedSubmission(std::move(s));
}

}  // namespace poster::gallery::web
