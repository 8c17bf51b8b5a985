// HttpClient's redirects against real servers on loopback, plain HTTP (TestHttpServer) and HTTPS
// (a small TLS server here, with a certificate made by openssl and trusted for the test): the
// key follows a redirect only within the origin of the base URL, and a server that is pointed
// at never even sees a connection.
#include "core/poll/httpclient.h"
#include "tests/poll/httpclienttesting.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QHostAddress>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QUrl>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <optional>

namespace qw {
namespace {

using test::describe;
using test::TestHttpServer;
using test::TestResponse;
using test::waitFor;

const QByteArray kAuthorization = "Bearer sk-origin-0123456789abcdef";

// Every request carries the key, so a followed redirect would show it.
HttpResult sendAndWait(HttpClient &client, const QString &base, const QString &path)
{
    HttpRequestSpec spec;
    spec.path = path;
    spec.headers.emplaceBack("Authorization", kAuthorization);
    return test::sendAndWait(client, base, std::move(spec));
}

// A self-signed certificate for 127.0.0.1, made once for the whole test program.
struct Certificate
{
    QSslCertificate certificate;
    QSslKey key;
    QByteArray file; // the certificate in PEM
    QString error;   // why there is none
};

const Certificate &testCertificate()
{
    static const Certificate made = [] {
        Certificate result;
        static QTemporaryDir dir;
        const QString certFile = dir.filePath(QStringLiteral("cert.pem"));
        const QString keyFile = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), keyFile,
                       QStringLiteral("-out"), certFile});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
            result.error = QStringLiteral("openssl could not make a certificate: ") +
                           QString::fromLocal8Bit(openssl.readAll());
            return result;
        }
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certFile);
        QFile key(keyFile);
        if (certificates.size() != 1 || !key.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("cannot read the certificate openssl made");
            return result;
        }
        result.certificate = certificates.front();
        result.file = QFile::encodeName(certFile);
        result.key = QSslKey(key.readAll(), QSsl::Ec);
        if (result.key.isNull())
            result.error = QStringLiteral("cannot read the key openssl made");
        return result;
    }();
    return made;
}

// An HTTPS server on 127.0.0.1 on the test's own thread (the client's event loop), with
// fixed answers per path. It counts TLS handshakes started, so a test can tell that nothing,
// not even a hello, reached it.
class TlsTestServer final
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray location;
        QByteArray body;
    };
    struct Seen
    {
        QByteArray path;
        QByteArray authorization;
    };

    explicit TlsTestServer(quint16 port = 0)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(testCertificate().certificate);
        configuration.setPrivateKey(testCertificate().key);
        m_server.setSslConfiguration(configuration);
        QObject::connect(&m_server, &QSslServer::startedEncryptionHandshake, &m_server,
                         [this](QSslSocket *) { ++m_handshakes; });
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server, [this] { accept(); });
        if (m_server.listen(QHostAddress::LocalHost, port))
            m_port = m_server.serverPort();
    }

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString baseUrl() const
    {
        return m_port == 443 ? QStringLiteral("https://127.0.0.1")
                             : QStringLiteral("https://127.0.0.1:") + QString::number(m_port);
    }
    void route(const QByteArray &path, Answer answer) { m_routes[path] = std::move(answer); }
    [[nodiscard]] const std::vector<Seen> &requests() const { return m_seen; }
    [[nodiscard]] int handshakes() const { return m_handshakes; }

