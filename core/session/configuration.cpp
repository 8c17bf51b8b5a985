#include "core/session/configuration.h"

#include "core/session/settingkeys.h"

#include <QHostAddress>
#include <QSettings>

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

QString Configuration::savedValue(const char *settingKey) const
{
    const QString key = QLatin1String(settingKey);
    if (m_settingsFile.isEmpty())
        return QSettings().value(key).toString();
    return QSettings(m_settingsFile, QSettings::IniFormat).value(key).toString();
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
    return savedValue(SettingKeys::kRestEnabled) == QLatin1String("true");
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

} // namespace qw
