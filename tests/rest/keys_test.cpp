// /api/keys over real HTTP: every endpoint and error path, two accounts isolated from each other
// (404, never 403), the same validation as the command line, checks against a loopback server
// playing DeepSeek, and the secret in no response.
#include "core/storage/snapshotrepository.h"
#include "tests/rest/restaccounts.h"
#include "tests/rest/restfixture.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <algorithm>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

constexpr char kSecret[] = "sk-rest-keys-0123456789abcdef";
constexpr char kOtherSecret[] = "sk-rest-keys-replaced-zyxw9876";

QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/deepseek/%1").arg(QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class RestKeysTest : public RestFixture
{
protected:
    void SetUp() override
    {
        RestFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_provider.route("GET", "/user/balance", TestResponse::json(recorded("cny_only.json")));
        m_alice = makeAccount(*m_session, QStringLiteral("alice"));
        m_bob = makeAccount(*m_session, QStringLiteral("bob"));
        m_client.setToken(m_alice.token);
    }

    QJsonObject keyBody(const QString &name = QStringLiteral("main")) const
    {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("platform"), QStringLiteral("deepseek")},
                           {QStringLiteral("api_key"), QLatin1String(kSecret)},
                           {QStringLiteral("base_url"), m_provider.baseUrl()}};
    }

    // Adds a key as the current caller; its id.
    qint64 addKey(const QString &name = QStringLiteral("main"))
    {
        const HttpResult created = post(QStringLiteral("/api/keys"), keyBody(name));
        EXPECT_EQ(created.status, 201) << created.body.toStdString();
        return created.json().value(QStringLiteral("id")).toInteger();
    }

    // Every answer passes through here: none may carry a secret.
    HttpResult checked(HttpResult result)
    {
        EXPECT_FALSE(result.body.contains(kSecret)) << result.body.toStdString();
        EXPECT_FALSE(result.body.contains(kOtherSecret)) << result.body.toStdString();
        for (const auto &[name, value] : result.headers)
            EXPECT_FALSE(value.contains(kSecret));
        return result;
    }
    HttpResult get(const QString &path) { return checked(m_client.get(path)); }
    HttpResult post(const QString &path, const QJsonObject &body)
    {
        return checked(m_client.post(path, body));
    }
    HttpResult patch(const QString &path, const QJsonObject &body)
    {
        return checked(m_client.patch(path, body));
    }
    HttpResult del(const QString &path) { return checked(m_client.del(path)); }

    static QString keyPath(qint64 id, const char *rest = "")
    {
        return QStringLiteral("/api/keys/%1%2").arg(id).arg(QLatin1String(rest));
    }

    TestHttpServer m_provider;
    TestAccount m_alice;
    TestAccount m_bob;
};

TEST_F(RestKeysTest, EveryKeysRouteNeedsAToken)
{
    const qint64 id = addKey();
    m_client.setToken({});
    const QList<QPair<QByteArray, QString>> routes{
        {"GET", QStringLiteral("/api/keys")},
        {"POST", QStringLiteral("/api/keys")},
        {"POST", QStringLiteral("/api/keys/test")},
        {"GET", keyPath(id)},
        {"PATCH", keyPath(id)},
        {"DELETE", keyPath(id)},
        {"POST", keyPath(id, "/trigger-check")},
        {"GET", keyPath(id, "/balance-history")},
    };
    for (const auto &[method, path] : routes) {
        const HttpResult answer =
            checked(m_client.send(method, path, "{}", {{"Content-Type", "application/json"}}));
        EXPECT_EQ(answer.status, 401) << method.toStdString() << ' ' << path.toStdString();
        EXPECT_EQ(answer.header("WWW-Authenticate"), "Bearer");
    }
    m_client.setToken("qwp_not-a-real-token");
    EXPECT_EQ(get(QStringLiteral("/api/keys")).status, 401);
    m_client.setToken(m_alice.token);
    EXPECT_EQ(get(keyPath(id)).status, 200); // and nothing was changed meanwhile
}

