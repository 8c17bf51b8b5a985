// The auth scope over real HTTP (register, login, me), on SQLite and PostgreSQL: the
// registration policy (first account admin, then closed until an admin opens it), the 4xx of bad
// input naming the field, login by JSON and by form, 401s that never say which part was wrong
// and always carry WWW-Authenticate, the login JWT (expiry by the injected clock, tampering,
// alg "none", another secret, a removed account), personal access tokens, the lockout per
// account and per client address with Retry-After, and the signing secret stored only
// encrypted and shared by every session on one database.
#include "core/crypto/fernet.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"
#include "tests/rest/restfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTimer>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

const QString kPassword = QStringLiteral("correct horse battery");

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray jsonText(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

class AuthTest : public RestFixture
{
protected:
    HttpResult registerAccount(const QString &username, const QString &password = kPassword)
    {
        return m_client.post(QStringLiteral("/api/auth/register"), {{QStringLiteral("username"), username},
                                                                    {QStringLiteral("password"), password}});
    }

    HttpResult login(const QString &username, const QString &password = kPassword)
    {
        return m_client.post(QStringLiteral("/api/auth/login"), {{QStringLiteral("username"), username},
                                                                 {QStringLiteral("password"), password}});
    }

    QByteArray tokenOf(const QString &username, const QString &password = kPassword)
    {
        const HttpResult answer = login(username, password);
        EXPECT_EQ(answer.status, 200) << answer.body.toStdString();
        return answer.json().value(QStringLiteral("access_token")).toString().toLatin1();
    }

    HttpResult meWith(const QByteArray &token)
    {
        m_client.setToken(token);
        HttpResult answer = m_client.get(QStringLiteral("/api/auth/me"));
        m_client.setToken({});
        return answer;
    }

    // A 401 as every one must be: the Bearer challenge and a detail.
    static void expectUnauthorized(const HttpResult &answer)
    {
        EXPECT_EQ(answer.status, 401) << answer.body.toStdString();
        EXPECT_EQ(answer.header("WWW-Authenticate"), "Bearer");
        EXPECT_FALSE(answer.detail().isEmpty());
    }

    // A login sent from another loopback address (127.0.0.x), over a raw socket bound to it, so
    // the throttle sees a different client. Returns the status and the Retry-After header.
    std::pair<int, QByteArray> loginFrom(const QString &address, const QString &username,
                                         const QString &password = kPassword)
    {
        QTcpSocket socket;
        EXPECT_TRUE(socket.bind(QHostAddress(address)));
        const QUrl base = m_api->url();
        socket.connectToHost(QHostAddress(base.host()), quint16(base.port()));
        EXPECT_TRUE(socket.waitForConnected(5000));
        const QByteArray body =
            jsonText({{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
        socket.write("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Connection: close\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        // The server answers from this thread's event loop: wait in one, not in waitForReadyRead.
        QByteArray response;
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            response += socket.readAll();
            if (response.contains("\r\n\r\n{") && response.endsWith('}'))
                loop.quit();
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        response += socket.readAll();
        const int status = response.mid(9, 3).toInt();
        QByteArray retryAfter;
        for (const QByteArray &line : response.split('\n')) {
            if (line.toLower().startsWith("retry-after:"))
                retryAfter = line.mid(12).trimmed();
        }
        return {status, retryAfter};
    }
};

TEST_F(AuthTest, TheFirstAccountBecomesAdminAndRegistrationThenClosesUntilAnAdminOpensIt)
{
    const HttpResult first = registerAccount(QStringLiteral("alice"));
    ASSERT_EQ(first.status, 201) << first.body.toStdString();
    EXPECT_GT(first.json().value(QStringLiteral("id")).toInteger(), 0);
    EXPECT_EQ(first.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    EXPECT_TRUE(first.json().value(QStringLiteral("is_admin")).toBool());
    EXPECT_FALSE(first.body.contains(kPassword.toUtf8()));
    EXPECT_FALSE(first.body.contains("scrypt"));

    const HttpResult closed = registerAccount(QStringLiteral("bob"));
    EXPECT_EQ(closed.status, 403);
    EXPECT_TRUE(closed.detail().contains(QStringLiteral("administrator"))) << closed.body.toStdString();
    EXPECT_EQ(login(QStringLiteral("bob")).status, 401);

    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    const HttpResult second = registerAccount(QStringLiteral("bob"));
    ASSERT_EQ(second.status, 201) << second.body.toStdString();
    EXPECT_FALSE(second.json().value(QStringLiteral("is_admin")).toBool());

    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(false));
    EXPECT_EQ(registerAccount(QStringLiteral("carol")).status, 403);
}

TEST_F(AuthTest, TwoRegistrationsAtOnceMakeOneAdministrator)
{
    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (const QString &name :
         {QStringLiteral("racer1"), QStringLiteral("racer2"), QStringLiteral("racer3")}) {
        QNetworkRequest request(m_api->url().resolved(QUrl(QStringLiteral("/api/auth/register"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        replies.append(network.post(request, jsonText({{QStringLiteral("username"), name},
                                                       {QStringLiteral("password"), kPassword}})));
    }
    QEventLoop loop;
    int finished = 0;
    for (QNetworkReply *reply : replies) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (++finished == int(replies.size()))
                loop.quit();
        });
    }
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    int admins = 0;
    for (QNetworkReply *reply : replies) {
        EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        admins +=
            QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("is_admin")).toBool();
        reply->deleteLater();
    }
    EXPECT_EQ(admins, 1);
}

TEST_F(AuthTest, BadRegistrationsAre422NamingTheField409ForATakenNameAnd400ForNonJson)
{
    const HttpResult shortPassword = registerAccount(QStringLiteral("alice"), QStringLiteral("1234567"));
    EXPECT_EQ(shortPassword.status, 422);
    EXPECT_TRUE(shortPassword.detail().startsWith(QStringLiteral("password")))
        << shortPassword.body.toStdString();
    EXPECT_FALSE(shortPassword.body.contains("1234567"));
    for (const QString &bad : {QStringLiteral("ab"), QStringLiteral("has space"), QString(65, u'x')}) {
        const HttpResult badName = registerAccount(bad);
        EXPECT_EQ(badName.status, 422) << bad.toStdString();
        EXPECT_TRUE(badName.detail().startsWith(QStringLiteral("username"))) << badName.body.toStdString();
    }
    const HttpResult missing = m_client.post(QStringLiteral("/api/auth/register"),
                                             {{QStringLiteral("username"), QStringLiteral("alice")}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_TRUE(missing.detail().startsWith(QStringLiteral("password")));
    const HttpResult wrongType =
        m_client.post(QStringLiteral("/api/auth/register"),
                      {{QStringLiteral("username"), 42}, {QStringLiteral("password"), kPassword}});
    EXPECT_EQ(wrongType.status, 422);
    EXPECT_TRUE(wrongType.detail().startsWith(QStringLiteral("username")));
    for (const QByteArray &notJson :
         {QByteArray("username=alice"), QByteArray("[1,2]"), QByteArray("{\"a\":")}) {
        const HttpResult refused = m_client.send("POST", QStringLiteral("/api/auth/register"), notJson,
                                                 {{"Content-Type", "application/json"}});
        EXPECT_EQ(refused.status, 400) << notJson.toStdString();
        EXPECT_FALSE(refused.detail().isEmpty());
    }

    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    const HttpResult taken = registerAccount(QStringLiteral("alice"), QStringLiteral("another password"));
    EXPECT_EQ(taken.status, 409);
    EXPECT_TRUE(taken.detail().startsWith(QStringLiteral("username")));
    EXPECT_EQ(registerAccount(QLatin1String(User::kOwnerName)).status, 409);
}

TEST_F(AuthTest, LoginByJsonOrFormGivesABearerTokenThatMeAccepts)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice"), QStringLiteral("pass word+1")).status, 201);
    const HttpResult byJson = login(QStringLiteral("alice"), QStringLiteral("pass word+1"));
    ASSERT_EQ(byJson.status, 200) << byJson.body.toStdString();
    EXPECT_EQ(byJson.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    EXPECT_EQ(byJson.json().value(QStringLiteral("expires_in")).toInteger(), 30 * 60);
    EXPECT_EQ(byJson.header("Cache-Control"), "no-store");
    const QByteArray jwt = byJson.json().value(QStringLiteral("access_token")).toString().toLatin1();
    EXPECT_EQ(jwt.count('.'), 2);

    const HttpResult me = meWith(jwt);
    ASSERT_EQ(me.status, 200) << me.body.toStdString();
    EXPECT_EQ(me.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    EXPECT_TRUE(me.json().value(QStringLiteral("is_admin")).toBool());
    EXPECT_GT(me.json().value(QStringLiteral("id")).toInteger(), 0);
    EXPECT_FALSE(me.json().contains(QStringLiteral("password_hash")));

    // What OAuth2 password clients send: a space as '+', a '+' as %2B.
    const HttpResult byForm =
        m_client.send("POST", QStringLiteral("/api/auth/login"),
                      "grant_type=password&username=alice&password=pass+word%2B1&scope=",
                      {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(byForm.status, 200) << byForm.body.toStdString();
    EXPECT_EQ(meWith(byForm.json().value(QStringLiteral("access_token")).toString().toLatin1()).status, 200);

    const HttpResult formMissing = m_client.send("POST", QStringLiteral("/api/auth/login"), "username=alice",
                                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(formMissing.status, 422);
    EXPECT_TRUE(formMissing.detail().startsWith(QStringLiteral("password")));
    const HttpResult wrongGrant = m_client.send("POST", QStringLiteral("/api/auth/login"),
                                                "grant_type=client_credentials&username=a&password=b",
                                                {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(wrongGrant.status, 422);
    EXPECT_TRUE(wrongGrant.detail().startsWith(QStringLiteral("grant_type")));
    EXPECT_EQ(m_client
                  .send("POST", QStringLiteral("/api/auth/login"), "not json",
                        {{"Content-Type", "application/json"}})
                  .status,
              400);
}

TEST_F(AuthTest, WrongCredentialsAreOneGeneric401AndEvery401CarriesTheBearerChallenge)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    const HttpResult wrongPassword = login(QStringLiteral("alice"), QStringLiteral("not the password"));
    const HttpResult unknownUser = login(QStringLiteral("nobody"));
    expectUnauthorized(wrongPassword);
    expectUnauthorized(unknownUser);
    EXPECT_EQ(wrongPassword.body, unknownUser.body); // nothing says which part was wrong
    // The owner has no password and never signs in with one.
    expectUnauthorized(login(QLatin1String(User::kOwnerName), QString()));

    expectUnauthorized(m_client.get(QStringLiteral("/api/auth/me")));
    expectUnauthorized(meWith("garbage"));
    expectUnauthorized(meWith("qwp_garbage"));
    expectUnauthorized(meWith("a.b.c"));
}

TEST_F(AuthTest, ALoginTokenExpiresByTheInjectedClock)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    const QByteArray jwt = tokenOf(QStringLiteral("alice"));
    EXPECT_EQ(meWith(jwt).status, 200);
    m_clock.set(kSessionNow.addSecs(30 * 60 - 1));
    EXPECT_EQ(meWith(jwt).status, 200);
    m_clock.set(kSessionNow.addSecs(30 * 60));
    expectUnauthorized(meWith(jwt));

    // The lifetime comes from the API's options.
    rest::RestOptions options;
    options.tokenLifetimeSeconds = 60;
    startApi(options);
    const HttpResult shortLived = login(QStringLiteral("alice"));
    ASSERT_EQ(shortLived.status, 200);
    EXPECT_EQ(shortLived.json().value(QStringLiteral("expires_in")).toInteger(), 60);
    const QByteArray brief = shortLived.json().value(QStringLiteral("access_token")).toString().toLatin1();
    EXPECT_EQ(meWith(brief).status, 200);
    m_clock.set(m_clock.nowUtc().addSecs(61));
    expectUnauthorized(meWith(brief));
}

TEST_F(AuthTest, TamperedUnsignedAndForeignTokensAreRejected)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    const HttpResult bob = registerAccount(QStringLiteral("bob"));
    ASSERT_EQ(bob.status, 201);
    const qint64 bobId = bob.json().value(QStringLiteral("id")).toInteger();
    const QByteArray jwt = tokenOf(QStringLiteral("alice"));
    const QList<QByteArray> parts = jwt.split('.');
    ASSERT_EQ(parts.size(), 3);

    // The payload changed to claim bob, the signature kept.
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("quotawatch"));
    EXPECT_TRUE(claims.contains(QStringLiteral("iat")));
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), kSessionNow.toSecsSinceEpoch() + 30 * 60);
    claims.insert(QStringLiteral("sub"), QString::number(bobId));
    expectUnauthorized(meWith(parts[0] + '.' + base64Url(jsonText(claims)) + '.' + parts[2]));
    // One flipped character of the signature.
    QByteArray flipped = jwt;
    flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
    expectUnauthorized(meWith(flipped));

    // alg "none", with and without a signature part.
    const QByteArray none = base64Url(R"({"alg":"none","typ":"JWT"})");
    expectUnauthorized(meWith(none + '.' + base64Url(jsonText(claims)) + '.'));
    expectUnauthorized(meWith(none + '.' + base64Url(jsonText(claims)) + '.' + parts[2]));
    // Another algorithm named in the header over our own signature.
    expectUnauthorized(meWith(base64Url(R"({"alg":"HS512","typ":"JWT"})") + '.' + parts[1] + '.' + parts[2]));

    // Well formed and HS256, but signed with another secret.
    auto found = m_session->accounts().findByName(QStringLiteral("alice"));
    ASSERT_TRUE(found);
    LoginTokens foreign(SecureBytes::copyOf(QByteArray(32, 'k')), m_clock, m_session->accounts());
    auto forged = foreign.issue(*found, 600);
    ASSERT_TRUE(forged);
    expectUnauthorized(meWith(forged->accessToken.toLatin1()));
    // The same claims signed with the real secret pass: the test above failed for the signature.
    EXPECT_EQ(meWith(jwt).status, 200);
}

TEST_F(AuthTest, ALoginTokenOfARemovedAccountIsRejected)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    ASSERT_EQ(registerAccount(QStringLiteral("bob")).status, 201);
    const QByteArray jwt = tokenOf(QStringLiteral("bob"));
    ASSERT_EQ(meWith(jwt).status, 200);
    auto bob = m_session->accounts().findByName(QStringLiteral("bob"));
    ASSERT_TRUE(bob);
    ASSERT_TRUE(m_session->accounts().remove(bob->id));
    expectUnauthorized(meWith(jwt));
}

TEST_F(AuthTest, APersonalAccessTokenSignsInUntilRevoked)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    auto alice = m_session->accounts().findByName(QStringLiteral("alice"));
    ASSERT_TRUE(alice);
    auto created = m_session->accounts().createToken(alice->id, QStringLiteral("prometheus"));
    ASSERT_TRUE(created);
    const HttpResult me = meWith(created->token.toLatin1());
    ASSERT_EQ(me.status, 200) << me.body.toStdString();
    EXPECT_EQ(me.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    EXPECT_EQ(me.header("Cache-Control"), "no-store");
    ASSERT_TRUE(m_session->accounts().revokeToken(alice->id, created->id));
    expectUnauthorized(meWith(created->token.toLatin1()));
}

TEST_F(AuthTest, FiveFailuresLockTheAccountAndTheAddressWithRetryAfter)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    ASSERT_TRUE(m_session->accounts().setRegistrationOpen(true));
    ASSERT_EQ(registerAccount(QStringLiteral("bob")).status, 201);
    for (int attempt = 0; attempt < 5; ++attempt)
        expectUnauthorized(login(QStringLiteral("alice"), QStringLiteral("wrong password")));

    // Locked: even the right password, and from another address (the account's lock).
    const HttpResult locked = login(QStringLiteral("alice"));
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(locked.header("Retry-After"), "600");
    EXPECT_FALSE(locked.body.contains("access_token"));
    const auto [elsewhereStatus, elsewhereRetry] =
        loginFrom(QStringLiteral("127.0.0.2"), QStringLiteral("alice"));
    EXPECT_EQ(elsewhereStatus, 429);
    EXPECT_EQ(elsewhereRetry, "600");
    // The address's lock: another account from 127.0.0.1, but not from elsewhere.
    EXPECT_EQ(login(QStringLiteral("bob")).status, 429);
    EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.2"), QStringLiteral("bob")).first, 200);

    // Seconds until allowed count down with the clock; at 10 minutes it is over.
    m_clock.set(kSessionNow.addSecs(420));
    EXPECT_EQ(login(QStringLiteral("alice")).header("Retry-After"), "180");
    m_clock.set(kSessionNow.addSecs(600));
    EXPECT_EQ(login(QStringLiteral("alice")).status, 200);
}

TEST_F(AuthTest, AttemptsSentAtOnceCannotOutrunTheLockout)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    QNetworkAccessManager network;
    QNetworkRequest request(m_api->url().resolved(QUrl(QStringLiteral("/api/auth/login"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray wrong = jsonText({{QStringLiteral("username"), QStringLiteral("alice")},
                                       {QStringLiteral("password"), QStringLiteral("guess")}});
    QList<QNetworkReply *> replies;
    for (int attempt = 0; attempt < 12; ++attempt)
        replies.append(network.post(request, wrong));
    QEventLoop loop;
    int finished = 0;
    for (QNetworkReply *reply : replies) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (++finished == int(replies.size()))
                loop.quit();
        });
    }
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    int checked = 0;
    int refused = 0;
    for (QNetworkReply *reply : replies) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        checked += status == 401;
        refused += status == 429;
        if (status == 429) {
            EXPECT_GE(reply->rawHeader("Retry-After").toInt(), 1);
        }
        reply->deleteLater();
    }
    // Never more than five passwords tried, however many arrive together.
    EXPECT_LE(checked, 5);
    EXPECT_EQ(checked + refused, 12);
    EXPECT_EQ(login(QStringLiteral("alice")).status, 429);
}

TEST_F(AuthTest, FailuresFromOneAddressAcrossAccountsLockThatAddressOnly)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    for (int attempt = 0; attempt < 5; ++attempt)
        EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.3"), QStringLiteral("user%1").arg(attempt),
                            QStringLiteral("guess"))
                      .first,
                  401);
    const auto [status, retryAfter] = loginFrom(QStringLiteral("127.0.0.3"), QStringLiteral("alice"));
    EXPECT_EQ(status, 429);
    EXPECT_EQ(retryAfter, "600");
    EXPECT_EQ(login(QStringLiteral("alice")).status, 200); // from 127.0.0.1
}

TEST_F(AuthTest, ASuccessClearsTheAccountsFailures)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    for (int attempt = 0; attempt < 4; ++attempt)
        EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.4"), QStringLiteral("alice"), QStringLiteral("wrong one"))
                      .first,
                  401);
    EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.5"), QStringLiteral("alice")).first, 200);
    for (int attempt = 0; attempt < 4; ++attempt)
        EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.6"), QStringLiteral("alice"), QStringLiteral("wrong one"))
                      .first,
                  401);
    EXPECT_EQ(loginFrom(QStringLiteral("127.0.0.7"), QStringLiteral("alice")).first, 200);
}

