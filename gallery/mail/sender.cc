// The outbox's sender: claim what is due, send each, mark each; and the
// worker thread that does so every little while inside `poster serve`.
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "gallery/mail/mail.h"

namespace poster::gallery {
namespace {

constexpr int kBatch = 20;

Status SendOne(const MailSettings& settings, const OutboxMessage& message) {
  if (message.channel == "webhook") {
    WebhookSettings webhook = settings.webhook;
    webhook.url = message.address;  // where it was queued for
    return PostWebhook(webhook, message.body, settings.timeout_seconds);
  }
  MailMessage mail;
  mail.from_address = settings.from_address;
  mail.from_name = settings.from_name;
  mail.to_address = message.address;
  mail.subject = message.subject;
  mail.body = message.body;
  mail.optional = message.kind == "voting_opens" || message.kind == "voting_closes_soon" ||
                  message.kind == "results_announced";
  mail.unsubscribe_url = settings.site_url + "/#/notices";
  return SendMail(settings, mail);
}

// The claim outlasts the slowest send, so no other sender takes it meanwhile.
std::chrono::seconds Lease(const MailSettings& settings) {
  return std::chrono::seconds(2 * settings.timeout_seconds + 60);
}

Status Account(Catalogue& catalogue, const MailSettings& settings, const OutboxMessage& message,
               const Status& sent, SendReport& report) {
  if (sent.ok()) {
    ++report.sent;
    return catalogue.MarkSent(message.id, message.claim);
  }
  bool last = message.attempts + 1 >= settings.max_attempts;
  ++(last ? report.failed : report.retried);
  return catalogue.MarkAttemptFailed(message.id, message.claim, sent.message(),
                                     settings.max_attempts);
}

}  // namespace

Result<SendReport> SendDueMessages(Catalogue& catalogue, const std::function<bool()>& keep_going) {
  SendReport report;
  MailSettings settings = catalogue.Config().mail;
  if (!settings.enabled) return report;
  POSTER_ASSIGN_OR_RETURN(report.queued, catalogue.QueueScheduledNotices());
  while (keep_going()) {
    POSTER_ASSIGN_OR_RETURN(std::vector<OutboxMessage> batch,
                            catalogue.ClaimDueMessages(kBatch, Lease(settings)));
    if (batch.empty()) break;
    for (const OutboxMessage& message : batch) {
      // A message claimed but not sent because of a stop goes out after the
      // claim lapses: it was never handed to the server.
      if (!keep_going()) return report;
      POSTER_RETURN_IF_ERROR(
          Account(catalogue, settings, message, SendOne(settings, message), report));
    }
  }
  return report;
}

struct MailWorker::State {
  Catalogue* catalogue = nullptr;
  std::chrono::milliseconds every{};
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;

  bool Running() {
    std::lock_guard lock(mutex);
    return !stopping;
  }

  void Loop() {
    while (Running()) {
      Result<SendReport> report = SendDueMessages(*catalogue, [this] { return Running(); });
      if (!report.ok()) std::cerr << "poster: notices: " << report.status().message() << "\n";
      std::unique_lock lock(mutex);
      wake.wait_for(lock, every, [this] { return stopping; });
    }
  }
};

std::unique_ptr<MailWorker> MailWorker::Start(Catalogue& catalogue,
                                              std::chrono::milliseconds every) {
  auto state = std::make_unique<State>();
  state->catalogue = &catalogue;
  state->every = every;
  state->thread = std::thread([raw = state.get()] { raw->Loop(); });
  return std::unique_ptr<MailWorker>(new MailWorker(std::move(state)));
}

MailWorker::MailWorker(std::unique_ptr<State> state) : state_(std::move(state)) {}

MailWorker::~MailWorker() { Stop(); }

void MailWorker::Stop() {
  if (!state_ || !state_->thread.joinable()) return;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  state_->thread.join();
}

}  // namespace poster::gallery
