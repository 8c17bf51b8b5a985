// GET /api/openapi.json: served by the API, held to the route table both ways (every route is
// documented, every documented operation is routed, with the same access), matched by what the
// server and the core's JSON really produce (OpenApiSchema), and accepted by a real validator
// (Redocly CLI's lint, installed by installer/install-deps.sh).
#include "core/json/modeljson.h"
#include "tests/rest/openapischema.h"
#include "tests/rest/restfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

const QStringList kHttpMethods{QStringLiteral("get"),    QStringLiteral("put"),     QStringLiteral("post"),
                               QStringLiteral("delete"), QStringLiteral("options"), QStringLiteral("head"),
                               QStringLiteral("patch"),  QStringLiteral("trace")};

// "GET /api/keys/{id}".
QString operationName(const QString &method, const QString &path)
{
    return method.toUpper() + u' ' + path;
}

// The redocly executable: where CMake found it, else where installer/install-deps.sh puts it
// (looked up again now, in case it was installed after the build was configured).
QString redoclyPath()
{
    if (QFileInfo(QStringLiteral(QW_REDOCLY)).isExecutable())
        return QStringLiteral(QW_REDOCLY);
    const QString cache = qEnvironmentVariableIsEmpty("XDG_CACHE_HOME")
                              ? qEnvironmentVariable("HOME") + QStringLiteral("/.cache")
                              : qEnvironmentVariable("XDG_CACHE_HOME");
    const QString path = cache + QStringLiteral("/quotawatch/npm/node_modules/.bin/redocly");
    return QFileInfo(path).isExecutable() ? path : QString();
}

struct LintResult
{
    bool ran = false;
    int exitCode = -1;
    int errors = -1;
    int warnings = -1;
    QString report; // every problem (rule, where, message) and what redocly said on stderr
};

