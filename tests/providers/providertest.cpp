#include "tests/providers/providertest.h"

#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <QUrl>

namespace qw::test {

void ProviderTest::SetUp()
{
    m_db = m_testDb.open();
    ASSERT_NE(m_db, nullptr);
    auto owner = UserRepository(*m_db).ensureOwner();
    ASSERT_TRUE(owner);
    m_owner = *owner;
    auto fernet = Fernet::fromKey(Fernet::generateKey().view());
    ASSERT_TRUE(fernet);
    m_vault = std::make_unique<Vault>(std::move(*fernet));
    HttpClientLimits limits;
    limits.timeoutMs = 600; // the "never answers" cases end quickly
    m_http = std::make_unique<HttpClient>(limits);
    m_runner = std::make_unique<CheckRunner>(m_platforms, *m_http, m_clock);
    m_service = std::make_unique<CheckService>(*m_db, *m_vault, *m_runner);
}

void ProviderTest::TearDown()
{
    m_service.reset();
    m_runner.reset();
    m_http.reset();
}

Snapshot ProviderTest::check(const QString &platform, const QStringList &options, const QString &baseUrl,
                             const QByteArray &secret)
{
    KeyDraft draft;
    draft.name = QStringLiteral("test key");
    draft.platform = platform;
    draft.baseUrl = baseUrl.isEmpty() ? m_server.baseUrl() : baseUrl;
    draft.options = options;
    auto key = KeyValidator(m_platforms).validate(draft);
    if (!key) {
        ADD_FAILURE() << "invalid test key: " << key.error().message.toStdString();
        return {};
    }
    KeyService service(*m_db, &*m_vault, m_owner);
    auto id = service.add(PendingKey{std::move(*key), SecureBytes::copyOf(secret)});
    if (!id) {
        ADD_FAILURE() << id.error().message.toStdString();
        return {};
    }

    std::optional<Snapshot> result;
    bool stored = false;
    QEventLoop loop;
    QObject::connect(m_service.get(), &CheckService::checkFinished, &loop,
                     [&](qint64 keyId, const Snapshot &snapshot, bool wasStored) {
                         if (keyId != *id)
                             return;
                         result = snapshot;
                         stored = wasStored;
                         loop.quit();
                     });
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    m_service->check(*id);
    loop.exec();
    if (!result) {
        ADD_FAILURE() << "the check did not finish within 15 s";
        return {};
    }
    EXPECT_TRUE(stored) << "the snapshot was not stored";
    // What was stored is what was reported.
    auto latest = SnapshotRepository(*m_db).latest(*id);
    EXPECT_TRUE(latest && *latest);
    if (latest && *latest) {
        EXPECT_EQ(toString((*latest)->status), toString(result->status));
        EXPECT_EQ((*latest)->remaining, result->remaining);
        EXPECT_EQ((*latest)->used, result->used);
        EXPECT_EQ((*latest)->limit, result->limit);
        EXPECT_EQ((*latest)->kind, result->kind);
        EXPECT_EQ((*latest)->unit, result->unit);
        EXPECT_EQ((*latest)->balances, result->balances);
        EXPECT_EQ((*latest)->resetsAt, result->resetsAt);
        EXPECT_EQ((*latest)->error, result->error);
    }
    EXPECT_EQ(result->checkedAt, m_clock.nowUtc());
    return *result;
}

QByteArray ProviderTest::fixture(const QString &relativePath)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/") + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "missing fixture " << relativePath.toStdString();
        return {};
    }
    return file.readAll();
}

void ProviderTest::serveFixture(const QByteArray &path, const QString &relativePath, int status)
{
    m_server.route("GET", path, TestResponse::json(fixture(relativePath), status));
}

void ProviderTest::serveJson(const QByteArray &path, const QByteArray &body, int status)
{
    m_server.route("GET", path, TestResponse::json(body, status));
}

void ProviderTest::expectSecretOnlyInHeaders() const
{
    const auto requests = m_server.requests();
    ASSERT_FALSE(requests.empty());
    for (const RecordedRequest &request : requests) {
        EXPECT_FALSE(request.path.contains(kSecret)) << request.path.toStdString();
        EXPECT_FALSE(request.query.contains(kSecret)) << request.query.toStdString();
        EXPECT_FALSE(request.body.contains(kSecret));
        bool inHeader = false;
        for (const auto &[name, value] : request.headers)
            inHeader = inHeader || value.contains(kSecret);
        EXPECT_TRUE(inHeader) << "the secret was not sent to " << request.path.toStdString();
    }
}

QString ProviderTest::queryParam(int request, const QByteArray &name) const
{
    const auto requests = m_server.requests();
    if (request >= int(requests.size()))
        return QStringLiteral("<no request %1>").arg(request);
    for (const QByteArray &pair : requests[std::size_t(request)].query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals > 0 && pair.left(equals) == name)
            return QUrl::fromPercentEncoding(QByteArray(pair.mid(equals + 1)).replace('+', ' '));
    }
    return QStringLiteral("<absent>");
}

QByteArray ProviderTest::sentHeader(QByteArrayView name, int request) const
{
    const auto requests = m_server.requests();
    if (request >= int(requests.size())) {
        ADD_FAILURE() << "no request " << request;
        return {};
    }
    return requests[std::size_t(request)].header(name);
}

void ProviderTest::expectOk(const Snapshot &snapshot)
{
    EXPECT_EQ(toString(snapshot.status).toStdString(), "ok") << snapshot.error.toStdString();
    EXPECT_TRUE(snapshot.error.isEmpty()) << snapshot.error.toStdString();
}

void ProviderTest::expectError(const Snapshot &snapshot, CheckStatus status)
{
    EXPECT_EQ(toString(snapshot.status), toString(status)) << snapshot.error.toStdString();
    EXPECT_FALSE(snapshot.error.isEmpty());
    EXPECT_FALSE(snapshot.error.contains(QLatin1String(kSecret))) << snapshot.error.toStdString();
    EXPECT_FALSE(snapshot.remaining.has_value());
}

} // namespace qw::test
