// Where every setting a front end starts with comes from, resolved in one place and one order:
// the command-line flag, then the environment variable, then the saved setting (QSettings),
// then the default. The database URL, the check concurrency caps, the REST address and the
// language are read through it, by the command line, `serve` and the desktop alike.
#pragma once

#include "core/model/databaseurl.h"
#include "core/poll/httpclient.h"
#include "core/result.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <optional>

namespace qw {

// What the command line said; an empty string is "not given".
struct ConfigurationFlags
{
    QString db = {};              // --db
    QString concurrency = {};     // --concurrency
    QString perHost = {};         // --per-host
    QString listen = {};          // --listen HOST:PORT
    QString language = {};        // --language (none of the commands has it yet; QUOTAWATCH_LANGUAGE does)
    QString tlsCert = {};         // --tls-cert FILE
    QString tlsKey = {};          // --tls-key FILE
    QStringList corsOrigins = {}; // --cors-origin ORIGIN, repeatable
    QString tokenMinutes = {};    // --token-minutes N
    bool allowRemote = false;     // --allow-remote
    bool metricsPublic = false;   // --metrics-public
};

// The REST API's HTTPS files (PEM); both empty: plain HTTP.
struct RestTlsFiles
{
    QString certificateFile;
    QString keyFile;

    [[nodiscard]] bool isEmpty() const { return certificateFile.isEmpty() && keyFile.isEmpty(); }
};

// The REST API's address: where `serve` (unless --no-rest) and the desktop (when enabled) listen.
struct RestEndpoint
{
    static constexpr int kDefaultPort = 8000;

    QString host = QStringLiteral("127.0.0.1");
    int port = kDefaultPort; // 0: any free port
};

class Configuration final
{
public:
    // The environment variables, one per setting that has one.
    static constexpr char kDbVariable[] = "QUOTAWATCH_DB";
    static constexpr char kConcurrencyVariable[] = "QUOTAWATCH_CONCURRENCY";
    static constexpr char kPerHostVariable[] = "QUOTAWATCH_PER_HOST";
    static constexpr char kListenVariable[] = "QUOTAWATCH_LISTEN";
    static constexpr char kLanguageVariable[] = "QUOTAWATCH_LANGUAGE";
    static constexpr char kTlsCertVariable[] = "QUOTAWATCH_TLS_CERT";
    static constexpr char kTlsKeyVariable[] = "QUOTAWATCH_TLS_KEY";
    static constexpr char kCorsOriginsVariable[] = "QUOTAWATCH_CORS_ORIGINS"; // comma-separated
    static constexpr char kTokenMinutesVariable[] = "QUOTAWATCH_TOKEN_MINUTES";

    // Checks in flight at once, in total and per host: what --concurrency and --per-host accept.
    static constexpr int kMinChecksInFlight = 1;
    static constexpr int kMaxChecksInFlight = 256;
    // How long a login's access token is valid, in minutes: what --token-minutes accepts.
    static constexpr int kMinTokenMinutes = 1;
    static constexpr int kMaxTokenMinutes = 24 * 60;
    static constexpr int kDefaultTokenMinutes = 30;

    using Environment = std::function<QString(const char *name)>;

    // Reads the process environment and the application's QSettings.
    explicit Configuration(ConfigurationFlags flags = {});
    // For tests: another environment, and the settings in `settingsFile` (INI format).
    Configuration(ConfigurationFlags flags, Environment environment, QString settingsFile);

    [[nodiscard]] const ConfigurationFlags &flags() const { return m_flags; }

    // --db, QUOTAWATCH_DB, the saved database/url, else the default SQLite file.
    [[nodiscard]] Result<DatabaseUrl> databaseUrl() const;
    // When that URL carries a PostgreSQL password: a warning naming where it came from and the
    // safer ways (the keychain, ~/.pgpass, PGPASSWORD); empty otherwise. The password still works.
    [[nodiscard]] QString databasePasswordWarning() const;
    // --concurrency / --per-host, QUOTAWATCH_CONCURRENCY / QUOTAWATCH_PER_HOST, the saved
    // checks/maxConcurrent / checks/maxPerHost, else 8 and 4. A flag or variable out of range is
    // an error naming it; a saved value out of range falls back to the default.
    [[nodiscard]] Result<HttpClientLimits> limits() const;
    // --listen, QUOTAWATCH_LISTEN, the saved rest/address and rest/port, else 127.0.0.1:8000.
    [[nodiscard]] Result<RestEndpoint> restEndpoint() const;
    // Whether the desktop starts the REST API (a saved choice only; `serve` has --no-rest).
    [[nodiscard]] bool restEnabledOnDesktop() const;
    // --allow-remote or the saved rest/allowRemote: whether the API may listen on an address
    // other machines reach.
    [[nodiscard]] bool restAllowRemote() const;
    // --metrics-public or the saved rest/metricsPublic: /metrics without a token.
    [[nodiscard]] bool restMetricsPublic() const;
    // --tls-cert/--tls-key, QUOTAWATCH_TLS_CERT/QUOTAWATCH_TLS_KEY, the saved rest/tlsCert and
    // rest/tlsKey, each source taken as a pair; a source with only one of the two is an error
    // naming both. Whether the files are usable is checked when the server starts.
    [[nodiscard]] Result<RestTlsFiles> restTlsFiles() const;
    // --cors-origin (repeatable), QUOTAWATCH_CORS_ORIGINS (comma-separated), the saved
    // rest/allowedOrigins; empty: CORS off. Each must be an origin (http[s]://host[:port], no
    // path); one that is not is an error naming it and its source.
    [[nodiscard]] Result<QStringList> restAllowedOrigins() const;
    // --token-minutes, QUOTAWATCH_TOKEN_MINUTES, the saved rest/tokenMinutes, else 30. A flag or
    // variable outside 1..1440 is an error naming it; a saved value outside falls back to 30.
    [[nodiscard]] Result<int> tokenMinutes() const;
    // --language, QUOTAWATCH_LANGUAGE, the saved ui/language; empty: the system's language.
    [[nodiscard]] QString language() const;

    // "HOST:PORT" (IPv6 in brackets) to an endpoint; nullopt when it is not one.
    [[nodiscard]] static std::optional<RestEndpoint> parseEndpoint(const QString &text);
    // "https://example.org:8443" -> the same, normalized (lower-case scheme and host, no default
    // port); nullopt when it is not an http(s) origin without path, query or user.
    [[nodiscard]] static std::optional<QString> parseOrigin(const QString &text);

private:
    // One setting's value from the first source that has one.
    struct Resolved
    {
        QString value;
        QString source; // "--db", "QUOTAWATCH_DB", "the saved setting database/url"; empty: default
        bool saved = false;
    };
    [[nodiscard]] Resolved resolve(const QString &flag, const char *flagName, const char *variable,
                                   const char *settingKey) const;
    [[nodiscard]] QString savedValue(const char *settingKey) const;
    [[nodiscard]] QVariant savedVariant(const char *settingKey) const;
    [[nodiscard]] bool savedFlag(const char *settingKey) const;

    ConfigurationFlags m_flags;
    Environment m_environment;
    QString m_settingsFile;
};

} // namespace qw
