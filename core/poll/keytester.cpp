#include "core/poll/keytester.h"

#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/httpclient.h"

#include <QEventLoop>
#include <QPointer>
#include <memory>
#include <optional>

namespace qw {

KeyTester::KeyTester(CheckRunner &runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{}

KeyTester::~KeyTester() = default;

void KeyTester::test(ApiKey key, SecureBytes secret, Done done)
{
    if (key.secretHint.isEmpty())
        key.secretHint = Vault::hintFor(secret.view());
    const QPointer<KeyTester> self(this);
    m_runner.run(key, std::make_shared<const SecureBytes>(std::move(secret)),
                 [self, done = std::move(done)](CheckRun run) {
                     if (self)
                         done(CheckService::snapshotOf(0, run));
                 });
}

Snapshot KeyTester::testOnce(const PlatformRegistry &platforms, ApiKey key, SecureBytes secret,
                             const HttpClientLimits &limits)
{
    SystemClock clock;
    HttpClient http(limits);
    CheckRunner runner(platforms, http, clock);
    KeyTester tester(runner);
    std::optional<Snapshot> result;
    QEventLoop loop;
    tester.test(std::move(key), std::move(secret), [&](const Snapshot &snapshot) {
        result = snapshot;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

} // namespace qw