// `redocly lint` with the suite's configuration, its findings read from the JSON report.
LintResult lint(const QString &file)
{
    LintResult result;
    QProcess redocly;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Nothing leaves the machine and no banner asks to upgrade.
    env.insert(QStringLiteral("REDOCLY_TELEMETRY"), QStringLiteral("off"));
    env.insert(QStringLiteral("REDOCLY_SUPPRESS_UPDATE_NOTICE"), QStringLiteral("true"));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    redocly.setProcessEnvironment(env);
    redocly.start(redoclyPath(),
                  {QStringLiteral("lint"), QStringLiteral("--config"), QStringLiteral(QW_REDOCLY_CONFIG),
                   QStringLiteral("--format"), QStringLiteral("json"), file});
    if (!redocly.waitForStarted(10000) || !redocly.waitForFinished(120000)) {
        redocly.kill();
        redocly.waitForFinished(2000);
        result.report = redocly.errorString() + u'\n' + QString::fromUtf8(redocly.readAllStandardError());
        return result;
    }
    result.ran = redocly.exitStatus() == QProcess::NormalExit;
    result.exitCode = redocly.exitCode();
    const QJsonObject json = QJsonDocument::fromJson(redocly.readAllStandardOutput()).object();
    const QJsonObject totals = json.value(QStringLiteral("totals")).toObject();
    result.errors = totals.value(QStringLiteral("errors")).toInt(-1);
    result.warnings = totals.value(QStringLiteral("warnings")).toInt(-1);
    for (const QJsonValue &problem : json.value(QStringLiteral("problems")).toArray()) {
        const QJsonObject object = problem.toObject();
        result.report += QStringLiteral("%1 %2 at %3: %4\n")
                             .arg(object.value(QStringLiteral("severity")).toString(),
                                  object.value(QStringLiteral("ruleId")).toString(),
                                  object.value(QStringLiteral("location"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("pointer"))
                                      .toString(),
                                  object.value(QStringLiteral("message")).toString());
    }
    result.report += QString::fromUtf8(redocly.readAllStandardError());
    return result;
}

class OpenApiTest : public RestFixture
{
protected:
    // The document as the running API serves it.
    QJsonObject servedDocument()
    {
        const HttpResult served = m_client.get(QStringLiteral("/api/openapi.json"));
        EXPECT_EQ(served.status, 200) << served.networkError.toStdString();
        return served.json();
    }

    // Follows a local "$ref" ("#/components/responses/Unauthorized") in `document`.
    static QJsonObject resolve(const QJsonObject &document, const QJsonObject &object)
    {
        const QString ref = object.value(QStringLiteral("$ref")).toString();
        if (!ref.startsWith(QLatin1String("#/")))
            return object;
        QJsonValue node = document;
        for (const QString &part : ref.mid(2).split(u'/'))
            node = node.toObject().value(part);
        return node.toObject();
    }
};

TEST_F(OpenApiTest, IsServedPubliclyAsTheCompiledInJsonFile)
{
    const HttpResult served = m_client.get(QStringLiteral("/api/openapi.json"));
    ASSERT_EQ(served.status, 200) << served.networkError.toStdString();
    EXPECT_EQ(served.header("Content-Type"), "application/json");
    EXPECT_EQ(served.header("X-Content-Type-Options"), "nosniff");
    const QJsonObject document = served.json();
    EXPECT_EQ(document.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
    EXPECT_FALSE(document.value(QStringLiteral("paths")).toObject().isEmpty());

    QFile source(QStringLiteral(QW_OPENAPI_SOURCE));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    EXPECT_EQ(served.body, source.readAll()) << "the served document is not core/rest/openapi.json";
}

TEST_F(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRoutedWithTheSameAccess)
{
    const QJsonObject document = servedDocument();
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    ASSERT_FALSE(paths.isEmpty());

    const auto routes = m_api->routes();
    ASSERT_FALSE(routes.empty());
    QSet<QString> routed;
    for (const auto &route : routes) {
        const QString method = QString::fromLatin1(rest::Router::methodName(route.method)).toLower();
        const QString name = operationName(method, route.pattern);
        routed.insert(name);
        const QJsonObject operation = paths.value(route.pattern).toObject().value(method).toObject();
        if (operation.isEmpty()) {
            ADD_FAILURE() << name.toStdString() << " is routed but not in core/rest/openapi.json";
            continue;
        }
        // A public route says so with an empty security list; any other names the bearer scheme.
        const QJsonArray security = operation.value(QStringLiteral("security")).toArray();
        if (route.access == rest::Access::Public) {
            EXPECT_TRUE(operation.contains(QStringLiteral("security")) && security.isEmpty())
                << name.toStdString() << " is public but documented as needing a token";
        } else {
            EXPECT_EQ(security, (QJsonArray{QJsonObject{{QStringLiteral("bearer"), QJsonArray{}}}}))
                << name.toStdString() << " needs a token but is documented otherwise";
        }
    }

    QSet<QString> documented;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto entry = item.begin(); entry != item.end(); ++entry) {
            if (!kHttpMethods.contains(entry.key()))
                continue;
            const QString name = operationName(entry.key(), path.key());
            documented.insert(name);
            EXPECT_TRUE(routed.contains(name))
                << name.toStdString() << " is documented but the API has no such route";
        }
    }
}