private:
    void accept()
    {
        while (m_server.hasPendingConnections()) {
            auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
            if (!socket)
                continue;
            QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QSslSocket::readyRead, socket, [this, socket] { read(socket); });
            if (socket->bytesAvailable() > 0)
                read(socket);
        }
    }

    void read(QSslSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        m_buffers.erase(socket);
        Seen seen;
        const QList<QByteArray> requestLine = lines.front().trimmed().split(' ');
        if (requestLine.size() >= 2)
            seen.path = requestLine[1].split('?').front();
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare("authorization", Qt::CaseInsensitive) == 0)
                seen.authorization = line.mid(colon + 1).trimmed();
        }
        m_seen.push_back(seen);
        const auto route = m_routes.find(seen.path);
        const Answer answer = route != m_routes.end()
                                  ? route->second
                                  : Answer{404, {}, QByteArrayLiteral(R"({"error":"no route"})")};
        QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) + " Test\r\n";
        if (!answer.location.isEmpty())
            response += "Location: " + answer.location + "\r\n";
        response +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(answer.body.size()) +
            "\r\nConnection: close\r\n\r\n" + answer.body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    quint16 m_port = 0;
    int m_handshakes = 0;
    std::map<QByteArray, Answer> m_routes;
    std::map<QSslSocket *, QByteArray> m_buffers;
    std::vector<Seen> m_seen;
};

// Makes the client trust the test certificate for as long as a test runs, the way a user trusts
// a self-hosted relay's own CA: SSL_CERT_FILE names it. Restored afterwards.
class HttpClientOrigin : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!QSslSocket::supportsSsl())
            GTEST_SKIP() << "this Qt has no TLS backend";
        if (!testCertificate().error.isEmpty())
            GTEST_SKIP() << testCertificate().error.toStdString();
        m_hadSaved = qEnvironmentVariableIsSet("SSL_CERT_FILE");
        m_saved = qgetenv("SSL_CERT_FILE");
        qputenv("SSL_CERT_FILE", testCertificate().file);
        m_restore = true;
    }
    void TearDown() override
    {
        if (!m_restore)
            return;
        if (m_hadSaved)
            qputenv("SSL_CERT_FILE", m_saved);
        else
            qunsetenv("SSL_CERT_FILE");
    }

    QByteArray m_saved;
    bool m_hadSaved = false;
    bool m_restore = false;
};

TEST(HttpClientOriginRule, OnlyTheSameOriginOrTheDefaultPortUpgradeKeepsIt)
{
    const auto keeps = [](const char *from, const char *to) {
        return HttpClient::keepsOrigin(QUrl(QString::fromLatin1(from)), QUrl(QString::fromLatin1(to)));
    };
    EXPECT_TRUE(keeps("https://api.example.com/v1/a", "https://api.example.com/v2/b?x=1"));
    EXPECT_TRUE(keeps("https://api.example.com/v1", "https://API.Example.com:443/v2"));
    EXPECT_TRUE(keeps("http://api.example.com:8080/v1", "http://api.example.com:8080/v2"));
    EXPECT_TRUE(keeps("http://api.example.com/v1", "https://api.example.com/v1"));
    EXPECT_TRUE(keeps("http://api.example.com:80/v1", "https://api.example.com:443/v1"));

    EXPECT_FALSE(keeps("https://api.example.com/v1", "https://evil.example.com/v1"));
    EXPECT_FALSE(keeps("https://api.example.com/v1", "https://api.example.com.evil.net/v1"));
    EXPECT_FALSE(keeps("https://api.example.com/v1", "https://api.example.com:8443/v1"));
    EXPECT_FALSE(keeps("https://api.example.com/v1", "http://api.example.com/v1"));
    EXPECT_FALSE(keeps("https://api.example.com:8443/v1", "http://api.example.com:8443/v1"));
    EXPECT_FALSE(keeps("http://api.example.com:8080/v1", "http://api.example.com:9090/v1"));
    EXPECT_FALSE(keeps("http://api.example.com:8080/v1", "https://api.example.com:8080/v1"));
    EXPECT_FALSE(keeps("http://api.example.com/v1", "https://api.example.com:8443/v1"));
    EXPECT_FALSE(keeps("http://api.example.com:8080/v1", "https://api.example.com/v1"));
    EXPECT_FALSE(keeps("http://api.example.com/v1", "ftp://api.example.com/v1"));
    EXPECT_FALSE(keeps("http://api.example.com/v1", "file:///etc/passwd"));
}

