// The custom platform's request headers may hold a credential of their own: given on standard
// input after the secret (--option headers=-), sealed under the master key next to it, sent with
// each check, and never in options_json, `keys list` or the database file in clear. Headers an
// older version stored in clear are sealed on the next unlock.
#include "tests/cli/clitest.h"
#include "tests/support/secretscan.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QJsonObject>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-sealed-0123456789abcdef";
const QByteArray kTeamToken = "TEAMCANARY-93b1c0f7de";

} // namespace

class CliSealedOptions : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_server.route("GET", "/v1/balance", TestResponse::json(R"({"balance": 12.5})"));
    }

    QStringList customArgs() const
    {
        return {QStringLiteral("keys"),       QStringLiteral("add"),
                QStringLiteral("--name"),     QStringLiteral("relay"),
                QStringLiteral("--platform"), QStringLiteral("custom"),
                QStringLiteral("--base-url"), m_server.baseUrl(),
                QStringLiteral("--option"),   QStringLiteral("path=/v1/balance"),
                QStringLiteral("--option"),   QStringLiteral("remaining_pointer=/balance")};
    }

    QString optionsJson(qint64 id)
    {
        auto row = db().run(QStringLiteral("SELECT options_json FROM api_keys WHERE id = ?"), {id});
        return row && row->next() ? row->value(0).toString() : QString();
    }

    void expectNowhereInClear()
    {
        for (const QByteArray &output : std::as_const(m_outputs))
            EXPECT_TRUE(holdsNoSecret({kTeamToken, kSecret}, output, QStringLiteral("a command's output")));
        if (!isPostgres()) {
            QFile file(sqlitePath());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly));
            EXPECT_TRUE(
                holdsNoSecret({kTeamToken, kSecret}, file.readAll(), QStringLiteral("the database file")));
        }
    }

    TestHttpServer m_server;
};

TEST_F(CliSealedOptions, HeadersFromStandardInputAreSealedAndSent)
{
    const QByteArray headers = R"({"X-Api-Key": "{key}", "X-Team": ")" + kTeamToken + R"("})";
    const CliResult added = runDb(customArgs() << QStringLiteral("--option") << QStringLiteral("headers=-"),
                                  kSecret + '\n' + headers + '\n');
    ASSERT_TRUE(succeeded(added)) << added.describe();
    const qint64 id = added.outText().trimmed().toLongLong();

    const CliResult checked = runDb({QStringLiteral("check"), QString::number(id)});
    ASSERT_TRUE(succeeded(checked)) << checked.describe();
    ASSERT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(m_server.requests()[0].header("X-Team"), kTeamToken);
    EXPECT_EQ(m_server.requests()[0].header("X-Api-Key"), kSecret);

    EXPECT_FALSE(optionsJson(id).contains(QLatin1String("X-Team"))) << optionsJson(id).toStdString();
    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 1);
    EXPECT_FALSE(keys.first()
                     .toObject()
                     .value(QLatin1String("options"))
                     .toObject()
                     .contains(QLatin1String("headers")));

    // An edit that does not give the headers again keeps them.
    const auto stored = storedKeys();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_FALSE(stored.front().secretOptionsEnc.isEmpty());
    const auto opened = decrypt(m_masterKey, stored.front().secretOptionsEnc);
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened->contains(kTeamToken));
    expectNowhereInClear();
}

TEST_F(CliSealedOptions, AMissingHeadersLineIsRefusedAndNothingStored)
{
    const CliResult added =
        runDb(customArgs() << QStringLiteral("--option") << QStringLiteral("headers=-"), kSecret + '\n');
    EXPECT_TRUE(failedWith(added, kExitUsage, {QStringLiteral("headers")}));
    EXPECT_EQ(keyCount(), 0);
}

