#include "core/poll/checkrunner.h"

#include "adapters/platformregistry.h"
#include "adapters/providertext.h"
#include "core/clock.h"
#include "core/poll/cleartextpolicy.h"
#include "core/poll/httpclient.h"
#include "core/poll/secretscrubber.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QUrl>

namespace qw {

namespace {

// One check in flight: the adapter's query and what it needs until the outcome is known.
struct Conversation
{
    std::shared_ptr<const SecureBytes> secret;
    std::unique_ptr<BalanceQuery> query;
    QString baseUrl;
    QString hint;
    QDateTime checkedAt;
    QElapsedTimer elapsed;
    int requests = 0;
    std::function<void(CheckRun)> done;
};

// A provider may echo the key, or a slice of it, in what it answers. The body is scrubbed before
// the adapter reads it, so the key is gone before a message is cut to length (a cut could leave
// a slice that no longer matches the whole key). The final message is scrubbed again for what
// did not come from the body (a transport error quoting a URL), and for a run of digits the
// body pass spared as a possible amount.
//
// Provider text is cleaned here, the one place every outcome passes: control characters go
// before the scrubber runs (one hidden inside an echoed key would otherwise hide it from the
// scrubber), the length cap after it.
void finish(const std::shared_ptr<Conversation> &conversation, CheckOutcome outcome)
{
    if (!outcome) {
        outcome.error().message = ProviderText::stripped(outcome.error().message);
        SecretScrubber(conversation->secret->view(), conversation->hint).scrub(outcome.error().message);
    }
    ProviderText::clean(outcome);
    CheckRun run{std::move(outcome), conversation->checkedAt, int(conversation->elapsed.elapsed())};
    auto done = std::move(conversation->done);
    conversation->query.reset();
    done(std::move(run));
}

void step(const std::shared_ptr<Conversation> &conversation, HttpClient &http, const HttpReply *previous)
{
    QueryStep next = conversation->query->next(previous);
    if (auto *outcome = std::get_if<CheckOutcome>(&next)) {
        finish(conversation, std::move(*outcome));
        return;
    }
    if (++conversation->requests > CheckRunner::kMaxRequestsPerCheck) {
        finish(conversation,
               checkFailed(CheckStatus::ProviderError,
                           QStringLiteral("the provider needed more than %1 requests for one check")
                               .arg(CheckRunner::kMaxRequestsPerCheck)));
        return;
    }
    http.send(conversation->baseUrl, std::get<HttpRequestSpec>(std::move(next)),
              [conversation, &http](HttpResult result) {
                  if (!result) {
                      finish(conversation, tl::unexpected(result.error()));
                      return;
                  }
                  SecretScrubber(conversation->secret->view(), conversation->hint)
                      .scrub(result->body, SecretScrubber::Numbers::Spare);
                  step(conversation, http, &*result);
              });
}

} // namespace

CheckRunner::CheckRunner(const PlatformRegistry &platforms, HttpClient &http, const Clock &clock)
    : m_platforms(platforms)
    , m_http(http)
    , m_clock(clock)
{}

void CheckRunner::run(const ApiKey &key, std::shared_ptr<const SecureBytes> secret,
                      std::function<void(CheckRun)> done)
{
    auto conversation = std::make_shared<Conversation>();
    conversation->secret = std::move(secret);
    conversation->hint = key.secretHint;
    conversation->checkedAt = m_clock.nowUtc();
    conversation->done = std::move(done);
    conversation->elapsed.start();

    const Adapter *adapter = m_platforms.find(key.platform);
    if (!adapter) {
        // Callbacks never run inside run(): callers may still be setting up.
        QTimer::singleShot(0, &m_http, [conversation, platform = key.platform] {
            finish(
                conversation,
                checkFailed(CheckStatus::Unsupported,
                            QStringLiteral("this QuotaWatch does not know the platform “%1”").arg(platform)));
        });
        return;
    }
    const QString baseUrl = key.baseUrl.isEmpty() ? adapter->defaultBaseUrl() : key.baseUrl;
    // Validation refuses such a key, but the row may have been changed behind the app's back (a
    // shared database, a restored backup): the secret still must not cross the network in clear.
    if (CleartextPolicy::isCleartextOffLoopback(QUrl(baseUrl)) && !key.allowsInsecure()) {
        QTimer::singleShot(0, &m_http, [conversation, host = QUrl(baseUrl).host()] {
            finish(conversation,
                   checkFailed(CheckStatus::Unsupported,
                               QStringLiteral("not sent: the key's base URL is plain http:// to %1, which "
                                              "would expose the secret on the network; use https://, or "
                                              "allow it explicitly with --allow-insecure")
                                   .arg(host)));
        });
        return;
    }
    AdapterContext context;
    context.baseUrl = baseUrl;
    context.options = key.options;
    context.secret = conversation->secret->view();
    context.now = conversation->checkedAt;
    conversation->baseUrl = context.baseUrl;
    conversation->query = adapter->begin(context);
    QTimer::singleShot(0, &m_http, [conversation, &http = m_http] { step(conversation, http, nullptr); });
}

} // namespace qw
