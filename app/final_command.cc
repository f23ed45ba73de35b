// poster final open|show|next|answer|close: the pairwise final (docs/tally.md,
// "The pairwise final"): an admin names the finalists, each judge compares the
// pairs they are shown one at a time, and the tally places the finalists by it.
#include <iostream>

#include "app/commands.h"

namespace poster::app {
namespace {

using nlohmann::json;

struct FinalOptions {
  Common common;
  std::string actor;
  std::vector<int64_t> finalists;
  std::string seed = "poster";
  int max_per_judge = 0;
  int64_t left = 0, right = 0;
  std::string outcome;  // left, right, even, skip
};

bool English(const FinalOptions& options) {
  return options.common.language() == gallery::Language::kEnglish;
}

std::string FinalText(const FinalOptions& options, const gallery::PairwiseFinal& final) {
  bool en = English(options);
  std::string text = en ? "Pairwise final of " : "결선 비교 심사: ";
  for (size_t i = 0; i < final.finalists.size(); ++i)
    text += (i ? ", #" : "#") + std::to_string(final.finalists[i]);
  text += en ? (final.closed_at.empty() ? " (open)" : " (closed)")
             : (final.closed_at.empty() ? " (진행 중)" : " (마감)");
  text += en ? ", " + std::to_string(final.answers.size()) + " answers\n"
             : ", 답 " + std::to_string(final.answers.size()) + "건\n";
  for (const voting::PairwiseRow& row : final.order) {
    char strength[32];
    std::snprintf(strength, sizeof strength, "%+.3f", row.strength);
    text += "  " + std::to_string(row.rank) + ". #" + std::to_string(row.entry) + "  " + strength +
            "\n";
  }
  return text;
}

// Opens the catalogue, makes `change` to the final and prints what it leaves.
template <typename Change>
int ChangeFinal(const FinalOptions& options, Change change) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::PairwiseFinal> final = change(*catalogue);
  if (!final.ok()) return Finish(options.common, final.status(), "", "");
  return Finish(options.common, Status::Ok(), gallery::PairwiseFinalToJson(*final).dump(),
                FinalText(options, *final));
}

int Open(const FinalOptions& options) {
  return ChangeFinal(options, [&](gallery::Catalogue& catalogue) {
    return catalogue.OpenPairwiseFinal(options.finalists, options.seed, options.max_per_judge,
                                       options.actor);
  });
}

int Close(const FinalOptions& options) {
  return ChangeFinal(options, [&](gallery::Catalogue& catalogue) {
    return catalogue.ClosePairwiseFinal(options.actor);
  });
}

int Show(const FinalOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::optional<gallery::PairwiseFinal>> final = catalogue->PairwiseFinalFor(options.actor);
  if (!final.ok()) return Finish(options.common, final.status(), "", "");
  if (!*final)
    return Finish(options.common, Status::Ok(), "null",
                  English(options) ? "No pairwise final was opened.\n"
                                   : "결선 비교 심사가 열리지 않았습니다.\n");
  return Finish(options.common, Status::Ok(), gallery::PairwiseFinalToJson(**final).dump(),
                FinalText(options, **final));
}

int Next(const FinalOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::optional<voting::PairToShow>> next = catalogue->NextPairFor(options.actor);
  if (!next.ok()) return Finish(options.common, next.status(), "", "");
  if (!*next)
    return Finish(options.common, Status::Ok(), "null",
                  English(options) ? "No pair left for you to compare.\n"
                                   : "비교할 작품 쌍이 더 없습니다.\n");
  const voting::PairToShow& pair = **next;
  json out = {{"left", pair.left}, {"right", pair.right}, {"gain", pair.gain}};
  std::string l = std::to_string(pair.left), r = std::to_string(pair.right);
  std::string text = English(options) ? "Compare #" + l + " (left) with #" + r + " (right).\n"
                                      : l + "번(왼쪽)과 " + r + "번(오른쪽)을 비교해 주세요.\n";
  return Finish(options.common, Status::Ok(), out.dump(), text);
}

int Answer(const FinalOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  std::optional<voting::PairOutcome> outcome = voting::ParsePairOutcome(options.outcome);
  Status answered =
      outcome ? catalogue->AnswerPair({options.actor, options.left, options.right, *outcome})
              : Status("bad_request", "The answer is left, right, even or skip.",
                       {{"field", "outcome"}});
  json out = {{"left", options.left}, {"right", options.right}, {"outcome", options.outcome}};
  return Finish(options.common, answered, out.dump(),
                English(options) ? "Answered.\n" : "답을 기록했습니다.\n");
}

// Adds a subcommand of `final` with the common options and --as.
CLI::App* Sub(CLI::App& final, const char* name, const char* what, FinalOptions& options) {
  CLI::App* command = final.add_subcommand(name, what);
  AddCommonOptions(*command, options.common);
  AddActor(*command, options.actor);
  return command;
}

}  // namespace

void AddFinalCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* final =
      app.add_subcommand("final", "The pairwise final: finalists compared two at a time");
  final->require_subcommand(1);
  auto open = std::make_shared<FinalOptions>();
  CLI::App* open_command = Sub(*final, "open", "Open the final on these finalists (admins)", *open);
  open_command->add_option("entries", open->finalists, "The finalists' entry numbers")->required();
  open_command->add_option("--seed", open->seed, "Published seed: equal gains and the sides")
      ->capture_default_str();
  open_command
      ->add_option("--max-per-judge", open->max_per_judge,
                   "Answers a judge gives at most (0: every pair they may judge)")
      ->check(CLI::NonNegativeNumber);
  open_command->callback([open, &invocation] { invocation.exit_code = Open(*open); });

  auto show = std::make_shared<FinalOptions>();
  Sub(*final, "show", "The final: its finalists, answers and (admins) standing", *show)
      ->callback([show, &invocation] { invocation.exit_code = Show(*show); });
  auto next = std::make_shared<FinalOptions>();
  Sub(*final, "next", "The pair you are to compare now (judges)", *next)
      ->callback([next, &invocation] { invocation.exit_code = Next(*next); });
  auto close = std::make_shared<FinalOptions>();
  Sub(*final, "close", "End the final: no answers after (admins)", *close)
      ->callback([close, &invocation] { invocation.exit_code = Close(*close); });

  auto answer = std::make_shared<FinalOptions>();
  CLI::App* answer_command = Sub(*final, "answer", "Answer the pair you were shown", *answer);
  answer_command->add_option("left", answer->left, "The entry on the left")->required();
  answer_command->add_option("right", answer->right, "The entry on the right")->required();
  answer_command
      ->add_option("outcome", answer->outcome, "left, right, even (비슷함) or skip (건너뛰기)")
      ->required()
      ->check(CLI::IsMember({"left", "right", "even", "skip"}));
  answer_command->callback([answer, &invocation] { invocation.exit_code = Answer(*answer); });
}

}  // namespace poster::app