TEST_F(OpenApiTest, EveryOperationDocumentsItsErrorsAsDetailAndEvery401TheBearerChallenge)
{
    const QJsonObject document = servedDocument();
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    const QJsonObject errorSchema{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Error")}};
    EXPECT_EQ(document.value(QStringLiteral("components"))
                  .toObject()
                  .value(QStringLiteral("schemas"))
                  .toObject()
                  .value(QStringLiteral("Error"))
                  .toObject()
                  .value(QStringLiteral("required"))
                  .toArray(),
              QJsonArray{QStringLiteral("detail")});
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto entry = item.begin(); entry != item.end(); ++entry) {
            const QString name = operationName(entry.key(), path.key());
            const QJsonObject operation = entry.value().toObject();
            const bool needsToken = !operation.value(QStringLiteral("security")).toArray().isEmpty();
            const QJsonObject responses = operation.value(QStringLiteral("responses")).toObject();
            if (needsToken) {
                EXPECT_TRUE(responses.contains(QStringLiteral("401")))
                    << name.toStdString() << " needs a token but documents no 401";
            }
            for (auto response = responses.begin(); response != responses.end(); ++response) {
                const int status = response.key().toInt();
                const QJsonObject resolved = resolve(document, response.value().toObject());
                EXPECT_FALSE(resolved.value(QStringLiteral("description")).toString().isEmpty())
                    << name.toStdString() << " " << status;
                // A 503 from /api/health still describes the health; every other error is {"detail"}.
                if (status >= 400 && !(status == 503 && path.key() == QLatin1String("/api/health"))) {
                    EXPECT_EQ(resolved.value(QStringLiteral("content"))
                                  .toObject()
                                  .value(QStringLiteral("application/json"))
                                  .toObject()
                                  .value(QStringLiteral("schema"))
                                  .toObject(),
                              errorSchema)
                        << name.toStdString() << " " << status << " is not an Error";
                }
                if (status == 401) {
                    EXPECT_TRUE(resolved.value(QStringLiteral("headers"))
                                    .toObject()
                                    .contains(QStringLiteral("WWW-Authenticate")))
                        << name.toStdString();
                }
                if (status == 429) {
                    EXPECT_TRUE(resolved.value(QStringLiteral("headers"))
                                    .toObject()
                                    .contains(QStringLiteral("Retry-After")))
                        << name.toStdString();
                }
            }
        }
    }
}

TEST_F(OpenApiTest, LiveAnswersConformToTheirDocumentedSchemas)
{
    const OpenApiSchema schema(servedDocument());
    const HttpResult health = m_client.get(QStringLiteral("/api/health"));
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(
        schema.responseViolations(QStringLiteral("get"), QStringLiteral("/api/health"), 200, health.json()),
        QStringList());
    const HttpResult document = m_client.get(QStringLiteral("/api/openapi.json"));
    EXPECT_EQ(schema.responseViolations(QStringLiteral("get"), QStringLiteral("/api/openapi.json"), 200,
                                        document.json()),
              QStringList());
    for (const HttpResult &error : {m_client.get(QStringLiteral("/api/nothing-here")),
                                    m_client.send("PATCH", QStringLiteral("/api/health"))}) {
        EXPECT_GE(error.status, 400);
        EXPECT_EQ(schema.violations(QStringLiteral("Error"), QJsonDocument::fromJson(error.body).object()),
                  QStringList());
    }
}

TEST_F(OpenApiTest, ChecksAsTheCoreWritesThemConformToTheCheckSchema)
{
    const OpenApiSchema schema(servedDocument());
    Snapshot ok;
    ok.keyId = 7;
    ok.checkedAt = kSessionNow;
    ok.status = CheckStatus::Ok;
    ok.kind = ReadingKind::Balance;
    ok.remaining = Amount::fromDouble(12.5);
    ok.limit = Amount::fromDouble(100);
    ok.unit = QStringLiteral("USD");
    ok.balances = {Balance{*ok.remaining, QStringLiteral("USD")}};
    ok.resetsAt = kSessionNow.addDays(3);
    // A full detail and one with only a name: both null-able halves of the ReadingDetail schema.
    ok.details = {{QStringLiteral("window_5h"), Amount::parse(u"61"), Amount::parse(u"139"),
                   Amount::parse(u"200"), QStringLiteral("requests"), kSessionNow.addSecs(3600)},
                  {QStringLiteral("gift"), std::nullopt, std::nullopt, std::nullopt, QString(), {}}};
    Snapshot failed;
    failed.keyId = 7;
    failed.checkedAt = kSessionNow.addSecs(-1800);
    failed.status = CheckStatus::AuthError;
    failed.error = QStringLiteral("the provider refused the key (HTTP 401)");
    for (const Snapshot &snapshot : {ok, failed})
        EXPECT_EQ(schema.violations(QStringLiteral("Check"), ModelJson::check(snapshot)), QStringList());
    EXPECT_EQ(schema.responseViolations(QStringLiteral("get"),
                                        QStringLiteral("/api/keys/{id}/balance-history"), 200,
                                        QJsonArray{ModelJson::check(ok), ModelJson::check(failed)}),
              QStringList());
}

