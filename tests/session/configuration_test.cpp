// Configuration resolves every setting in one order — flag, environment, saved setting, default —
// and names the source of a bad value.
#include "core/session/configuration.h"
#include "core/session/settingkeys.h"

#include <QSettings>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <map>
#include <string>

namespace qw {
namespace {

class ConfigurationTest : public ::testing::Test
{
protected:
    // A configuration over `flags`, the fake environment and the settings file.
    Configuration make(ConfigurationFlags flags = {}) const
    {
        return Configuration(
            std::move(flags),
            [this](const char *name) {
                const auto found = m_env.find(name);
                return found == m_env.end() ? QString() : found->second;
            },
            settingsFile());
    }
    void save(const char *key, const QVariant &value)
    {
        QSettings settings(settingsFile(), QSettings::IniFormat);
        settings.setValue(QLatin1String(key), value);
    }
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    QTemporaryDir m_dir;
    std::map<std::string, QString> m_env;
};

TEST_F(ConfigurationTest, DatabaseUrlFollowsFlagThenEnvironmentThenSettingThenDefault)
{
    auto url = make().databaseUrl();
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path, DatabaseUrl::defaultLocation().path);

    save(SettingKeys::kDatabaseUrl, QStringLiteral("/tmp/saved.db"));
    EXPECT_EQ(make().databaseUrl()->path, QStringLiteral("/tmp/saved.db"));

    m_env["QUOTAWATCH_DB"] = QStringLiteral("/tmp/env.db");
    EXPECT_EQ(make().databaseUrl()->path, QStringLiteral("/tmp/env.db"));

    EXPECT_EQ(make({.db = QStringLiteral("/tmp/flag.db")}).databaseUrl()->path,
              QStringLiteral("/tmp/flag.db"));
}

TEST_F(ConfigurationTest, LimitsComeFromTheFirstSourceThatHasThem)
{
    auto defaults = make().limits();
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->maxConcurrent, 8);
    EXPECT_EQ(defaults->maxPerHost, 4);

    save(SettingKeys::kMaxConcurrent, 16);
    m_env["QUOTAWATCH_PER_HOST"] = QStringLiteral("2");
    auto mixed = make({.concurrency = QStringLiteral("3")}).limits();
    ASSERT_TRUE(mixed);
    EXPECT_EQ(mixed->maxConcurrent, 3); // the flag over the saved 16
    EXPECT_EQ(mixed->maxPerHost, 2);    // the environment over the default

    EXPECT_EQ(make().limits()->maxConcurrent, 16);
}

