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

} // namespace
} // namespace qw