TEST_F(RestKeysTest, AKeyIsCreatedReadListedEditedAndDeleted)
{
    QJsonObject body = keyBody(QStringLiteral("prod"));
    body.insert(QStringLiteral("threshold"), 12.5);
    body.insert(QStringLiteral("interval"), QStringLiteral("15m"));
    body.insert(QStringLiteral("tags"), QJsonArray{QStringLiteral("team-a"), QStringLiteral("prod")});
    const HttpResult created = post(QStringLiteral("/api/keys"), body);
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    const QJsonObject key = created.json();
    const qint64 id = key.value(QStringLiteral("id")).toInteger();
    ASSERT_GT(id, 0);
    QStringList fields = key.keys();
    fields.sort();
    EXPECT_EQ(fields, (QStringList{
                          QStringLiteral("allow_insecure"), QStringLiteral("base_url"),
                          QStringLiteral("created_at"), QStringLiteral("enabled"), QStringLiteral("health"),
                          QStringLiteral("hint"), QStringLiteral("id"), QStringLiteral("interval_s"),
                          QStringLiteral("last_checked_by"), QStringLiteral("latest"), QStringLiteral("name"),
                          QStringLiteral("options"), QStringLiteral("platform"), QStringLiteral("tags"),
                          QStringLiteral("threshold"), QStringLiteral("threshold_percent")}));
    EXPECT_TRUE(key.value(QStringLiteral("last_checked_by")).isNull());
    EXPECT_EQ(key.value(QStringLiteral("name")).toString(), QStringLiteral("prod"));
    EXPECT_EQ(key.value(QStringLiteral("platform")).toString(), QStringLiteral("deepseek"));
    EXPECT_EQ(key.value(QStringLiteral("base_url")).toString(), m_provider.baseUrl());
    EXPECT_EQ(key.value(QStringLiteral("threshold")).toDouble(), 12.5);
    EXPECT_EQ(key.value(QStringLiteral("interval_s")).toInt(), 900);
    EXPECT_TRUE(key.value(QStringLiteral("enabled")).toBool());
    EXPECT_TRUE(key.value(QStringLiteral("latest")).isNull());
    EXPECT_EQ(key.value(QStringLiteral("tags")).toArray().size(), 2);
    EXPECT_TRUE(key.value(QStringLiteral("options")).isObject());
    const QString hint = key.value(QStringLiteral("hint")).toString();
    EXPECT_TRUE(hint.endsWith(QStringLiteral("cdef"))) << hint.toStdString();
    EXPECT_EQ(m_session->keysOf(m_alice.id).get(id)->userId, m_alice.id);

    const HttpResult read = get(keyPath(id));
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json(), key);
    EXPECT_EQ(read.header("Cache-Control"), "no-store");

    addKey(QStringLiteral("second"));
    const HttpResult listed = get(QStringLiteral("/api/keys"));
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.jsonArray().size(), 2);
    EXPECT_EQ(listed.jsonArray().at(0).toObject().value(QStringLiteral("id")).toInteger(), id);

    const HttpResult renamed =
        patch(keyPath(id), QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")},
                                       {QStringLiteral("enabled"), false},
                                       {QStringLiteral("threshold"), QJsonValue(QJsonValue::Null)}});
    ASSERT_EQ(renamed.status, 200) << renamed.body.toStdString();
    EXPECT_EQ(renamed.json().value(QStringLiteral("name")).toString(), QStringLiteral("renamed"));
    EXPECT_FALSE(renamed.json().value(QStringLiteral("enabled")).toBool());
    EXPECT_TRUE(renamed.json().value(QStringLiteral("threshold")).isNull());
    EXPECT_EQ(renamed.json().value(QStringLiteral("interval_s")).toInt(), 900); // kept
    EXPECT_EQ(renamed.json().value(QStringLiteral("hint")).toString(), hint);   // secret kept

    const HttpResult deleted = del(keyPath(id));
    EXPECT_EQ(deleted.status, 204);
    EXPECT_TRUE(deleted.body.isEmpty());
    EXPECT_EQ(get(keyPath(id)).status, 404);
    EXPECT_EQ(del(keyPath(id)).status, 404);
    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 1);
}

