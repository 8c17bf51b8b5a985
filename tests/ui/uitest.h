// Base fixture for widget tests: a Session on a fresh database (SQLite, or the backend
// QW_TEST_BACKEND names) with its own
// master key, a real HTTP server on 127.0.0.1 playing DeepSeek, and helpers to store keys and
// snapshots the way the app would. QSettings are cleared before each test.
#pragma once

#include "core/model/snapshot.h"
#include "core/session/session.h"
#include "tests/support/testdatabase.h"
#include "tests/support/testhttpserver.h"

#include <gtest/gtest.h>
#include <memory>

// Not QTest's QTRY_* macros here: under GoogleTest a timeout only reaches QTest's own log and the
// test passes. Wait with waitFor() (tests/support/waitfor.h) and assert on its result.

namespace qw::test {

class UiTest : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    [[nodiscard]] Session &session() { return *m_session; }
    // A DeepSeek key pointing at the test server's `scenario` path (routes: "ok" answers 110.5
    // CNY, "refused" 401); threshold "" for none. Its id.
    qint64 addKey(const QString &name, const QString &scenario = QStringLiteral("ok"),
                  const QString &threshold = {});
    // Stores a successful snapshot of `remaining` CNY for `keyId` at `at` (UTC).
    qint64 addSnapshot(qint64 keyId, const QDateTime &at, double remaining,
                       const QString &unit = QStringLiteral("CNY"));
    [[nodiscard]] QString providerUrl(const QString &scenario) const;
    // A scenario that answers like "ok", `delayMs` later: a provider slow to answer, or hanging.
    void routeDelayed(const QByteArray &scenario, int delayMs);

    TestHttpServer m_server;
    std::unique_ptr<TestDatabase> m_testDb;
    std::unique_ptr<Session> m_session;
};

} // namespace qw::test
