// RestConfiguration: the one place `serve` and the desktop get the REST API's options from, so the
// flags, the environment and the saved settings reach RestOptions the same way for both.
#include "core/rest/restconfiguration.h"
#include "core/session/settingkeys.h"

#include <QSettings>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <map>
#include <string>

namespace qw::test {
namespace {

class RestConfigurationTest : public ::testing::Test
{
protected:
    Configuration make(ConfigurationFlags flags = {}) const
    {
        return Configuration(
            std::move(flags),
            [this](const char *name) {
                const auto found = m_env.find(name);
                return found == m_env.end() ? QString() : found->second;
            },
            m_dir.filePath(QStringLiteral("settings.ini")));
    }
    void save(const char *key, const QVariant &value)
    {
        QSettings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
            .setValue(QLatin1String(key), value);
    }

    QTemporaryDir m_dir;
    std::map<std::string, QString> m_env;
};

TEST_F(RestConfigurationTest, DefaultsAreLoopbackPlainHttpNoCorsAndThirtyMinuteTokens)
{
    auto options = rest::RestConfiguration::options(make());
    ASSERT_TRUE(options) << options.error().message.toStdString();
    EXPECT_EQ(options->endpoint.host, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(options->endpoint.port, 8000);
    EXPECT_FALSE(options->allowRemote);
    EXPECT_TRUE(options->tlsCertificateFile.isEmpty());
    EXPECT_TRUE(options->tlsKeyFile.isEmpty());
    EXPECT_FALSE(options->metricsPublic);
    EXPECT_TRUE(options->allowedOrigins.isEmpty());
    EXPECT_EQ(options->tokenLifetimeSeconds, 30 * 60);
}

TEST_F(RestConfigurationTest, SavedSettingsOfTheDesktopReachEveryOption)
{
    save(SettingKeys::kRestAddress, QStringLiteral("0.0.0.0"));
    save(SettingKeys::kRestPort, 9443);
    save(SettingKeys::kRestAllowRemote, true);
    save(SettingKeys::kRestTlsCert, QStringLiteral("/etc/qw/cert.pem"));
    save(SettingKeys::kRestTlsKey, QStringLiteral("/etc/qw/key.pem"));
    save(SettingKeys::kRestMetricsPublic, true);
    save(SettingKeys::kRestAllowedOrigins, QStringList{QStringLiteral("https://grafana.example")});
    save(SettingKeys::kRestTokenMinutes, 120);
    auto options = rest::RestConfiguration::options(make());
    ASSERT_TRUE(options) << options.error().message.toStdString();
    EXPECT_EQ(options->endpoint.host, QStringLiteral("0.0.0.0"));
    EXPECT_EQ(options->endpoint.port, 9443);
    EXPECT_TRUE(options->allowRemote);
    EXPECT_EQ(options->tlsCertificateFile, QStringLiteral("/etc/qw/cert.pem"));
    EXPECT_EQ(options->tlsKeyFile, QStringLiteral("/etc/qw/key.pem"));
    EXPECT_TRUE(options->metricsPublic);
    EXPECT_EQ(options->allowedOrigins, QStringList{QStringLiteral("https://grafana.example")});
    EXPECT_EQ(options->tokenLifetimeSeconds, 120 * 60);
}

TEST_F(RestConfigurationTest, ServeFlagsWinAndTheirErrorsNameThem)
{
    save(SettingKeys::kRestTokenMinutes, 120);
    auto options = rest::RestConfiguration::options(make(
        {.listen = QStringLiteral("127.0.0.1:0"),
         .corsOrigins = {QStringLiteral("http://localhost:3000"), QStringLiteral("http://localhost:3000/")},
         .tokenMinutes = QStringLiteral("5"),
         .allowRemote = true,
         .metricsPublic = true}));
    ASSERT_TRUE(options) << options.error().message.toStdString();
    EXPECT_EQ(options->endpoint.port, 0);
    EXPECT_EQ(options->allowedOrigins, QStringList{QStringLiteral("http://localhost:3000")});
    EXPECT_EQ(options->tokenLifetimeSeconds, 5 * 60);
    EXPECT_TRUE(options->allowRemote);
    EXPECT_TRUE(options->metricsPublic);

    for (const auto &[flags, named] : std::vector<std::pair<ConfigurationFlags, QString>>{
             {{.listen = QStringLiteral("nowhere")}, QStringLiteral("--listen")},
             {{.tlsKey = QStringLiteral("/k.pem")}, QStringLiteral("--tls-cert")},
             {{.corsOrigins = {QStringLiteral("*")}}, QStringLiteral("--cors-origin")},
             {{.tokenMinutes = QStringLiteral("1441")}, QStringLiteral("--token-minutes")},
         }) {
        SCOPED_TRACE(named.toStdString());
        auto wrong = rest::RestConfiguration::options(make(flags));
        ASSERT_FALSE(wrong);
        EXPECT_EQ(wrong.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(wrong.error().message.contains(named)) << wrong.error().message.toStdString();
    }
}

} // namespace
} // namespace qw::test
