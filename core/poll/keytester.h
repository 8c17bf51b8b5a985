// Checks a key once as a form or a command line describes it, without storing anything and
// without a database: the key editor's "Test" and `quotawatch keys test`. The key is taken as
// given (validate it first); the result is the snapshot a stored check would have had.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/poll/httpclient.h"

#include <QObject>
#include <functional>

namespace qw {

class CheckRunner;
class PlatformRegistry;

class KeyTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyTester)

public:
    // The snapshot has key id 0.
    using Done = std::function<void(const Snapshot &snapshot)>;

    // `runner` (a session's, say) must outlive the tester.
    explicit KeyTester(CheckRunner &runner, QObject *parent = nullptr);
    ~KeyTester() override;

    // Checks `key` with `secret`; `done` once, later, from the event loop, unless the tester
    // goes first. Without a hint the key gets the secret's, so an error that echoes the secret
    // is scrubbed to it.
    void test(ApiKey key, SecureBytes secret, Done done);

    // For front ends without a session: its own HTTP client and runner, waiting for the answer
    // in a local event loop (the HTTP client's timeout bounds it). Never call it from a window.
    [[nodiscard]] static Snapshot testOnce(const PlatformRegistry &platforms, ApiKey key, SecureBytes secret,
                                           const HttpClientLimits &limits = {});

private:
    CheckRunner &m_runner;
};

} // namespace qw