TEST(HttpClientOriginRule, AnotherPortOfTheSameHostIsRefusedAndSeesNoConnection)
{
    TestHttpServer origin;
    TestHttpServer other;
    other.route("*", "/*", TestResponse::json(R"({"ok":1})"));
    TestResponse away;
    away.redirectTo = other.baseUrl().toUtf8() + "/final";
    origin.route("GET", "/start", away);
    HttpClient client;
    const HttpResult result = sendAndWait(client, origin.baseUrl(), QStringLiteral("/start"));

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("the provider redirected to another port on 127.0.0.1 (from %1 to %2); the key is "
                       "not sent there — set the base URL to the right address")
            .arg(origin.port())
            .arg(other.port()));
    waitFor([] { return false; }, 200);
    EXPECT_EQ(other.requestCount(), 0);
    EXPECT_EQ(other.connectionCount(), 0);
}

// Without SSL_CERT_FILE naming its CA, a certificate nobody vouches for ends the check before a
// request, and so the key, leaves: the error names the host and says it was TLS.
TEST(HttpClientTls, AnUntrustedCertificateIsRefusedBeforeTheKeyIsSent)
{
    if (!QSslSocket::supportsSsl() || !testCertificate().error.isEmpty())
        GTEST_SKIP() << "no TLS backend or no certificate to test with";
    // The system's bundle (many machines name it in SSL_CERT_FILE), which cannot know this CA.
    const bool hadBundle = qEnvironmentVariableIsSet("SSL_CERT_FILE");
    const QByteArray savedBundle = qgetenv("SSL_CERT_FILE");
    qunsetenv("SSL_CERT_FILE");
    TlsTestServer server;
    ASSERT_NE(server.port(), 0);
    server.route("/v1/balance", {200, {}, R"({"ok":true})"});
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/v1/balance"));
    if (hadBundle)
        qputenv("SSL_CERT_FILE", savedBundle);

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("TLS handshake with 127.0.0.1 failed: ")))
        << describe(result);
    EXPECT_GE(server.handshakes(), 1);
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(HttpClientOrigin, SameOriginOverHttpsIsFollowedWithTheKey)
{
    TlsTestServer server;
    ASSERT_NE(server.port(), 0);
    server.route("/v1/balance", {302, "/v2/balance", {}});
    server.route("/v0/balance", {301, server.baseUrl().toUtf8() + "/v2/balance", {}});
    server.route("/v2/balance", {200, {}, R"({"ok":true})"});
    HttpClient client;

    for (const QString &path : {QStringLiteral("/v1/balance"), QStringLiteral("/v0/balance")}) {
        SCOPED_TRACE(path.toStdString());
        const std::size_t before = server.requests().size();
        const HttpResult result = sendAndWait(client, server.baseUrl(), path);
        ASSERT_TRUE(result.has_value()) << describe(result);
        EXPECT_EQ(result->status, 200);
        EXPECT_EQ(result->body, R"({"ok":true})");
        ASSERT_EQ(server.requests().size(), before + 2);
        EXPECT_EQ(server.requests()[before + 1].path, "/v2/balance");
        EXPECT_EQ(server.requests()[before + 1].authorization, kAuthorization);
    }
}

TEST_F(HttpClientOrigin, DowngradeFromHttpsToHttpIsRefusedAndTheKeyNotSent)
{
    TlsTestServer server;
    ASSERT_NE(server.port(), 0);
    TestHttpServer plain;
    plain.route("*", "/*", TestResponse::json(R"({"ok":1})"));
    server.route("/v1/key", {301, plain.baseUrl().toUtf8() + "/v1/key", {}});
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/v1/key"));

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("the provider redirected from https to http on 127.0.0.1; the key is not sent there "
                       "— set the base URL to the right address"));
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(server.requests().front().authorization, kAuthorization); // the origin itself had it
    waitFor([] { return false; }, 200);
    EXPECT_EQ(plain.requestCount(), 0);
    EXPECT_EQ(plain.connectionCount(), 0);
}