TEST_F(RestKeysTest, TheListComesInPagesByIdThatKeysAddedMeanwhileDoNotShift)
{
    std::vector<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(addKey(QStringLiteral("key %1").arg(i)));
    m_client.setToken(m_bob.token);
    const qint64 bobs = addKey(QStringLiteral("bob's"));
    m_client.setToken(m_alice.token);
    const auto idsOf = [](const HttpResult &page) {
        std::vector<qint64> found;
        for (const QJsonValue &key : page.jsonArray())
            found.push_back(key.toObject().value(QStringLiteral("id")).toInteger());
        return found;
    };

    // Without ?limit= the first 100: all five here, and no next page.
    const HttpResult all = get(QStringLiteral("/api/keys"));
    ASSERT_EQ(all.status, 200) << all.body.toStdString();
    EXPECT_EQ(idsOf(all), ids);
    EXPECT_TRUE(all.header("Link").isEmpty());
    EXPECT_TRUE(all.header("X-Next-Cursor").isEmpty());

    const HttpResult first = get(QStringLiteral("/api/keys?limit=2"));
    ASSERT_EQ(first.status, 200) << first.body.toStdString();
    EXPECT_EQ(idsOf(first), (std::vector<qint64>{ids[0], ids[1]}));
    const QByteArray cursor = first.header("X-Next-Cursor");
    ASSERT_FALSE(cursor.isEmpty());
    EXPECT_EQ(first.header("Link"), "</api/keys?limit=2&cursor=" + cursor + ">; rel=\"next\"");
    EXPECT_FALSE(cursor.contains(QByteArray::number(ids[1]))) << "the cursor is opaque";

    // A key added between two pages comes at the end, not into a page already read.
    const qint64 added = addKey(QStringLiteral("added meanwhile"));
    std::vector<qint64> seen = idsOf(first);
    QByteArray link = first.header("Link");
    int pages = 1;
    while (!link.isEmpty() && pages < 10) {
        const QByteArray path = link.mid(1, link.indexOf('>') - 1);
        const HttpResult page = get(QString::fromLatin1(path));
        ASSERT_EQ(page.status, 200) << page.body.toStdString();
        EXPECT_LE(page.jsonArray().size(), 2);
        const std::vector<qint64> found = idsOf(page);
        seen.insert(seen.end(), found.begin(), found.end());
        link = page.header("Link");
        ++pages;
    }
    std::vector<qint64> expected = ids;
    expected.push_back(added);
    EXPECT_EQ(seen, expected) << "every key once, in id order, none of another account's";
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(std::count(seen.begin(), seen.end(), bobs), 0);

    // The last page exactly full: no next page announced past it.
    const HttpResult exact = get(QStringLiteral("/api/keys?limit=6"));
    EXPECT_EQ(idsOf(exact), expected);
    EXPECT_TRUE(exact.header("Link").isEmpty());
}

TEST_F(RestKeysTest, ABadLimitIsA422AndABadCursorA400)
{
    addKey();
    for (const char *limit : {"0", "-1", "1001", "ten", ""}) {
        const HttpResult refused = get(QStringLiteral("/api/keys?limit=") + QLatin1String(limit));
        EXPECT_EQ(refused.status, 422) << limit;
        EXPECT_TRUE(refused.detail().startsWith(QStringLiteral("limit:"))) << refused.body.toStdString();
    }
    EXPECT_EQ(get(QStringLiteral("/api/keys?limit=1000")).status, 200);
    const QByteArray forged =
        QByteArray("after:x").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    for (const QByteArray &cursor : {QByteArray("12"), QByteArray("!!"), forged, QByteArray()}) {
        const HttpResult refused = get(QStringLiteral("/api/keys?cursor=") + QString::fromLatin1(cursor));
        EXPECT_EQ(refused.status, 400) << cursor.toStdString();
        EXPECT_TRUE(refused.detail().startsWith(QStringLiteral("cursor:"))) << refused.body.toStdString();
    }
}

