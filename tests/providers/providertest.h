// Base fixture for provider tests: a real HTTP server on 127.0.0.1 plays the provider, and each
// check goes the whole way a real one goes — a key stored through KeyService with the server as
// its base URL, then CheckService: decrypt, adapter, HTTP client, parse, snapshot stored.
#pragma once

#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/model/snapshot.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/httpclient.h"
#include "core/storage/database.h"
#include "tests/support/fixedclock.h"
#include "tests/support/testdatabase.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qw::test {

// Readable comparisons in provider tests: amounts as micro-units, kinds and times as text.
[[nodiscard]] inline std::optional<qint64> microsOf(const std::optional<Amount> &amount)
{
    return amount ? std::optional<qint64>(amount->micros()) : std::nullopt;
}

[[nodiscard]] inline std::string kindOf(const Snapshot &snapshot)
{
    return snapshot.kind ? toString(*snapshot.kind).toStdString() : std::string("none");
}

[[nodiscard]] inline std::string isoOf(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs).toStdString() : std::string("invalid");
}

using Balances = std::vector<std::pair<qint64, std::string>>;

[[nodiscard]] inline Balances balancesOf(const Snapshot &snapshot)
{
    Balances balances;
    for (const Balance &balance : snapshot.balances)
        balances.emplace_back(balance.amount.micros(), balance.unit.toStdString());
    return balances;
}

// "110 CNY", "5.5 USD": balances as a user reads them.
[[nodiscard]] inline std::vector<std::string> balanceTexts(const std::vector<Balance> &balances)
{
    std::vector<std::string> texts;
    for (const Balance &balance : balances)
        texts.push_back(QString(balance.amount.toString() + QLatin1Char(' ') + balance.unit).toStdString());
    return texts;
}

class ProviderTest : public ::testing::Test
{
protected:
    // The secret every test key uses; tests assert where it travels and where it never does.
    static constexpr auto kSecret = "sk-test-0123456789abcdef-SECRET";
    // "Now" for every check: mid-month, so month starts are unambiguous.
    static QDateTime fixedNow() { return QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC); }

    void SetUp() override;
    void TearDown() override;

    // Stores a key of `platform` whose base URL is the test server (or `baseUrl`), checks it
    // through CheckService and returns the stored snapshot. The check must end within 15 s.
    Snapshot check(const QString &platform, const QStringList &options = {}, const QString &baseUrl = {},
                   const QByteArray &secret = kSecret);

    // A file under tests/data/providers/, e.g. fixture("deepseek/cny_and_usd.json").
    static QByteArray fixture(const QString &relativePath);
    // Serves fixture(relativePath) with `status` for GET `path`.
    void serveFixture(const QByteArray &path, const QString &relativePath, int status = 200);
    void serveJson(const QByteArray &path, const QByteArray &body, int status = 200);

    // The secret went to the server only in headers, and never in a path or query.
    void expectSecretOnlyInHeaders() const;
    // The check worked: status ok and no error text.
    static void expectOk(const Snapshot &snapshot);
    // The check failed with `status` and a message a user can act on: not empty, without the
    // secret, and no amount pretending to be a reading.
    static void expectError(const Snapshot &snapshot, CheckStatus status);
    // The query parameter `name` of recorded request `request`, as a server reads it ('+' is a
    // space, then percent-decoding); "<absent>" or "<no request N>" otherwise.
    [[nodiscard]] QString queryParam(int request, const QByteArray &name) const;
    // The first recorded request's header `name`.
    [[nodiscard]] QByteArray sentHeader(QByteArrayView name, int request = 0) const;

    TestHttpServer m_server;
    TestDatabase m_testDb{QStringLiteral("sqlite")};
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Vault> m_vault;
    FixedClock m_clock{fixedNow()};
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CheckRunner> m_runner;
    std::unique_ptr<CheckService> m_service;
    qint64 m_owner = 0;
};

} // namespace qw::test