TEST_F(ConfigurationTest, ABadFlagOrVariableIsAnErrorNamingIt)
{
    auto flag = make({.concurrency = QStringLiteral("0")}).limits();
    ASSERT_FALSE(flag);
    EXPECT_EQ(flag.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(flag.error().message.contains(QStringLiteral("--concurrency")))
        << flag.error().message.toStdString();

    m_env["QUOTAWATCH_PER_HOST"] = QStringLiteral("many");
    auto variable = make().limits();
    ASSERT_FALSE(variable);
    EXPECT_TRUE(variable.error().message.contains(QStringLiteral("QUOTAWATCH_PER_HOST")));
}

TEST_F(ConfigurationTest, ABadSavedValueFallsBackToTheDefault)
{
    save(SettingKeys::kMaxConcurrent, 9999);
    auto limits = make().limits();
    ASSERT_TRUE(limits);
    EXPECT_EQ(limits->maxConcurrent, 8);
}

TEST_F(ConfigurationTest, RestEndpointFromListenOrTheSavedAddressAndPort)
{
    auto fallback = make().restEndpoint();
    ASSERT_TRUE(fallback);
    EXPECT_EQ(fallback->host, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(fallback->port, RestEndpoint::kDefaultPort);

    save(SettingKeys::kRestAddress, QStringLiteral("0.0.0.0"));
    save(SettingKeys::kRestPort, 9100);
    EXPECT_EQ(make().restEndpoint()->host, QStringLiteral("0.0.0.0"));
    EXPECT_EQ(make().restEndpoint()->port, 9100);

    auto listen = make({.listen = QStringLiteral("[::1]:0")}).restEndpoint();
    ASSERT_TRUE(listen);
    EXPECT_EQ(listen->host, QStringLiteral("::1"));
    EXPECT_EQ(listen->port, 0);

    auto wrong = make({.listen = QStringLiteral("localhost:http")}).restEndpoint();
    ASSERT_FALSE(wrong);
    EXPECT_TRUE(wrong.error().message.contains(QStringLiteral("--listen")));
}

TEST_F(ConfigurationTest, TlsFilesComeAsAPairFromOneSource)
{
    auto none = make().restTlsFiles();
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->isEmpty());

    save(SettingKeys::kRestTlsCert, QStringLiteral("/saved/cert.pem"));
    auto halfSaved = make().restTlsFiles();
    ASSERT_FALSE(halfSaved);
    EXPECT_TRUE(halfSaved.error().message.contains(QStringLiteral("rest/tlsCert")));
    EXPECT_TRUE(halfSaved.error().message.contains(QStringLiteral("rest/tlsKey")));

    save(SettingKeys::kRestTlsKey, QStringLiteral("/saved/key.pem"));
    auto saved = make().restTlsFiles();
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->certificateFile, QStringLiteral("/saved/cert.pem"));
    EXPECT_EQ(saved->keyFile, QStringLiteral("/saved/key.pem"));

    // The environment replaces both saved files, not one of them.
    m_env["QUOTAWATCH_TLS_CERT"] = QStringLiteral("/env/cert.pem");
    auto halfEnv = make().restTlsFiles();
    ASSERT_FALSE(halfEnv);
    EXPECT_TRUE(halfEnv.error().message.contains(QStringLiteral("QUOTAWATCH_TLS_KEY")));
    m_env["QUOTAWATCH_TLS_KEY"] = QStringLiteral("/env/key.pem");
    EXPECT_EQ(make().restTlsFiles()->keyFile, QStringLiteral("/env/key.pem"));

    auto flags =
        make({.tlsCert = QStringLiteral("/flag/cert.pem"), .tlsKey = QStringLiteral("/flag/key.pem")})
            .restTlsFiles();
    ASSERT_TRUE(flags);
    EXPECT_EQ(flags->certificateFile, QStringLiteral("/flag/cert.pem"));
    EXPECT_EQ(flags->keyFile, QStringLiteral("/flag/key.pem"));
    auto halfFlag = make({.tlsCert = QStringLiteral("/flag/cert.pem")}).restTlsFiles();
    ASSERT_FALSE(halfFlag);
    EXPECT_TRUE(halfFlag.error().message.contains(QStringLiteral("--tls-key")));
}

TEST_F(ConfigurationTest, AllowedOriginsFromFlagsThenEnvironmentThenSetting)
{
    auto none = make().restAllowedOrigins();
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->isEmpty());

    save(SettingKeys::kRestAllowedOrigins,
         QStringList{QStringLiteral("https://saved.example"), QStringLiteral("http://localhost:5173")});
    EXPECT_EQ(*make().restAllowedOrigins(), (QStringList{QStringLiteral("https://saved.example"),
                                                         QStringLiteral("http://localhost:5173")}));

    // Written the way a browser sends its Origin header: default port and trailing slash dropped.
    m_env["QUOTAWATCH_CORS_ORIGINS"] = QStringLiteral(" HTTPS://Env.Example:443/ , http://env.example:8080");
    EXPECT_EQ(*make().restAllowedOrigins(), (QStringList{QStringLiteral("https://env.example"),
                                                         QStringLiteral("http://env.example:8080")}));

    EXPECT_EQ(*make({.corsOrigins = {QStringLiteral("https://flag.example")}}).restAllowedOrigins(),
              QStringList{QStringLiteral("https://flag.example")});

    auto withPath = make({.corsOrigins = {QStringLiteral("https://flag.example/app")}}).restAllowedOrigins();
    ASSERT_FALSE(withPath);
    EXPECT_TRUE(withPath.error().message.contains(QStringLiteral("--cors-origin")));
    EXPECT_TRUE(withPath.error().message.contains(QStringLiteral("https://flag.example/app")));

    m_env["QUOTAWATCH_CORS_ORIGINS"] = QStringLiteral("ftp://env.example");
    auto badEnv = make().restAllowedOrigins();
    ASSERT_FALSE(badEnv);
    EXPECT_TRUE(badEnv.error().message.contains(QStringLiteral("QUOTAWATCH_CORS_ORIGINS")));
}

