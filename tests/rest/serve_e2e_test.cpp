// `quotawatch serve` end to end, on the backend QW_TEST_BACKEND names: the real binary on a free
// port, reached over real HTTP and HTTPS (a certificate made by openssl here), its start-up
// errors (TLS files, a remote address), its stop on SIGTERM, and no secret in anything it sent
// or logged.
#include "tests/rest/restclient.h"
#include "tests/rest/serveprocess.h"
#include "tests/support/closedport.h"
#include "tests/support/secretscan.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslSocket>
#include <csignal>
#include <gtest/gtest.h>
#include <memory>

namespace qw::test {
namespace {

const QByteArray kKeySecret = "sk-e2e-7d3f19a0c2b84e65";

struct CertificateFiles
{
    QString certificate;
    QString key;
};

class ServeEndToEnd : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_serve = std::make_unique<ServeProcess>();
        if (!m_serve->available())
            GTEST_SKIP() << m_serve->skipReason().toStdString();
        // A key whose provider is down: serve checks it at once and logs the failure, so the log
        // the scan reads has the check path in it, not only the HTTP one.
        const ProcessOutcome added = m_serve->run(
            {QStringLiteral("keys"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("e2e"),
             QStringLiteral("--platform"), QStringLiteral("deepseek"), QStringLiteral("--base-url"),
             QStringLiteral("http://127.0.0.1:%1").arg(closedLoopbackPort())},
            kKeySecret);
        ASSERT_TRUE(added.finished && added.exitCode == 0) << added.describe();
        m_secrets = {kKeySecret, m_serve->masterKey()};
    }

    void TearDown() override
    {
        if (!m_serve || !m_serve->available())
            return;
        m_serve->stop();
        for (const QByteArray &body : std::as_const(m_bodies))
            EXPECT_TRUE(holdsNoSecret(m_secrets, body, QStringLiteral("a response body")));
        EXPECT_TRUE(holdsNoSecret(m_secrets, m_serve->log(), QStringLiteral("serve's stderr")));
        EXPECT_TRUE(holdsNoSecret(m_secrets, m_serve->output(), QStringLiteral("serve's stdout")));
    }

    // One request; its body is kept for the secret scan.
    HttpResult send(RestClient &client, const QByteArray &method, const QString &path,
                    const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    int timeoutMs = 15000)
    {
        HttpResult result = client.send(method, path, body, headers, timeoutMs);
        m_bodies.append(result.body);
        return result;
    }

    // A self-signed certificate for 127.0.0.1 and its key, made by openssl as a user would.
    CertificateFiles makeCertificate(const QString &name)
    {
        CertificateFiles files{m_serve->path(name + QStringLiteral("-cert.pem")),
                               m_serve->path(name + QStringLiteral("-key.pem"))};
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                       QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                       QStringLiteral("-keyout"), files.key, QStringLiteral("-out"), files.certificate});
        const bool finished = openssl.waitForFinished(60000);
        EXPECT_TRUE(finished && openssl.exitCode() == 0) << openssl.readAll().toStdString();
        return files;
    }

    // `serve` with these arguments must not start: exit code 2, nothing on stdout, one line on
    // stderr from quotawatch that names each of `mentions`.
    void expectStartRefused(const QStringList &args, const QStringList &mentions)
    {
        SCOPED_TRACE(args.join(u' ').toStdString());
        const ProcessOutcome outcome = m_serve->run(
            QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} +
            args);
        ASSERT_TRUE(outcome.finished) << outcome.describe();
        EXPECT_EQ(outcome.exitCode, 2) << outcome.describe();
        EXPECT_TRUE(outcome.out.isEmpty()) << outcome.describe();
        const QStringList lines = outcome.errLines();
        ASSERT_EQ(lines.size(), 1) << outcome.describe();
        EXPECT_TRUE(lines.first().startsWith(QLatin1String("quotawatch"))) << outcome.describe();
        for (const QString &mention : mentions)
            EXPECT_TRUE(lines.first().contains(mention)) << mention.toStdString() << "\n"
                                                         << outcome.describe();
        EXPECT_TRUE(holdsNoSecret(m_secrets, outcome.err, QStringLiteral("serve's stderr")));
    }

    std::unique_ptr<ServeProcess> m_serve;
    QByteArrayList m_secrets;
    QByteArrayList m_bodies;
};