TEST_F(HttpClientOrigin, AnotherPortOverHttpsIsRefused)
{
    TlsTestServer origin;
    TlsTestServer other;
    ASSERT_NE(origin.port(), 0);
    ASSERT_NE(other.port(), 0);
    other.route("/collect", {200, {}, R"({"ok":1})"});
    origin.route("/v1/key", {307, other.baseUrl().toUtf8() + "/collect", {}});
    HttpClient client;
    const HttpResult result = sendAndWait(client, origin.baseUrl(), QStringLiteral("/v1/key"));

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_TRUE(result.error().message.startsWith(
        QStringLiteral("the provider redirected to another port on 127.0.0.1")))
        << describe(result);
    waitFor([] { return false; }, 200);
    EXPECT_EQ(other.handshakes(), 0);
    EXPECT_TRUE(other.requests().empty());
}

// An upgrade from http on one port to https on the same or another port: nothing says that the
// TLS side belongs to the program the user configured. Only the well-known 80 -> 443 is followed.
TEST_F(HttpClientOrigin, UpgradeToHttpsOnOtherThanTheDefaultPortsIsRefused)
{
    TestHttpServer plain;
    TlsTestServer secure;
    ASSERT_NE(secure.port(), 0);
    secure.route("/v1/key", {200, {}, R"({"ok":1})"});
    TestResponse upgrade;
    upgrade.status = 301;
    upgrade.redirectTo = secure.baseUrl().toUtf8() + "/v1/key";
    plain.route("GET", "/v1/key", upgrade);
    TestResponse samePort = upgrade;
    samePort.redirectTo = "https://127.0.0.1:" + QByteArray::number(plain.port()) + "/v1/key";
    plain.route("GET", "/v2/key", samePort);
    HttpClient client;

    const HttpResult result = sendAndWait(client, plain.baseUrl(), QStringLiteral("/v1/key"));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("the provider redirected from http on port %1 to https on port %2 of 127.0.0.1; the "
                       "key follows an upgrade to https only from port 80 to 443 — set the base URL to the "
                       "https address")
            .arg(plain.port())
            .arg(secure.port()));
    waitFor([] { return false; }, 200);
    EXPECT_EQ(secure.handshakes(), 0);

    const HttpResult same = sendAndWait(client, plain.baseUrl(), QStringLiteral("/v2/key"));
    ASSERT_FALSE(same.has_value()) << describe(same);
    EXPECT_TRUE(
        same.error().message.startsWith(QStringLiteral("the provider redirected from http on port %1 to "
                                                       "https on port %1 of 127.0.0.1")
                                            .arg(plain.port())))
        << describe(same);
    EXPECT_EQ(plain.requestCount(), 2); // the two first requests; no hello, no second request
}

// The one upgrade that is followed needs the well-known ports, which only a privileged test run
// (or one allowed to bind low ports) can take; elsewhere the rule test above covers it.
TEST_F(HttpClientOrigin, UpgradeFromPort80To443IsFollowedWithTheKey)
{
    TestHttpServer plain(80);
    if (plain.port() != 80)
        GTEST_SKIP() << "port 80 on 127.0.0.1 cannot be taken here";
    TlsTestServer secure(443);
    if (secure.port() != 443)
        GTEST_SKIP() << "port 443 on 127.0.0.1 cannot be taken here";
    TestResponse upgrade;
    upgrade.status = 301;
    upgrade.redirectTo = "https://127.0.0.1/v1/key";
    plain.route("GET", "/v1/key", upgrade);
    secure.route("/v1/key", {200, {}, R"({"upgraded":true})"});
    HttpClient client;
    const HttpResult result =
        sendAndWait(client, QStringLiteral("http://127.0.0.1"), QStringLiteral("/v1/key"));

    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->body, R"({"upgraded":true})");
    ASSERT_EQ(secure.requests().size(), 1u);
    EXPECT_EQ(secure.requests().front().authorization, kAuthorization);
}

} // namespace
} // namespace qw