TEST_F(ConfigurationTest, TokenMinutesFromTheFirstSourceAndOnlyInRange)
{
    EXPECT_EQ(make().tokenMinutes().value_or(-1), 30);
    save(SettingKeys::kRestTokenMinutes, 90);
    EXPECT_EQ(make().tokenMinutes().value_or(-1), 90);
    m_env["QUOTAWATCH_TOKEN_MINUTES"] = QStringLiteral("1440");
    EXPECT_EQ(make().tokenMinutes().value_or(-1), 1440);
    EXPECT_EQ(make({.tokenMinutes = QStringLiteral("1")}).tokenMinutes().value_or(-1), 1);

    for (const char *bad : {"0", "1441", "ten", "-5"}) {
        SCOPED_TRACE(bad);
        auto flag = make({.tokenMinutes = QLatin1String(bad)}).tokenMinutes();
        ASSERT_FALSE(flag);
        EXPECT_EQ(flag.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(flag.error().message.contains(QStringLiteral("--token-minutes")));
    }
    m_env["QUOTAWATCH_TOKEN_MINUTES"] = QStringLiteral("2000");
    auto env = make().tokenMinutes();
    ASSERT_FALSE(env);
    EXPECT_TRUE(env.error().message.contains(QStringLiteral("QUOTAWATCH_TOKEN_MINUTES")));

    // A saved value out of range is not the user's typing now: the default, as for the limits.
    m_env.erase("QUOTAWATCH_TOKEN_MINUTES");
    save(SettingKeys::kRestTokenMinutes, 0);
    EXPECT_EQ(make().tokenMinutes().value_or(-1), 30);
}

TEST_F(ConfigurationTest, AllowRemoteAndPublicMetricsFromTheFlagOrTheSavedChoice)
{
    EXPECT_FALSE(make().restAllowRemote());
    EXPECT_FALSE(make().restMetricsPublic());
    EXPECT_TRUE(make({.allowRemote = true}).restAllowRemote());
    EXPECT_TRUE(make({.metricsPublic = true}).restMetricsPublic());
    save(SettingKeys::kRestAllowRemote, true);
    save(SettingKeys::kRestMetricsPublic, true);
    EXPECT_TRUE(make().restAllowRemote());
    EXPECT_TRUE(make().restMetricsPublic());
    save(SettingKeys::kRestAllowRemote, false);
    EXPECT_FALSE(make().restAllowRemote());
}

TEST_F(ConfigurationTest, LanguageFromTheEnvironmentOverTheSavedChoice)
{
    EXPECT_TRUE(make().language().isEmpty());
    save(SettingKeys::kLanguage, QStringLiteral("en"));
    EXPECT_EQ(make().language(), QStringLiteral("en"));
    m_env["QUOTAWATCH_LANGUAGE"] = QStringLiteral("zh_CN");
    EXPECT_EQ(make().language(), QStringLiteral("zh_CN"));
}

TEST(ParseEndpoint, RejectsWhatIsNotHostAndPort)
{
    EXPECT_TRUE(Configuration::parseEndpoint(QStringLiteral("127.0.0.1:8000")));
    EXPECT_TRUE(Configuration::parseEndpoint(QStringLiteral("localhost:1")));
    EXPECT_FALSE(Configuration::parseEndpoint(QStringLiteral("127.0.0.1")));
    EXPECT_FALSE(Configuration::parseEndpoint(QStringLiteral("::1:80")));
    EXPECT_FALSE(Configuration::parseEndpoint(QStringLiteral("example.com:80")));
    EXPECT_FALSE(Configuration::parseEndpoint(QStringLiteral("127.0.0.1:65536")));
}

TEST(ParseOrigin, AcceptsOnlyHttpOriginsWithoutPath)
{
    EXPECT_EQ(Configuration::parseOrigin(QStringLiteral("http://127.0.0.1:3000")).value_or(QString()),
              QStringLiteral("http://127.0.0.1:3000"));
    EXPECT_EQ(Configuration::parseOrigin(QStringLiteral("http://[::1]:80")).value_or(QString()),
              QStringLiteral("http://[::1]"));
    EXPECT_FALSE(Configuration::parseOrigin(QStringLiteral("*")));
    EXPECT_FALSE(Configuration::parseOrigin(QStringLiteral("example.org")));
    EXPECT_FALSE(Configuration::parseOrigin(QStringLiteral("https://user@example.org")));
    EXPECT_FALSE(Configuration::parseOrigin(QStringLiteral("https://example.org/?a=1")));
}

} // namespace
} // namespace qw
