// poster judge assign|drop|score|list|recuse.
#include <iostream>
#include <sstream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct JudgeOptions {
  Common common;
  std::string actor;
  std::string seed = "poster";
  std::string judge;
  int64_t entry = 0;
  std::string scores;   // "8,7,9,6" in rubric order
  std::string comment;  // the judge's 심사평, optional
  std::string reason;   // why the judge recuses
};

std::string AssignmentsText(const std::vector<voting::Assignment>& assignments) {
  std::ostringstream text;
  for (const voting::Assignment& a : assignments) text << "#" << a.entry << "  " << a.judge << "\n";
  return text.str();
}

std::string AssignmentsJson(const std::vector<voting::Assignment>& assignments) {
  std::string json = "[";
  for (const voting::Assignment& a : assignments) {
    json += (json.size() > 1 ? "," : "") + std::string("{\"judge\":\"") + a.judge +
            "\",\"entry\":" + std::to_string(a.entry) + "}";
  }
  return json + "]";
}

int Assign(const JudgeOptions& options, bool drop) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::vector<voting::Assignment>> assigned =
      drop ? catalogue->DropJudge(options.judge, options.seed, options.actor)
           : catalogue->AssignJudges(options.seed, options.actor);
  if (!assigned.ok()) return Finish(options.common, assigned.status(), "", "");
  return Finish(options.common, Status::Ok(), AssignmentsJson(*assigned),
                AssignmentsText(*assigned));
}

int Score(const JudgeOptions& options) {
  std::vector<int> scores;
  std::stringstream list(options.scores);
  for (std::string word; std::getline(list, word, ',');) {
    try {
      scores.push_back(std::stoi(word));
    } catch (const std::exception&) {
      std::cerr
          << "poster judge score: --scores takes whole numbers separated by commas, like 8,7,9,6\n";
      return kExitUsage;
    }
  }
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Status status = catalogue->Score(options.actor, options.entry, scores, options.comment);
  return Finish(options.common, status, "{\"status\":\"ok\"}",
                "scored #" + std::to_string(options.entry) + "\n");
}

int List(const JudgeOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenForReading(options.common);
  if (!catalogue) return kExitUsage;
  Result<std::vector<gallery::JudgeTask>> tasks = catalogue->JudgeTasks(options.actor);
  if (!tasks.ok()) return Finish(options.common, tasks.status(), "", "");
  std::ostringstream text;
  size_t done = 0;
  for (const gallery::JudgeTask& task : *tasks) {
    done += task.scores.has_value();
    text << task.position << ". " << (task.scores ? "[x] #" : "[ ] #") << task.entry << "  "
         << task.title << "\n";
  }
  text << done << "/" << tasks->size() << "\n";
  return Finish(options.common, Status::Ok(), gallery::JsonText(gallery::JudgeTasksJson(*tasks)),
                text.str());
}

int Recuse(const JudgeOptions& options) {
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  Result<gallery::Recusal> recusal =
      catalogue->Recuse(options.actor, options.entry, options.reason);
  if (!recusal.ok()) return Finish(options.common, recusal.status(), "", "");
  std::string json = "{\"judge\":\"" + recusal->judge +
                     "\",\"entry\":" + std::to_string(recusal->entry) + ",\"recused_at\":\"" +
                     recusal->recused_at + "\"}";
  return Finish(options.common, Status::Ok(), json,
                "recused from #" + std::to_string(options.entry) + "\n");
}

void AddRecuseCommand(CLI::App& judge, Invocation& invocation) {
  auto recuse = std::make_shared<JudgeOptions>();
  CLI::App* command = judge.add_subcommand(
      "recuse", "Declare a conflict with an entry on your list; it goes to another judge");
  AddCommonOptions(*command, recuse->common);
  AddActor(*command, recuse->actor);
  command->add_option("entry", recuse->entry, "Entry number")
      ->required()
      ->check(CLI::PositiveNumber);
  command->add_option("--reason", recuse->reason, "Why (10 to 500 characters); it is logged")
      ->required();
  command->callback([recuse, &invocation] { invocation.exit_code = Recuse(*recuse); });
}

}  // namespace

void AddJudgeCommand(CLI::App& app, Invocation& invocation) {
  CLI::App* judge = app.add_subcommand("judge", "Judging: assign judges, score, see your list");
  judge->require_subcommand(1);
  auto assign = std::make_shared<JudgeOptions>();
  CLI::App* assign_command =
      judge->add_subcommand("assign", "Assign judges to every approved entry (admins)");
  AddCommonOptions(*assign_command, assign->common);
  AddActor(*assign_command, assign->actor);
  assign_command->add_option("--seed", assign->seed, "Published seed for the random spread")
      ->capture_default_str();
  assign_command->callback(
      [assign, &invocation] { invocation.exit_code = Assign(*assign, false); });

  auto drop = std::make_shared<JudgeOptions>();
  CLI::App* drop_command =
      judge->add_subcommand("drop", "Reassign a judge's unscored entries (admins)");
  AddCommonOptions(*drop_command, drop->common);
  AddActor(*drop_command, drop->actor);
  drop_command->add_option("judge", drop->judge, "The judge who leaves")->required();
  drop_command->add_option("--seed", drop->seed, "Published seed")->capture_default_str();
  drop_command->callback([drop, &invocation] { invocation.exit_code = Assign(*drop, true); });

  auto score = std::make_shared<JudgeOptions>();
  CLI::App* score_command = judge->add_subcommand("score", "Score an entry on the rubric");
  AddCommonOptions(*score_command, score->common);
  AddActor(*score_command, score->actor);
  score_command->add_option("entry", score->entry, "Entry number")
      ->required()
      ->check(CLI::PositiveNumber);
  score_command
      ->add_option("--scores", score->scores, "One score per criterion, in rubric order: 8,7,9,6")
      ->required();
  score_command->add_option("--comment", score->comment,
                            "The judge's comment (심사평), kept with the scores; an admin decides "
                            "whether it is published");
  score_command->callback([score, &invocation] { invocation.exit_code = Score(*score); });

  auto list = std::make_shared<JudgeOptions>();
  CLI::App* list_command =
      judge->add_subcommand("list", "Your entries to judge, and your progress");
  AddCommonOptions(*list_command, list->common);
  AddActor(*list_command, list->actor);
  list_command->callback([list, &invocation] { invocation.exit_code = List(*list); });
  AddRecuseCommand(*judge, invocation);
}

}  // namespace poster::app