// A key stored before headers were sealed: the next unlock moves them out of options_json, and
// the check still sends them.
TEST_F(CliSealedOptions, HeadersStoredInClearAreSealedOnTheNextUnlock)
{
    const qint64 id = addKey(QStringLiteral("old"), QStringLiteral("custom"), kSecret,
                             {QStringLiteral("--base-url"), m_server.baseUrl(), QStringLiteral("--option"),
                              QStringLiteral("path=/v1/balance"), QStringLiteral("--option"),
                              QStringLiteral("remaining_pointer=/balance")});
    ASSERT_GT(id, 0);
    const QString old =
        QStringLiteral(
            R"({"path":"/v1/balance","remaining_pointer":"/balance","headers":"{\"Authorization\": \"Bearer {key}\", \"X-Team\": \"%1\"}"})")
            .arg(QString::fromLatin1(kTeamToken));
    // As an older QuotaWatch left it: no destination bindings either.
    auto changed = db().run(
        QStringLiteral(
            "UPDATE api_keys SET options_json = ?, secret_options_enc = '', binding = NULL WHERE id = ?"),
        {old, id});
    ASSERT_TRUE(changed) << changed.error().message.toStdString();
    ASSERT_TRUE(db().run(QStringLiteral("DELETE FROM settings WHERE key = 'destination_binding_version'")));

    // Exit 0; stderr says the old rows were bound.
    const CliResult checked = runDb({QStringLiteral("check"), QString::number(id)});
    ASSERT_EQ(checked.exitCode, 0) << checked.describe();
    ASSERT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(m_server.requests()[0].header("X-Team"), kTeamToken);
    EXPECT_EQ(m_server.requests()[0].header("Authorization"), "Bearer " + kSecret);

    const QString options = optionsJson(id);
    EXPECT_FALSE(options.contains(QLatin1String("TEAMCANARY"))) << options.toStdString();
    EXPECT_TRUE(options.contains(QLatin1String("remaining_pointer"))) << options.toStdString();
    const auto stored = storedKeys();
    ASSERT_EQ(stored.size(), 1u);
    const auto opened = decrypt(m_masterKey, stored.front().secretOptionsEnc);
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened->contains(kTeamToken));
}

// In a database whose rows are bound, clear-text headers written behind QuotaWatch's back are not
// "upgraded": sealing them and binding the row again would launder a redirected key.
TEST_F(CliSealedOptions, ClearHeadersInABoundDatabaseAreNotLaundered)
{
    const qint64 id = addKey(QStringLiteral("bound"), QStringLiteral("custom"), kSecret,
                             {QStringLiteral("--base-url"), m_server.baseUrl(), QStringLiteral("--option"),
                              QStringLiteral("path=/v1/balance"), QStringLiteral("--option"),
                              QStringLiteral("remaining_pointer=/balance")});
    ASSERT_GT(id, 0);
    const QString planted =
        QStringLiteral(
            R"({"path":"/v1/balance","remaining_pointer":"/balance","headers":"{\"X-Team\": \"%1\"}"})")
            .arg(QString::fromLatin1(kTeamToken));
    ASSERT_TRUE(db().run(QStringLiteral("UPDATE api_keys SET options_json = ? WHERE id = ?"), {planted, id}));

    const CliResult checked = runDb({QStringLiteral("check"), QString::number(id)});
    EXPECT_EQ(checked.exitCode, 1) << checked.describe();
    EXPECT_EQ(m_server.requestCount(), 0);
    EXPECT_TRUE(checked.outText().contains(QLatin1String("integrity_error"))) << checked.describe();
    EXPECT_EQ(optionsJson(id), planted);
}

// A hint made by the old rule (which guessed a prefix from the first separator and could show 8
// leading characters) is recomputed from the secret on the next unlock.
TEST_F(CliSealedOptions, OldHintsAreRecomputedOnTheNextUnlock)
{
    const QByteArray secret = "a1b2c3d4-0123456789abcdefWXYZ";
    const qint64 id = addKey(QStringLiteral("plain"), QStringLiteral("deepseek"), secret,
                             {QStringLiteral("--base-url"), m_server.baseUrl()});
    ASSERT_GT(id, 0);
    const QString fresh = storedKeys().front().secretHint;
    EXPECT_EQ(fresh, QString(QChar(0x2026)) + QStringLiteral("WXYZ"));
    auto changed =
        db().run(QStringLiteral("UPDATE api_keys SET secret_hint = ? WHERE id = ?"),
                 {QString(QStringLiteral("a1b2c3d4-") + QChar(0x2026) + QStringLiteral("WXYZ")), id});
    ASSERT_TRUE(changed) << changed.error().message.toStdString();
    EXPECT_NE(storedKeys().front().secretHint, fresh);

    // Any command that unlocks the vault (the check's answer does not matter here).
    (void)runDb({QStringLiteral("check"), QString::number(id)});
    EXPECT_EQ(storedKeys().front().secretHint, fresh);
}