TEST_F(AuthTest, PasswordChecksRunOffTheServersThreadAndSurviveTheApiGoingAway)
{
    ASSERT_EQ(registerAccount(QStringLiteral("alice")).status, 201);
    QThreadPool *pool = QThreadPool::globalInstance();
    ASSERT_TRUE(pool->waitForDone(5000));

    // While the password is being checked on the pool, the server (this thread) answers others.
    QNetworkAccessManager network;
    QNetworkRequest request(m_api->url().resolved(QUrl(QStringLiteral("/api/auth/login"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray body = jsonText(
        {{QStringLiteral("username"), QStringLiteral("alice")}, {QStringLiteral("password"), kPassword}});
    QNetworkReply *pending = network.post(request, body);
    QElapsedTimer waited;
    waited.start();
    while (pool->activeThreadCount() == 0 && !pending->isFinished() && waited.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    ASSERT_GT(pool->activeThreadCount(), 0) << "the check did not run on the thread pool";
    EXPECT_EQ(m_client.get(QStringLiteral("/api/health")).status, 200);

    // The API goes away with a check in flight: the late answer is dropped, nothing crashes.
    QNetworkReply *orphan = network.post(request, body);
    waited.restart();
    while (pool->activeThreadCount() == 0 && !orphan->isFinished() && waited.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    m_api.reset();
    ASSERT_TRUE(pool->waitForDone(5000));
    QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    waited.restart();
    while ((!orphan->isFinished() || !pending->isFinished()) && waited.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    EXPECT_NE(orphan->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete pending;
    delete orphan;
    startApi({}); // and a new API serves as before
    EXPECT_EQ(login(QStringLiteral("alice")).status, 200);
}

TEST_F(AuthTest, TheSigningSecretIsStoredEncryptedAndSharedBySessionsOnOneDatabase)
{
    // Two sessions of their own over one database and one master key, as two processes.
    const SecureBytes key = Fernet::generateKey();
    auto vault = [&key] { return Vault(*Fernet::fromKey(key.view())); };
    Session first(m_testDb->open(), vault(), m_clock);
    Session second(m_testDb->open(), vault(), m_clock);
    auto alice = first.accounts().addUser(QStringLiteral("alice"), kPassword, false);
    ASSERT_TRUE(alice);

    auto firstTokens = first.loginTokens();
    ASSERT_TRUE(firstTokens) << firstTokens.error().message.toStdString();
    auto issued = (*firstTokens)->issue(*alice, 600);
    ASSERT_TRUE(issued);
    auto secondTokens = second.loginTokens();
    ASSERT_TRUE(secondTokens);
    auto verified = (*secondTokens)->verify(issued->accessToken.toLatin1());
    ASSERT_TRUE(verified) << verified.error().message.toStdString();
    EXPECT_EQ(verified->id, alice->id);

    // What is stored is a Fernet token under the master key, not the secret.
    auto stored = SettingsRepository(first.database()).value(QLatin1String(LoginTokens::kSecretSetting));
    ASSERT_TRUE(stored);
    ASSERT_TRUE(*stored);
    auto secret = first.vault().decrypt((*stored)->toLatin1());
    ASSERT_TRUE(secret);
    ASSERT_EQ(secret->size(), LoginTokens::kSecretBytes);
    const QByteArray plain = secret->view().toByteArray();
    for (const QByteArray &form : {plain, plain.toHex(), plain.toBase64(), base64Url(plain)})
        EXPECT_FALSE((*stored)->toLatin1().contains(form));
    // And it is the one tokens are signed with.
    LoginTokens again(SecureBytes::copyOf(plain), m_clock, first.accounts());
    EXPECT_TRUE(again.verify(issued->accessToken.toLatin1()));

    // Another master key cannot read it, so it signs nothing.
    auto otherKey = Fernet::generateKey();
    Session stranger(m_testDb->open(), Vault(*Fernet::fromKey(otherKey.view())), m_clock);
    EXPECT_FALSE(stranger.loginTokens());
}

} // namespace
} // namespace qw::test