TEST_F(RestKeysTest, PatchReplacingTheSecretChangesTheHintAndWhatIsSent)
{
    const qint64 id = addKey();
    const QString before = get(keyPath(id)).json().value(QStringLiteral("hint")).toString();
    const HttpResult replaced =
        patch(keyPath(id), QJsonObject{{QStringLiteral("api_key"), QLatin1String(kOtherSecret)}});
    ASSERT_EQ(replaced.status, 200) << replaced.body.toStdString();
    const QString after = replaced.json().value(QStringLiteral("hint")).toString();
    EXPECT_NE(after, before);
    EXPECT_TRUE(after.endsWith(QStringLiteral("9876"))) << after.toStdString();

    ASSERT_EQ(post(keyPath(id, "/trigger-check"), {}).status, 200);
    const auto requests = m_provider.requests();
    ASSERT_FALSE(requests.empty());
    EXPECT_TRUE(requests.back().header("Authorization").contains(kOtherSecret));

    const HttpResult empty = patch(keyPath(id), QJsonObject{{QStringLiteral("api_key"), QString()}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_TRUE(empty.detail().startsWith(QStringLiteral("api_key:"))) << empty.detail().toStdString();
}

// The stored secret goes to a new origin only with the secret given again or an explicit
// confirmation; without either, 409 and nothing changes.
TEST_F(RestKeysTest, PatchMovingTheKeyToAnotherOriginNeedsTheSecretOrAConfirmation)
{
    const qint64 id = addKey();
    TestHttpServer relay;
    relay.route("GET", "/user/balance", TestResponse::json(recorded("cny_only.json")));
    const QJsonObject move{{QStringLiteral("base_url"), relay.baseUrl()}};

    const HttpResult refused = patch(keyPath(id), move);
    EXPECT_EQ(refused.status, 409) << refused.body.toStdString();
    EXPECT_TRUE(refused.detail().contains(QStringLiteral("confirm_destination")))
        << refused.detail().toStdString();
    EXPECT_TRUE(refused.detail().contains(QStringLiteral("127.0.0.1"))) << refused.detail().toStdString();
    EXPECT_EQ(get(keyPath(id)).json().value(QStringLiteral("base_url")).toString(), m_provider.baseUrl());
    // A path on the same origin asks nothing.
    EXPECT_EQ(patch(keyPath(id), QJsonObject{{QStringLiteral("base_url"),
                                              QString(m_provider.baseUrl() + QStringLiteral("/v1"))}})
                  .status,
              200);
    EXPECT_EQ(patch(keyPath(id), QJsonObject{{QStringLiteral("base_url"), relay.baseUrl()},
                                             {QStringLiteral("confirm_destination"), QStringLiteral("yes")}})
                  .status,
              422);

    QJsonObject confirmed = move;
    confirmed.insert(QStringLiteral("confirm_destination"), true);
    const HttpResult moved = patch(keyPath(id), confirmed);
    ASSERT_EQ(moved.status, 200) << moved.body.toStdString();
    ASSERT_EQ(post(keyPath(id, "/trigger-check"), {}).status, 200);
    ASSERT_EQ(relay.requestCount(), 1);
    EXPECT_TRUE(relay.requests().front().header("Authorization").contains(kSecret));

    QJsonObject withSecret{{QStringLiteral("base_url"), m_provider.baseUrl()},
                           {QStringLiteral("api_key"), QLatin1String(kOtherSecret)}};
    ASSERT_EQ(patch(keyPath(id), withSecret).status, 200);
    ASSERT_EQ(post(keyPath(id, "/trigger-check"), {}).status, 200);
    EXPECT_TRUE(m_provider.requests().back().header("Authorization").contains(kOtherSecret));
}

// A check whose result cannot be stored is not a 200: the database is the server's trouble (503),
// the answer says the check was not recorded, and nothing lands in the key's history.
TEST_F(RestKeysTest, TriggeredCheckThatCannotBeStoredIsAServiceUnavailable)
{
    if (m_testDb->url().startsWith(QStringLiteral("postgres")))
        GTEST_SKIP() << "SQLite: another connection holds the file's write lock";
    const qint64 id = addKey();
    auto locker = m_testDb->open();
    ASSERT_NE(locker, nullptr);
    ASSERT_TRUE(locker->run(QStringLiteral("BEGIN EXCLUSIVE")));
    const HttpResult refused = post(keyPath(id, "/trigger-check"), {});
    ASSERT_TRUE(locker->run(QStringLiteral("COMMIT")));
    EXPECT_EQ(refused.status, 503) << refused.body.toStdString();
    EXPECT_TRUE(refused.detail().contains(QStringLiteral("could not be stored")))
        << refused.detail().toStdString();
    EXPECT_TRUE(get(keyPath(id, "/balance-history")).jsonArray().isEmpty()) << "nothing recorded";
}

TEST_F(RestKeysTest, OptionsAreKeptByAnEditAndDroppedWithThePlatform)
{
    QJsonObject body = keyBody(QStringLiteral("relay"));
    body.insert(QStringLiteral("platform"), QStringLiteral("newapi-user"));
    const HttpResult missing = post(QStringLiteral("/api/keys"), body);
    EXPECT_EQ(missing.status, 422); // user_id is required, as on the command line
    EXPECT_TRUE(missing.detail().startsWith(QStringLiteral("options:"))) << missing.detail().toStdString();
    body.insert(QStringLiteral("options"), QJsonObject{{QStringLiteral("user_id"), QStringLiteral("42")}});
    const HttpResult created = post(QStringLiteral("/api/keys"), body);
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
    EXPECT_EQ(created.json()
                  .value(QStringLiteral("options"))
                  .toObject()
                  .value(QStringLiteral("user_id"))
                  .toString(),
              QStringLiteral("42"));

    const HttpResult renamed =
        patch(keyPath(id), QJsonObject{{QStringLiteral("name"), QStringLiteral("relay 2")}});
    ASSERT_EQ(renamed.status, 200) << renamed.body.toStdString();
    EXPECT_EQ(renamed.json()
                  .value(QStringLiteral("options"))
                  .toObject()
                  .value(QStringLiteral("user_id"))
                  .toString(),
              QStringLiteral("42"));
    // Another platform takes the stored secret elsewhere: said outright, or refused.
    EXPECT_EQ(
        patch(keyPath(id), QJsonObject{{QStringLiteral("platform"), QStringLiteral("deepseek")}}).status,
        409);
    const HttpResult moved =
        patch(keyPath(id), QJsonObject{{QStringLiteral("platform"), QStringLiteral("deepseek")},
                                       {QStringLiteral("confirm_destination"), true}});
    ASSERT_EQ(moved.status, 200) << moved.body.toStdString();
    EXPECT_TRUE(moved.json().value(QStringLiteral("options")).toObject().isEmpty());
}

// Plain http:// to another machine needs "allow_insecure": true; the flag is its own boolean in
// the key's JSON, survives an edit that replaces the options, and can be taken back.
TEST_F(RestKeysTest, PlainHttpToAnotherMachineNeedsAllowInsecure)
{
    QJsonObject body = keyBody(QStringLiteral("lan relay"));
    body.insert(QStringLiteral("base_url"), QStringLiteral("http://relay.lan:3000"));
    const HttpResult refused = post(QStringLiteral("/api/keys"), body);
    EXPECT_EQ(refused.status, 422) << refused.body.toStdString();
    EXPECT_TRUE(refused.detail().startsWith(QStringLiteral("base_url:"))) << refused.detail().toStdString();
    EXPECT_TRUE(refused.detail().contains(QStringLiteral("allow_insecure")))
        << refused.detail().toStdString();
    const HttpResult testRefused = post(QStringLiteral("/api/keys/test"), body);
    EXPECT_EQ(testRefused.status, 422) << testRefused.body.toStdString();

    body.insert(QStringLiteral("allow_insecure"), true);
    const HttpResult created = post(QStringLiteral("/api/keys"), body);
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
    EXPECT_EQ(created.json().value(QStringLiteral("allow_insecure")), QJsonValue(true));
    EXPECT_FALSE(created.json()
                     .value(QStringLiteral("options"))
                     .toObject()
                     .contains(QStringLiteral("allow_insecure")));

    const HttpResult edited = patch(keyPath(id), QJsonObject{{QStringLiteral("options"), QJsonObject()}});
    ASSERT_EQ(edited.status, 200) << edited.body.toStdString();
    EXPECT_EQ(edited.json().value(QStringLiteral("allow_insecure")), QJsonValue(true));

    const HttpResult withdrawn = patch(keyPath(id), QJsonObject{{QStringLiteral("allow_insecure"), false}});
    EXPECT_EQ(withdrawn.status, 422) << withdrawn.body.toStdString();
    const HttpResult secured =
        patch(keyPath(id), QJsonObject{{QStringLiteral("allow_insecure"), false},
                                       {QStringLiteral("base_url"), QStringLiteral("https://relay.lan:3000")},
                                       {QStringLiteral("confirm_destination"), true}});
    ASSERT_EQ(secured.status, 200) << secured.body.toStdString();
    EXPECT_EQ(secured.json().value(QStringLiteral("allow_insecure")), QJsonValue(false));

    const HttpResult wrongType =
        patch(keyPath(id), QJsonObject{{QStringLiteral("allow_insecure"), QStringLiteral("yes")}});
    EXPECT_EQ(wrongType.status, 422) << wrongType.body.toStdString();
    // Loopback needs nothing.
    EXPECT_EQ(get(QStringLiteral("/api/keys")).status, 200);
    EXPECT_GT(addKey(QStringLiteral("local")), 0);
}

TEST_F(RestKeysTest, AnotherAccountsKeyIsNotFoundOnEveryRoute)
{
    const qint64 alices = addKey(QStringLiteral("alice's"));
    m_client.setToken(m_bob.token);
    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 0);
    const QString detail = QStringLiteral("no key with id %1").arg(alices);
    const QList<HttpResult> answers{
        get(keyPath(alices)),
        patch(keyPath(alices), QJsonObject{{QStringLiteral("name"), QStringLiteral("mine now")}}),
        del(keyPath(alices)),
        post(keyPath(alices, "/trigger-check"), {}),
        get(keyPath(alices, "/balance-history")),
    };
    for (const HttpResult &answer : answers) {
        EXPECT_EQ(answer.status, 404);
        EXPECT_EQ(answer.detail(), detail);
    }
    EXPECT_EQ(m_provider.requestCount(), 0); // no check was made for bob
    m_client.setToken(m_alice.token);
    const HttpResult untouched = get(keyPath(alices));
    ASSERT_EQ(untouched.status, 200);
    EXPECT_EQ(untouched.json().value(QStringLiteral("name")).toString(), QStringLiteral("alice's"));
    EXPECT_EQ(get(keyPath(987654)).status, 404);
    EXPECT_EQ(get(QStringLiteral("/api/keys/not-a-number")).status, 404);
}

TEST_F(RestKeysTest, BadBodiesAre400Or422NamingTheField)
{
    const HttpResult garbage = checked(m_client.send("POST", QStringLiteral("/api/keys"), "{not json",
                                                     {{"Content-Type", "application/json"}}));
    EXPECT_EQ(garbage.status, 400);
    EXPECT_EQ(checked(m_client.send("POST", QStringLiteral("/api/keys"), "[1,2]",
                                    {{"Content-Type", "application/json"}}))
                  .status,
              400);

    const auto refused = [&](QJsonObject body, const QString &field) {
        const HttpResult answer = post(QStringLiteral("/api/keys"), body);
        EXPECT_EQ(answer.status, 422) << field.toStdString() << ": " << answer.body.toStdString();
        EXPECT_TRUE(answer.detail().startsWith(field + u':'))
            << field.toStdString() << ": " << answer.detail().toStdString();
    };
    QJsonObject body = keyBody();
    body.remove(QStringLiteral("name"));
    refused(body, QStringLiteral("name"));
    body = keyBody();
    body.remove(QStringLiteral("api_key"));
    refused(body, QStringLiteral("api_key"));
    body = keyBody();
    body.remove(QStringLiteral("platform"));
    refused(body, QStringLiteral("platform"));
    body = keyBody();
    body.insert(QStringLiteral("name"), 42);
    refused(body, QStringLiteral("name"));
    body = keyBody();
    body.insert(QStringLiteral("name"), QStringLiteral("   "));
    refused(body, QStringLiteral("name"));
    body = keyBody();
    body.insert(QStringLiteral("platform"), QStringLiteral("no-such-platform"));
    refused(body, QStringLiteral("platform"));
    // Listed, but no API key of it has a balance to read: refused with the reason.
    body = keyBody();
    body.insert(QStringLiteral("platform"), QStringLiteral("groq"));
    refused(body, QStringLiteral("platform"));
    EXPECT_TRUE(
        post(QStringLiteral("/api/keys"), body).detail().contains(QLatin1String("GroqCloud console")));
    body = keyBody();
    body.insert(QStringLiteral("base_url"), QStringLiteral("ftp://example.com"));
    refused(body, QStringLiteral("base_url"));
    body = keyBody();
    body.insert(QStringLiteral("threshold"), -1);
    refused(body, QStringLiteral("threshold"));
    body = keyBody();
    body.insert(QStringLiteral("threshold"), QJsonArray{});
    refused(body, QStringLiteral("threshold"));
    body = keyBody();
    body.insert(QStringLiteral("interval"), 1);
    refused(body, QStringLiteral("interval"));
    body = keyBody();
    body.insert(QStringLiteral("interval"), QStringLiteral("soon"));
    refused(body, QStringLiteral("interval"));
    body = keyBody();
    body.insert(QStringLiteral("options"), QJsonObject{{QStringLiteral("x"), 1}});
    refused(body, QStringLiteral("options"));
    body = keyBody();
    body.insert(QStringLiteral("tags"), QStringLiteral("not-a-list"));
    refused(body, QStringLiteral("tags"));
    body = keyBody();
    body.insert(QStringLiteral("api_key"), QStringLiteral("two\nlines"));
    refused(body, QStringLiteral("api_key"));

    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 0); // nothing was stored

    // A threshold given as text, as the command line takes it.
    body = keyBody();
    body.insert(QStringLiteral("threshold"), QStringLiteral("20%"));
    const HttpResult percent = post(QStringLiteral("/api/keys"), body);
    ASSERT_EQ(percent.status, 201) << percent.body.toStdString();
    EXPECT_TRUE(percent.json().value(QStringLiteral("threshold_percent")).toBool());
    const qint64 id = percent.json().value(QStringLiteral("id")).toInteger();
    EXPECT_EQ(
        checked(m_client.send("PATCH", keyPath(id), "nope", {{"Content-Type", "application/json"}})).status,
        400);
    const HttpResult badPatch =
        patch(keyPath(id), QJsonObject{{QStringLiteral("enabled"), QStringLiteral("yes")}});
    EXPECT_EQ(badPatch.status, 422);
    EXPECT_TRUE(badPatch.detail().startsWith(QStringLiteral("enabled:")));
}

