#include "core/session/configuration.h"

#include "core/session/settingkeys.h"

#include <QHostAddress>
#include <QSettings>
#include <QUrl>

namespace qw {

namespace {

constexpr int kDefaultMaxConcurrent = HttpClientLimits{}.maxConcurrent;
constexpr int kDefaultMaxPerHost = HttpClientLimits{}.maxPerHost;

QString processEnvironment(const char *name)
{
    return qEnvironmentVariable(name);
}

} // namespace

Configuration::Configuration(ConfigurationFlags flags)
    : Configuration(std::move(flags), processEnvironment, QString())
{}

Configuration::Configuration(ConfigurationFlags flags, Environment environment, QString settingsFile)
    : m_flags(std::move(flags))
    , m_environment(std::move(environment))
    , m_settingsFile(std::move(settingsFile))
{}

QVariant Configuration::savedVariant(const char *settingKey) const
{
    const QString key = QLatin1String(settingKey);
    if (m_settingsFile.isEmpty())
        return QSettings().value(key);
    return QSettings(m_settingsFile, QSettings::IniFormat).value(key);
}

QString Configuration::savedValue(const char *settingKey) const
{
    return savedVariant(settingKey).toString();
}

bool Configuration::savedFlag(const char *settingKey) const
{
    // QSettings gives a bool back as a bool, but an INI file written elsewhere has "true".
    return savedValue(settingKey).trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

Configuration::Resolved Configuration::resolve(const QString &flag, const char *flagName,
                                               const char *variable, const char *settingKey) const
{
    if (!flag.isEmpty())
        return {flag, QLatin1String(flagName), false};
    if (variable) {
        if (QString value = m_environment(variable); !value.isEmpty())
            return {value, QLatin1String(variable), false};
    }
    if (settingKey) {
        if (QString value = savedValue(settingKey); !value.isEmpty())
            return {value, QStringLiteral("the saved setting %1").arg(QLatin1String(settingKey)), true};
    }
    return {};
}

Result<DatabaseUrl> Configuration::databaseUrl() const
{
    const Resolved url = resolve(m_flags.db, "--db", kDbVariable, SettingKeys::kDatabaseUrl);
    if (url.value.isEmpty())
        return DatabaseUrl::defaultLocation();
    return DatabaseUrl::parse(url.value);
}

QString Configuration::databasePasswordWarning() const
{
    const Resolved url = resolve(m_flags.db, "--db", kDbVariable, SettingKeys::kDatabaseUrl);
    if (url.value.isEmpty())
        return {};
    auto parsed = DatabaseUrl::parse(url.value);
    if (!parsed || parsed->password.isEmpty())
        return {};
    const QString exposure =
        url.saved ? QStringLiteral("lies in plain text in the settings file")
        : url.source == QLatin1String("--db")
            ? QStringLiteral("is visible to other users of this machine in the process list")
            : QStringLiteral("is inherited by every process started from this environment");
    return QStringLiteral("the database password in %1 %2. Safer: leave it out of the URL and keep it in "
                          "the OS keychain (Settings → Database in the desktop app), in ~/.pgpass, or in "
                          "the PGPASSWORD environment variable")
        .arg(url.source, exposure);
}

Result<HttpClientLimits> Configuration::limits() const
{
    HttpClientLimits limits;
    const struct
    {
        const QString &flag;
        const char *flagName;
        const char *variable;
        const char *settingKey;
        int fallback;
        int &target;
    } caps[] = {
        {m_flags.concurrency, "--concurrency", kConcurrencyVariable, SettingKeys::kMaxConcurrent,
         kDefaultMaxConcurrent, limits.maxConcurrent},
        {m_flags.perHost, "--per-host", kPerHostVariable, SettingKeys::kMaxPerHost, kDefaultMaxPerHost,
         limits.maxPerHost},
    };
    for (const auto &cap : caps) {
        const Resolved resolved = resolve(cap.flag, cap.flagName, cap.variable, cap.settingKey);
        if (resolved.value.isEmpty()) {
            cap.target = cap.fallback;
            continue;
        }
        bool ok = false;
        const int value = resolved.value.trimmed().toInt(&ok);
        if (ok && value >= kMinChecksInFlight && value <= kMaxChecksInFlight) {
            cap.target = value;
        } else if (resolved.saved) {
            cap.target = cap.fallback;
        } else {
            return fail(ErrorCode::InvalidInput, QStringLiteral("%1 must be a whole number from %2 to %3")
                                                     .arg(resolved.source)
                                                     .arg(kMinChecksInFlight)
                                                     .arg(kMaxChecksInFlight));
        }
    }
    return limits;
}

Result<RestEndpoint> Configuration::restEndpoint() const
{
    const Resolved given = resolve(m_flags.listen, "--listen", kListenVariable, nullptr);
    if (!given.value.isEmpty()) {
        if (auto endpoint = parseEndpoint(given.value))
            return *endpoint;
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 “%2” is not an address; write HOST:PORT, e.g. 127.0.0.1:8000")
                        .arg(given.source, given.value));
    }
    RestEndpoint endpoint;
    if (const QString host = savedValue(SettingKeys::kRestAddress).trimmed(); !host.isEmpty())
        endpoint.host = host;
    bool ok = false;
    const int port = savedValue(SettingKeys::kRestPort).toInt(&ok);
    if (ok && port >= 0 && port <= 65535)
        endpoint.port = port;
    return endpoint;
}

bool Configuration::restEnabledOnDesktop() const
{
    return savedFlag(SettingKeys::kRestEnabled);
}

bool Configuration::restAllowRemote() const
{
    return m_flags.allowRemote || savedFlag(SettingKeys::kRestAllowRemote);
}

bool Configuration::restMetricsPublic() const
{
    return m_flags.metricsPublic || savedFlag(SettingKeys::kRestMetricsPublic);
}

Result<RestTlsFiles> Configuration::restTlsFiles() const
{
    // One source gives both files: a certificate from the command line and a key from the saved
    // settings would be a pair nobody chose.
    const auto pairFrom = [](QString certificate, QString key, const QString &certificateName,
                             const QString &keyName) -> Result<RestTlsFiles> {
        certificate = certificate.trimmed();
        key = key.trimmed();
        if (certificate.isEmpty() != key.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1 and %2 go together: give both files or neither")
                            .arg(certificateName, keyName));
        return RestTlsFiles{certificate, key};
    };
    if (!m_flags.tlsCert.isEmpty() || !m_flags.tlsKey.isEmpty())
        return pairFrom(m_flags.tlsCert, m_flags.tlsKey, QStringLiteral("--tls-cert"),
                        QStringLiteral("--tls-key"));
    const QString envCertificate = m_environment(kTlsCertVariable);
    const QString envKey = m_environment(kTlsKeyVariable);
    if (!envCertificate.isEmpty() || !envKey.isEmpty())
        return pairFrom(envCertificate, envKey, QLatin1String(kTlsCertVariable),
                        QLatin1String(kTlsKeyVariable));
    return pairFrom(savedValue(SettingKeys::kRestTlsCert), savedValue(SettingKeys::kRestTlsKey),
                    QStringLiteral("the saved setting %1").arg(QLatin1String(SettingKeys::kRestTlsCert)),
                    QStringLiteral("%1").arg(QLatin1String(SettingKeys::kRestTlsKey)));
}

Result<QStringList> Configuration::restAllowedOrigins() const
{
    QStringList given;
    QString source;
    if (!m_flags.corsOrigins.isEmpty()) {
        given = m_flags.corsOrigins;
        source = QStringLiteral("--cors-origin");
    } else if (const QString variable = m_environment(kCorsOriginsVariable); !variable.trimmed().isEmpty()) {
        given = variable.split(u',');
        source = QLatin1String(kCorsOriginsVariable);
    } else {
        // Saved by Preferences as a list; an INI file edited by hand may hold one string.
        const QVariant saved = savedVariant(SettingKeys::kRestAllowedOrigins);
        given =
            saved.typeId() == QMetaType::QStringList ? saved.toStringList() : saved.toString().split(u',');
        source = QStringLiteral("the saved setting %1").arg(QLatin1String(SettingKeys::kRestAllowedOrigins));
    }
    QStringList origins;
    for (const QString &text : std::as_const(given)) {
        if (text.trimmed().isEmpty())
            continue;
        const auto origin = parseOrigin(text);
        if (!origin)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1 “%2” is not an origin; write scheme://host[:port], e.g. "
                                       "https://dashboard.example.org")
                            .arg(source, text.trimmed()));
        if (!origins.contains(*origin))
            origins.append(*origin);
    }
    return origins;
}

