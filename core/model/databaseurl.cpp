#include "core/model/databaseurl.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace qw {

namespace {

const QString kUsage = QStringLiteral("use sqlite:///absolute/path.db, a file path, or "
                                      "postgresql://user:password@host:port/dbname");

Result<DatabaseUrl> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the database URL is malformed; ") + kUsage);
    DatabaseUrl result;
    result.backend = DatabaseUrl::Backend::Postgres;
    result.host = url.host();
    result.port = url.port(5432);
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    if (result.host.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the PostgreSQL URL names no host; ") + kUsage);
    if (result.databaseName.isEmpty() || result.databaseName.contains(u'/'))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the PostgreSQL URL names no database; ") + kUsage);
    if (result.port <= 0 || result.port > 65535)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the PostgreSQL URL has an invalid port; ") + kUsage);
    // libpq options such as sslmode travel as query parameters, passed to the driver as-is.
    const QUrlQuery query(url);
    QStringList options;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        options << name + u'=' + value;
    result.connectOptions = options.join(u';');
    return result;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the database URL is empty; ") + kUsage);

    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        DatabaseUrl result;
        result.path = QFileInfo(text).absoluteFilePath();
        return result;
    }

    const QString scheme = text.left(schemeEnd).toLower();
    if (scheme == QLatin1String("sqlite")) {
        const QString path = text.mid(schemeEnd + 3);
        if (path.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the SQLite URL names no file; ") + kUsage);
        DatabaseUrl result;
        result.path = QFileInfo(path).absoluteFilePath();
        return result;
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return parsePostgres(text);
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("unsupported database type “%1”; ").arg(scheme) + kUsage);
}

DatabaseUrl DatabaseUrl::defaultLocation()
{
    DatabaseUrl result;
    // "<the platform's data folder>/QuotaWatch", independent of the organisation name that
    // QSettings uses for its own folder.
    const QString dir = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                            .filePath(QStringLiteral("QuotaWatch"));
    result.path = QDir(dir).filePath(QStringLiteral("quotawatch.db"));
    return result;
}

QString DatabaseUrl::redacted() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("sqlite://") + path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    if (!password.isEmpty())
        url.setPassword(QStringLiteral("***"));
    url.setPath(u'/' + databaseName);
    return url.toString();
}

namespace {

// The value of the libpq option `name` in "a=b;c=d" form; null when absent.
QString optionValue(const QString &options, QLatin1String name)
{
    for (const QString &option : options.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype equals = option.indexOf(u'=');
        if (equals > 0 && option.left(equals).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return option.mid(equals + 1).trimmed();
    }
    return {};
}

bool isLocalHost(const QString &host)
{
    if (host.startsWith(u'/'))
        return true; // a Unix socket folder
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString bare = host;
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

} // namespace

bool DatabaseUrl::isLocal() const
{
    if (backend == Backend::Sqlite)
        return true;
    // libpq lets a `host=` option override the URL's host; what it connects to decides.
    const QString overridden = optionValue(connectOptions, QLatin1String("host"));
    if (!overridden.isEmpty())
        return isLocalHost(overridden);
    return isLocalHost(host);
}

bool DatabaseUrl::hasSslMode() const
{
    return !optionValue(connectOptions, QLatin1String("sslmode")).isNull();
}

QString DatabaseUrl::effectiveConnectOptions() const
{
    if (backend == Backend::Sqlite || isLocal() || hasSslMode())
        return connectOptions;
    return connectOptions + (connectOptions.isEmpty() ? QString() : QStringLiteral(";")) +
           QStringLiteral("sslmode=verify-full");
}

} // namespace qw