TEST_F(ServeEndToEnd, TheLiveServerAnswersHealthOpenApiAndEachErrorOfTheTable)
{
    ASSERT_TRUE(m_serve->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
    const QUrl url = m_serve->url();
    EXPECT_EQ(url.scheme(), QStringLiteral("http"));
    EXPECT_EQ(url.host(), QStringLiteral("127.0.0.1"));
    EXPECT_GT(url.port(), 0);
    EXPECT_NE(url.port(), 8000) << "port 0 must pick a free port";
    RestClient client(url);

    const HttpResult health = send(client, "GET", QStringLiteral("/api/health"));
    ASSERT_EQ(health.status, 200) << health.networkError.toStdString();
    EXPECT_EQ(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(health.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(health.json().value(QStringLiteral("version")).toString(), QStringLiteral(QW_VERSION));

    const HttpResult openapi = send(client, "GET", QStringLiteral("/api/openapi.json"));
    ASSERT_EQ(openapi.status, 200);
    EXPECT_EQ(openapi.json().value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));

    const HttpResult missing = send(client, "GET", QStringLiteral("/api/no-such-thing"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_FALSE(missing.detail().isEmpty());

    const HttpResult wrongMethod = send(client, "DELETE", QStringLiteral("/api/health"));
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.header("Allow"), "GET");
    EXPECT_FALSE(wrongMethod.detail().isEmpty());

    // Refused as the bytes arrive: the client sees the 413, or a connection closed while it was
    // still sending; never anything else. The server goes on serving.
    const HttpResult tooLarge = send(client, "POST", QStringLiteral("/api/health"),
                                     QByteArray(200 * 1024, '{'), {{"Content-Type", "application/json"}});
    if (tooLarge.status != 0) {
        EXPECT_EQ(tooLarge.status, 413);
        EXPECT_FALSE(tooLarge.detail().isEmpty());
    }
    EXPECT_EQ(send(client, "GET", QStringLiteral("/api/health")).status, 200);

    // A body that is not JSON is a 400, a missing field a 422 naming it, and a missing token a
    // 401 with the bearer challenge.
    const HttpResult notJson = send(client, "POST", QStringLiteral("/api/auth/login"),
                                    "{\"username\": ", {{"Content-Type", "application/json"}});
    EXPECT_EQ(notJson.status, 400);
    EXPECT_FALSE(notJson.detail().isEmpty());
    const HttpResult noPassword = send(client, "POST", QStringLiteral("/api/auth/login"),
                                       "{\"username\": \"a\"}", {{"Content-Type", "application/json"}});
    EXPECT_EQ(noPassword.status, 422);
    EXPECT_TRUE(noPassword.detail().contains(QStringLiteral("password"))) << noPassword.body.toStdString();
    const HttpResult anonymous = send(client, "GET", QStringLiteral("/api/keys"));
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.header("WWW-Authenticate"), "Bearer");

    // The key's check ran (its provider is down) and was logged: the scan reads that path too.
    EXPECT_TRUE(m_serve->waitForLog("network_error", 15000)) << m_serve->log().toStdString();
    // The access log: method, path and status, one line per request.
    EXPECT_TRUE(m_serve->waitForLog("http GET /api/health 200")) << m_serve->log().toStdString();
    EXPECT_TRUE(m_serve->waitForLog("http DELETE /api/health 405")) << m_serve->log().toStdString();
}

TEST_F(ServeEndToEnd, SigtermStopsItPromptlyAndCleanlyAndClosesThePort)
{
    ASSERT_TRUE(m_serve->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
    RestClient client(m_serve->url());
    ASSERT_EQ(send(client, "GET", QStringLiteral("/api/health")).status, 200);
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(m_serve->stop(), 0) << m_serve->log().toStdString();
    EXPECT_LT(timer.elapsed(), 7000);
    EXPECT_TRUE(m_serve->log().contains("quotawatch: stopped")) << m_serve->log().toStdString();
    const HttpResult after = send(client, "GET", QStringLiteral("/api/health"), {}, {}, 3000);
    EXPECT_EQ(after.status, 0) << "still answering after it stopped";
}

TEST_F(ServeEndToEnd, ServesHttpsWithTheGivenCertificateAndNothingOverPlainHttp)
{
    ASSERT_TRUE(QSslSocket::supportsSsl());
    const CertificateFiles files = makeCertificate(QStringLiteral("server"));
    ASSERT_FALSE(HasFailure());
    ASSERT_TRUE(m_serve->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--tls-cert"), files.certificate, QStringLiteral("--tls-key"),
                                files.key}));
    const QUrl url = m_serve->url();
    EXPECT_EQ(url.scheme(), QStringLiteral("https"));
    EXPECT_EQ(url.host(), QStringLiteral("127.0.0.1"));

    // A client that trusts this certificate (and verifies it: no error is ignored).
    RestClient trusting(url);
    trusting.setCaCertificates(QSslCertificate::fromPath(files.certificate));
    const HttpResult health = send(trusting, "GET", QStringLiteral("/api/health"));
    ASSERT_EQ(health.status, 200) << health.networkError.toStdString();
    EXPECT_EQ(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    // One that does not trust it gets no answer: the certificate is what it claims, not a pass.
    RestClient stranger(url);
    const HttpResult refused = send(stranger, "GET", QStringLiteral("/api/health"), {}, {}, 5000);
    EXPECT_EQ(refused.status, 0);

    // Plain HTTP to the HTTPS port: no HTTP answer at all.
    QUrl plain = url;
    plain.setScheme(QStringLiteral("http"));
    RestClient plainClient(plain);
    const HttpResult cleartext = send(plainClient, "GET", QStringLiteral("/api/health"), {}, {}, 3000);
    EXPECT_EQ(cleartext.status, 0);

    EXPECT_EQ(send(trusting, "GET", QStringLiteral("/api/health")).status, 200);
}

TEST_F(ServeEndToEnd, AnUnreadableCertificateAFileThatIsNotPemAndAForeignKeyEachStopTheStart)
{
    const CertificateFiles good = makeCertificate(QStringLiteral("good"));
    const CertificateFiles other = makeCertificate(QStringLiteral("other"));
    ASSERT_FALSE(HasFailure());
    const QString missing = m_serve->path(QStringLiteral("no-such-cert.pem"));
    expectStartRefused({QStringLiteral("--tls-cert"), missing, QStringLiteral("--tls-key"), good.key},
                       {missing});
    const QString notPem = m_serve->path(QStringLiteral("not-pem.pem"));
    QFile file(notPem);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this is not a certificate\n");
    file.close();
    expectStartRefused({QStringLiteral("--tls-cert"), notPem, QStringLiteral("--tls-key"), good.key},
                       {notPem});
    expectStartRefused(
        {QStringLiteral("--tls-cert"), good.certificate, QStringLiteral("--tls-key"), other.key},
        {other.key, good.certificate});
}

TEST_F(ServeEndToEnd, ARemoteAddressNeedsAllowRemoteAndThenWarnsWithoutHttps)
{
    const ProcessOutcome refused =
        m_serve->run({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
    ASSERT_TRUE(refused.finished) << refused.describe();
    EXPECT_EQ(refused.exitCode, 2) << refused.describe();
    EXPECT_TRUE(refused.out.isEmpty()) << refused.describe();
    ASSERT_EQ(refused.errLines().size(), 1) << refused.describe();
    EXPECT_TRUE(refused.errLines().first().contains(QLatin1String("--allow-remote"))) << refused.describe();

    ASSERT_TRUE(m_serve->start(
        {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--allow-remote")}));
    EXPECT_TRUE(m_serve->log().contains("warning")) << m_serve->log().toStdString();
    EXPECT_TRUE(m_serve->log().contains("HTTPS")) << m_serve->log().toStdString();
    QUrl loopback = m_serve->url();
    EXPECT_EQ(loopback.host(), QStringLiteral("0.0.0.0"));
    loopback.setHost(QStringLiteral("127.0.0.1"));
    RestClient client(loopback);
    EXPECT_EQ(send(client, "GET", QStringLiteral("/api/health")).status, 200);
}

} // namespace
} // namespace qw::test