Result<int> Configuration::tokenMinutes() const
{
    const Resolved resolved = resolve(m_flags.tokenMinutes, "--token-minutes", kTokenMinutesVariable,
                                      SettingKeys::kRestTokenMinutes);
    if (resolved.value.isEmpty())
        return kDefaultTokenMinutes;
    bool ok = false;
    const int minutes = resolved.value.trimmed().toInt(&ok);
    if (ok && minutes >= kMinTokenMinutes && minutes <= kMaxTokenMinutes)
        return minutes;
    if (resolved.saved)
        return kDefaultTokenMinutes;
    return fail(ErrorCode::InvalidInput, QStringLiteral("%1 must be a whole number of minutes from %2 to %3")
                                             .arg(resolved.source)
                                             .arg(kMinTokenMinutes)
                                             .arg(kMaxTokenMinutes));
}

QString Configuration::language() const
{
    return resolve(m_flags.language, "--language", kLanguageVariable, SettingKeys::kLanguage).value;
}

std::optional<RestEndpoint> Configuration::parseEndpoint(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    QString host = trimmed.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(u':'))
        return std::nullopt; // an IPv6 address needs its brackets
    bool ok = false;
    const int port = trimmed.mid(colon + 1).toInt(&ok);
    if (!ok || port < 0 || port > 65535 || host.isEmpty())
        return std::nullopt;
    if (host != QLatin1String("localhost") && QHostAddress(host).isNull())
        return std::nullopt;
    return RestEndpoint{host, port};
}

std::optional<QString> Configuration::parseOrigin(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() ||
        !(url.path().isEmpty() || url.path() == QLatin1String("/")))
        return std::nullopt;
    // What a browser sends in its Origin header: no default port, no trailing slash.
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    QString origin = scheme + QStringLiteral("://") + url.host(QUrl::FullyEncoded).toLower();
    if (url.host().contains(u':'))
        origin = scheme + QStringLiteral("://[") + url.host(QUrl::FullyEncoded).toLower() + u']';
    if (url.port() != -1 && url.port() != defaultPort)
        origin += u':' + QString::number(url.port());
    return origin;
}

} // namespace qw