TEST_F(RestKeysTest, TestChecksWithoutStoringAnything)
{
    const HttpResult tested = post(QStringLiteral("/api/keys/test"),
                                   QJsonObject{{QStringLiteral("platform"), QStringLiteral("deepseek")},
                                               {QStringLiteral("api_key"), QLatin1String(kSecret)},
                                               {QStringLiteral("base_url"), m_provider.baseUrl()}});
    ASSERT_EQ(tested.status, 200) << tested.body.toStdString();
    const QJsonObject check = tested.json();
    EXPECT_EQ(check.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(check.value(QStringLiteral("remaining")).toDouble(), 110.0);
    EXPECT_EQ(check.value(QStringLiteral("unit")).toString(), QStringLiteral("CNY"));
    EXPECT_TRUE(check.value(QStringLiteral("key_id")).isNull());
    ASSERT_EQ(m_provider.requestCount(), 1);
    EXPECT_TRUE(m_provider.requests().front().header("Authorization").contains(kSecret));
    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 0);

    // A provider refusing the key is still an answered test: 200 with the failed check.
    m_provider.route("GET", "/user/balance", TestResponse::json(R"({"error":"bad key"})", 401));
    const HttpResult refused = post(QStringLiteral("/api/keys/test"),
                                    QJsonObject{{QStringLiteral("platform"), QStringLiteral("deepseek")},
                                                {QStringLiteral("api_key"), QLatin1String(kSecret)},
                                                {QStringLiteral("base_url"), m_provider.baseUrl()}});
    ASSERT_EQ(refused.status, 200);
    EXPECT_EQ(refused.json().value(QStringLiteral("status")).toString(), QStringLiteral("auth_error"));

    const HttpResult missing = post(QStringLiteral("/api/keys/test"),
                                    QJsonObject{{QStringLiteral("platform"), QStringLiteral("deepseek")}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_TRUE(missing.detail().startsWith(QStringLiteral("api_key:")));
}

// A balance of zero is its own state in the key JSON, the same word as `keys list --json`.
TEST_F(RestKeysTest, AKeyWithNothingLeftIsEmpty)
{
    m_provider.route("GET", "/user/balance", TestResponse::json(recorded("exhausted.json")));
    const qint64 id = addKey();
    ASSERT_EQ(post(keyPath(id, "/trigger-check"), {}).status, 200);
    const QJsonObject key = get(keyPath(id)).json();
    EXPECT_EQ(key.value(QStringLiteral("health")).toString(), QStringLiteral("empty"));
    EXPECT_EQ(key.value(QStringLiteral("latest")).toObject().value(QStringLiteral("remaining")).toDouble(-1),
              0.0);
    const QJsonArray listed = get(QStringLiteral("/api/keys")).jsonArray();
    ASSERT_EQ(listed.size(), 1);
    EXPECT_EQ(listed.at(0).toObject().value(QStringLiteral("health")).toString(), QStringLiteral("empty"));
}

TEST_F(RestKeysTest, TriggerCheckStoresTheCheckAndShowsItAsLatest)
{
    const qint64 id = addKey();
    const HttpResult checkedNow = post(keyPath(id, "/trigger-check"), {});
    ASSERT_EQ(checkedNow.status, 200) << checkedNow.body.toStdString();
    EXPECT_EQ(checkedNow.json().value(QStringLiteral("key_id")).toInteger(), id);
    EXPECT_EQ(checkedNow.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(checkedNow.json().value(QStringLiteral("remaining")).toDouble(), 110.0);

    const QJsonObject key = get(keyPath(id)).json();
    EXPECT_EQ(key.value(QStringLiteral("latest")).toObject(), checkedNow.json());
    EXPECT_EQ(key.value(QStringLiteral("health")).toString(), QStringLiteral("ok"));
    const HttpResult history = get(keyPath(id, "/balance-history"));
    ASSERT_EQ(history.status, 200);
    ASSERT_EQ(history.jsonArray().size(), 1);
    EXPECT_EQ(history.jsonArray().at(0).toObject(), checkedNow.json());
}

TEST_F(RestKeysTest, TheListFollowsEveryChangeAtOnce)
{
    const qint64 id = addKey();
    const auto first = [&] { return get(QStringLiteral("/api/keys")).jsonArray().at(0).toObject(); };
    EXPECT_TRUE(first().value(QStringLiteral("latest")).isNull());
    ASSERT_EQ(patch(keyPath(id), QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}}).status,
              200);
    EXPECT_EQ(first().value(QStringLiteral("name")).toString(), QStringLiteral("renamed"));
    ASSERT_EQ(post(keyPath(id, "/trigger-check"), {}).status, 200);
    EXPECT_EQ(first().value(QStringLiteral("latest")).toObject().value(QStringLiteral("status")).toString(),
              QStringLiteral("ok"));
    m_client.setToken(m_bob.token); // another caller's list is their own
    EXPECT_TRUE(get(QStringLiteral("/api/keys")).jsonArray().isEmpty());
    m_client.setToken(m_alice.token);
    ASSERT_EQ(del(keyPath(id)).status, 204);
    EXPECT_TRUE(get(QStringLiteral("/api/keys")).jsonArray().isEmpty());
}

TEST_F(RestKeysTest, TheLatestCheckAndTheHistoryCarryEveryDetail)
{
    const qint64 id = addKey();
    Snapshot snapshot;
    snapshot.keyId = id;
    snapshot.checkedAt = kSessionNow.addSecs(-60);
    snapshot.kind = ReadingKind::Quota;
    snapshot.remaining = Amount::fromMicros(40'000'000);
    snapshot.unit = QStringLiteral("percent");
    snapshot.details = {{QStringLiteral("window_5h"), Amount::fromMicros(40'000'000), std::nullopt,
                         Amount::fromMicros(100'000'000), QStringLiteral("percent"),
                         kSessionNow.addSecs(3600)},
                        {QStringLiteral("mcp_monthly"),
                         std::nullopt,
                         Amount::fromMicros(12'000'000),
                         Amount::fromMicros(1000'000'000),
                         QStringLiteral("requests"),
                         {}}};
    ASSERT_TRUE(SnapshotRepository(m_session->database()).insert(snapshot));

    const QJsonArray details = get(keyPath(id))
                                   .json()
                                   .value(QStringLiteral("latest"))
                                   .toObject()
                                   .value(QStringLiteral("details"))
                                   .toArray();
    ASSERT_EQ(details.size(), 2);
    EXPECT_EQ(details[0].toObject().value(QStringLiteral("label")).toString(),
              QStringLiteral("5-hour window"));
    EXPECT_EQ(details[0].toObject().value(QStringLiteral("resets_at")).toString(),
              kSessionNow.addSecs(3600).toString(Qt::ISODate));
    EXPECT_EQ(details[1].toObject(),
              (QJsonObject{{QStringLiteral("name"), QStringLiteral("mcp_monthly")},
                           {QStringLiteral("label"), QStringLiteral("Monthly MCP quota")},
                           {QStringLiteral("remaining"), QJsonValue::Null},
                           {QStringLiteral("used"), 12.0},
                           {QStringLiteral("limit"), 1000.0},
                           {QStringLiteral("unit"), QStringLiteral("requests")},
                           {QStringLiteral("resets_at"), QJsonValue::Null}}));
    const HttpResult history = get(keyPath(id, "/balance-history"));
    ASSERT_EQ(history.status, 200);
    ASSERT_EQ(history.jsonArray().size(), 1);
    EXPECT_EQ(history.jsonArray()[0].toObject().value(QStringLiteral("details")).toArray(), details);
}

TEST_F(RestKeysTest, BalanceHistoryIsNewestFirstWithinRangeAndLimit)
{
    const qint64 id = addKey();
    std::vector<Snapshot> snapshots;
    for (int i = 0; i < 1205; ++i) {
        Snapshot snapshot;
        snapshot.keyId = id;
        snapshot.checkedAt = kSessionNow.addSecs(-60LL * (1205 - i)); // one a minute, up to now
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = Amount::fromMicros(1'000'000'000LL - i * 1000LL);
        snapshot.unit = QStringLiteral("USD");
        snapshots.push_back(snapshot);
    }
    ASSERT_TRUE(SnapshotRepository(m_session->database()).insertMany(snapshots));

    const HttpResult all = get(keyPath(id, "/balance-history"));
    ASSERT_EQ(all.status, 200);
    const QJsonArray page = all.jsonArray();
    ASSERT_EQ(page.size(), 1000); // the default limit
    EXPECT_EQ(page.at(0).toObject().value(QStringLiteral("checked_at")).toString(),
              snapshots.back().checkedAt.toString(Qt::ISODateWithMs));
    EXPECT_GT(page.at(0).toObject().value(QStringLiteral("checked_at")).toString(),
              page.at(1).toObject().value(QStringLiteral("checked_at")).toString());

    EXPECT_EQ(get(keyPath(id, "/balance-history?limit=10000")).jsonArray().size(), 1205);
    EXPECT_EQ(get(keyPath(id, "/balance-history?limit=3")).jsonArray().size(), 3);

    const QString from = snapshots[100].checkedAt.toString(Qt::ISODate);
    const QString to = snapshots[110].checkedAt.toString(Qt::ISODate);
    const HttpResult ranged = get(keyPath(id, "/balance-history?from=") + from + QStringLiteral("&to=") + to);
    ASSERT_EQ(ranged.status, 200) << ranged.body.toStdString();
    ASSERT_EQ(ranged.jsonArray().size(), 10); // from inclusive, to exclusive
    EXPECT_EQ(ranged.jsonArray().at(0).toObject().value(QStringLiteral("checked_at")).toString(),
              snapshots[109].checkedAt.toString(Qt::ISODateWithMs));

    for (const char *bad :
         {"?limit=10001", "?limit=0", "?limit=many", "?from=yesterday-ish", "?to=2026-13-45"}) {
        const HttpResult refused = get(keyPath(id, "/balance-history") + QLatin1String(bad));
        EXPECT_EQ(refused.status, 422) << bad;
        const QString field = QString::fromLatin1(bad).mid(1).section(u'=', 0, 0);
        EXPECT_TRUE(refused.detail().startsWith(field + u':'))
            << bad << ": " << refused.detail().toStdString();
    }
}

} // namespace
} // namespace qw::test
