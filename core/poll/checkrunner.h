// Runs one adapter conversation for one key and secret: sends each request the adapter asks
// for through the HttpClient and hands back the outcome with its latency. Stores nothing; the
// caller owns the secret and keeps it alive until the callback has run.
#pragma once

#include "adapters/adapter.h"
#include "core/crypto/securebytes.h"
#include "core/model/apikey.h"

#include <QObject>
#include <functional>

namespace qw {

class Clock;
class HttpClient;
class PlatformRegistry;

struct CheckRun
{
    CheckOutcome outcome;
    QDateTime checkedAt; // UTC, when the check started
    int latencyMs = 0;   // from the first request to the outcome
};

class CheckRunner final
{
public:
    CheckRunner(const PlatformRegistry &platforms, HttpClient &http, const Clock &clock);

    static constexpr int kMaxRequestsPerCheck = 50;

    // Checks `key` with `secret`; `done` is called once, later, from the event loop. The secret
    // must stay alive until then. Errors never contain the secret: messages that echo it are
    // scrubbed to the key's hint.
    void run(const ApiKey &key, std::shared_ptr<const SecureBytes> secret,
             std::function<void(CheckRun)> done);

private:
    const PlatformRegistry &m_platforms;
    HttpClient &m_http;
    const Clock &m_clock;
};

} // namespace qw
