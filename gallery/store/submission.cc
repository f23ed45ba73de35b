// ValidateSubmission: what people type, checked before any pixel is decoded.
#include "base/sha256.h"
#include "base/text.h"
#include "gallery/store/store.h"

namespace poster::gallery {
namespace {

struct Field {
  std::string_view name;
  const std::string* value;
  size_t max_characters;
  bool required;
  bool multiline;
};

Status Invalid(std::string_view field, std::string_view problem, std::string message, size_t max) {
  return Status(std::string(kInvalidMetadata), std::move(message),
                {{"field", std::string(field)},
                 {"problem", std::string(problem)},
                 {"max", std::to_string(max)}});
}

Status Check(const Field& field) {
  std::string name(field.name);
  std::optional<size_t> length = CountCodePoints(*field.value);
  if (!length) {
    return Invalid(field.name, "not_utf8", "The " + name + " is not valid UTF-8 text.",
                   field.max_characters);
  }
  if (field.required && Trim(*field.value).empty()) {
    return Invalid(field.name, "missing", "The " + name + " is missing; fill it in.",
                   field.max_characters);
  }
  if (*length > field.max_characters) {
    return Invalid(field.name, "too_long",
                   "The " + name + " is " + std::to_string(*length) + " characters; at most " +
                       std::to_string(field.max_characters) + " are allowed.",
                   field.max_characters);
  }
  if (HasControlCharacters(*field.value, field.multiline)) {
    return Invalid(field.name, "control_characters",
                   "The " + name + " holds control characters; type it again as plain text.",
                   field.max_characters);
  }
  return Status::Ok();
}

// The same refusal, saying that the title came from the file's name.
Status FromFileName(const Status& status) {
  std::vector<Detail> details = status.details();
  details.push_back({"from", "file_name"});
  return Status(status.code(),
                "The title was taken from the file's name: " + status.message() +
                    " Rename the file, or type a title.",
                std::move(details));
}

}  // namespace

Submission NormalizedSubmission(Submission s) {
  for (std::string* text :
       {&s.title, &s.theme, &s.ai_tools, &s.prompt, &s.description, &s.alt_text}) {
    *text = ToNfc(*text);
  }
  return s;
}

Status ValidateSubmission(const Submission& s) {
  const Field fields[] = {
      {"author", &s.author, 64, true, false},
      {"title", &s.title, kMaxTitleCharacters, true, false},
      {"theme", &s.theme, 100, false, false},
      {"ai_tools", &s.ai_tools, 500, false, false},
      {"prompt", &s.prompt, 10000, false, true},
      {"description", &s.description, 5000, false, true},
      {"alt_text", &s.alt_text, 300, false, false},
  };
  for (const Field& field : fields) {
    Status status = Check(field);
    bool named_by_file = field.name == "title" && s.title_origin == TitleOrigin::kFileName;
    if (!status.ok()) return named_by_file ? FromFileName(status) : status;
  }
  return Status::Ok();
}

std::string PledgeVersion(std::string_view text, std::string_view text_en) {
  return Sha256Hex(std::string(text) + "\n" + std::string(text_en));
}

// Korea's rules for public contests: with [submission] require_pledge, both
// the integrity pledge and the AI/copyright consent, as the config words them now.
Status CheckPledge(const ContestConfig& config, const Submission& s) {
  if (!config.require_pledge) return Status::Ok();
  for (auto [which, accepted, version] :
       {std::tuple{"pledge", &s.pledge_sha256, PledgeVersion(config.pledge, config.pledge_en)},
        std::tuple{"consent", &s.consent_sha256,
                   PledgeVersion(config.consent, config.consent_en)}}) {
    if (*accepted == version) continue;
    bool changed = !accepted->empty();
    return Status(std::string(kPledgeRequired),
                  changed ? "The " + std::string(which) +
                                " you accepted is not the one in force now; read it again "
                                "and accept it."
                          : "Accept the integrity pledge (청렴서약) and the AI/copyright "
                            "consent to submit: tick both boxes.",
                  {{"which", which}, {"reason", changed ? "pledge_changed" : "pledge_missing"}});
  }
  return Status::Ok();
}

}  // namespace poster::gallery
