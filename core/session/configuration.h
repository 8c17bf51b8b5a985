// Where every setting a front end starts with comes from, resolved in one place and one order:
// the command-line flag, then the environment variable, then the saved setting (QSettings),
// then the default. The database URL, the check concurrency caps, the REST address and the
// language are read through it, by the command line, `serve` and the desktop alike.
#pragma once

#include "core/model/databaseurl.h"
#include "core/poll/httpclient.h"
#include "core/result.h"

#include <QString>
#include <functional>
#include <optional>

namespace qw {

// What the command line said; an empty string is "not given".
struct ConfigurationFlags
{
    QString db = {};          // --db
    QString concurrency = {}; // --concurrency
    QString perHost = {};     // --per-host
    QString listen = {};      // --listen HOST:PORT
    QString language = {};    // --language (none of the commands has it yet; QUOTAWATCH_LANGUAGE does)
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

    // Checks in flight at once, in total and per host: what --concurrency and --per-host accept.
    static constexpr int kMinChecksInFlight = 1;
    static constexpr int kMaxChecksInFlight = 256;

    using Environment = std::function<QString(const char *name)>;

    // Reads the process environment and the application's QSettings.
    explicit Configuration(ConfigurationFlags flags = {});
    // For tests: another environment, and the settings in `settingsFile` (INI format).
    Configuration(ConfigurationFlags flags, Environment environment, QString settingsFile);

    [[nodiscard]] const ConfigurationFlags &flags() const { return m_flags; }

    // --db, QUOTAWATCH_DB, the saved database/url, else the default SQLite file.
    [[nodiscard]] Result<DatabaseUrl> databaseUrl() const;
    // --concurrency / --per-host, QUOTAWATCH_CONCURRENCY / QUOTAWATCH_PER_HOST, the saved
    // checks/maxConcurrent / checks/maxPerHost, else 8 and 4. A flag or variable out of range is
    // an error naming it; a saved value out of range falls back to the default.
    [[nodiscard]] Result<HttpClientLimits> limits() const;
    // --listen, QUOTAWATCH_LISTEN, the saved rest/address and rest/port, else 127.0.0.1:8000.
    [[nodiscard]] Result<RestEndpoint> restEndpoint() const;
    // Whether the desktop starts the REST API (a saved choice only; `serve` has --no-rest).
    [[nodiscard]] bool restEnabledOnDesktop() const;
    // --language, QUOTAWATCH_LANGUAGE, the saved ui/language; empty: the system's language.
    [[nodiscard]] QString language() const;

    // "HOST:PORT" (IPv6 in brackets) to an endpoint; nullopt when it is not one.
    [[nodiscard]] static std::optional<RestEndpoint> parseEndpoint(const QString &text);

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

    ConfigurationFlags m_flags;
    Environment m_environment;
    QString m_settingsFile;
};

} // namespace qw
