#include "tests/support/pgtestserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <gtest/gtest.h>

namespace qw::test {

namespace {

QString readStateFile(const QString &name)
{
    QFile file(QDir(QStringLiteral(QW_PG_STATE_DIR)).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

// Runs one statement on the admin database through a short-lived connection of its own.
bool runAdminStatement(const QString &sql)
{
    const auto admin = PgTestServer::adminUrl();
    if (!admin)
        return false;
    const QUrl url(*admin);
    const QString connection = QStringLiteral("pg-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                ADD_FAILURE() << "admin statement failed: " << query.lastError().text().toStdString();
        } else {
            ADD_FAILURE() << "cannot reach the test PostgreSQL: " << db.lastError().text().toStdString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

std::optional<QString> PgTestServer::adminUrl()
{
    const QString url = readStateFile(QStringLiteral("url"));
    if (url.isEmpty())
        return std::nullopt;
    return url;
}

QString PgTestServer::unavailableReason()
{
    const QString reason = readStateFile(QStringLiteral("unavailable"));
    if (!reason.isEmpty())
        return reason;
    return QStringLiteral(
        "the PostgreSQL fixture did not run (run the tests through ctest, which starts it)");
}

QString PgTestServer::createDatabase()
{
    const auto admin = adminUrl();
    if (!admin)
        return {};
    const QString name = QStringLiteral("qw_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!runAdminStatement(QStringLiteral("CREATE DATABASE ") + name))
        return {};
    QUrl url(*admin);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

void PgTestServer::dropDatabase(const QString &url)
{
    const QString name = QUrl(url).path().mid(1);
    if (!name.isEmpty())
        runAdminStatement(QStringLiteral("DROP DATABASE IF EXISTS ") + name +
                          QStringLiteral(" WITH (FORCE)"));
}

namespace {

bool runFixture(const QString &action)
{
    QProcess process;
    process.start(QStringLiteral("bash"), {QStringLiteral(QW_FIXTURES_DIR "/pg-fixture.sh"), action,
                                           QStringLiteral(QW_PG_STATE_DIR)});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

} // namespace

bool PgTestServer::restart()
{
    return runFixture(QStringLiteral("restart"));
}

bool PgTestServer::pause()
{
    return runFixture(QStringLiteral("pause"));
}

bool PgTestServer::resume()
{
    return runFixture(QStringLiteral("resume"));
}

bool PgTestServer::runAdmin(const QString &sql)
{
    return runAdminStatement(sql);
}

} // namespace qw::test