TEST_F(OpenApiTest, TheSchemaCheckReportsEveryWayAValueBreaksItsSchema)
{
    const OpenApiSchema schema(servedDocument());
    Snapshot snapshot;
    snapshot.keyId = 3;
    snapshot.checkedAt = kSessionNow;
    QJsonObject check = ModelJson::check(snapshot);
    check.insert(QStringLiteral("status"), QStringLiteral("fine"));
    check.remove(QStringLiteral("unit"));
    check.insert(QStringLiteral("secret"), QStringLiteral("sk-..."));
    check.insert(QStringLiteral("remaining"), QStringLiteral("12"));
    check.insert(QStringLiteral("checked_at"), QStringLiteral("yesterday"));
    check.insert(QStringLiteral("balances"), QJsonArray{QJsonObject{{QStringLiteral("amount"), 1}}});
    const QString found = schema.violations(QStringLiteral("Check"), check).join(u'\n');
    for (const char *where : {"$.status:", "unit is missing", "$.secret: not in the document",
                              "$.remaining:", "$.checked_at:", "$.balances[0]: the required property unit"})
        EXPECT_TRUE(found.contains(QLatin1String(where))) << where << " in\n" << found.toStdString();
    EXPECT_FALSE(
        schema.responseViolations(QStringLiteral("get"), QStringLiteral("/api/health"), 418, {}).isEmpty());
    EXPECT_FALSE(schema.violations(QStringLiteral("Error"), QJsonObject{}).isEmpty());
}

TEST_F(OpenApiTest, TheServedDocumentPassesRedoclyLintWithoutAnErrorOrAWarning)
{
    const QString redocly = redoclyPath();
    ASSERT_FALSE(redocly.isEmpty())
        << "the OpenAPI validator (@redocly/cli) is not installed: run installer/install-deps.sh";
    const HttpResult served = m_client.get(QStringLiteral("/api/openapi.json"));
    ASSERT_EQ(served.status, 200);
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    const QString file = folder.filePath(QStringLiteral("openapi.json"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(served.body);
    out.close();

    const LintResult result = lint(file);
    ASSERT_TRUE(result.ran) << result.report.toStdString();
    EXPECT_EQ(result.exitCode, 0) << result.report.toStdString();
    EXPECT_EQ(result.errors, 0) << result.report.toStdString();
    EXPECT_EQ(result.warnings, 0) << result.report.toStdString();

    // The validator is not a rubber stamp: the same document with an operation that has no
    // responses and a reference to nothing is refused.
    QJsonObject broken = served.json();
    QJsonObject paths = broken.value(QStringLiteral("paths")).toObject();
    QJsonObject health = paths.value(QStringLiteral("/api/health")).toObject();
    QJsonObject get = health.value(QStringLiteral("get")).toObject();
    get.remove(QStringLiteral("responses"));
    get.insert(QStringLiteral("requestBody"),
               QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/requestBodies/Nothing")}});
    health.insert(QStringLiteral("get"), get);
    paths.insert(QStringLiteral("/api/health"), health);
    broken.insert(QStringLiteral("paths"), paths);
    const QString brokenFile = folder.filePath(QStringLiteral("broken.json"));
    QFile brokenOut(brokenFile);
    ASSERT_TRUE(brokenOut.open(QIODevice::WriteOnly));
    brokenOut.write(QJsonDocument(broken).toJson());
    brokenOut.close();
    const LintResult refused = lint(brokenFile);
    ASSERT_TRUE(refused.ran) << refused.report.toStdString();
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_GE(refused.errors, 2) << refused.report.toStdString();
}

} // namespace
} // namespace qw::test
