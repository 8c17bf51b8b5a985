// GET /api/platforms over real HTTP: the whole registry, without a token, with each platform's
// options and whether it can report a balance.
#include "adapters/platformregistry.h"
#include "tests/rest/restfixture.h"

#include <QJsonArray>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

class RestPlatformsTest : public RestFixture
{
};

TEST_F(RestPlatformsTest, TheRegistryIsListedWithoutATokenWithBalanceSupport)
{
    const HttpResult answer = m_client.get(QStringLiteral("/api/platforms"));
    ASSERT_EQ(answer.status, 200) << answer.networkError.toStdString();
    const QJsonArray platforms = answer.jsonArray();
    ASSERT_EQ(platforms.size(), qsizetype(m_session->platforms().all().size()));

    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &value : platforms) {
        const QJsonObject platform = value.toObject();
        for (const char *field : {"id", "name", "default_base_url", "options", "help", "supports_balance"})
            EXPECT_TRUE(platform.contains(QLatin1String(field))) << field;
        EXPECT_TRUE(platform.value(QStringLiteral("supports_balance")).isBool());
        EXPECT_TRUE(platform.value(QStringLiteral("options")).isArray());
        byId.insert(platform.value(QStringLiteral("id")).toString(), platform);
    }
    ASSERT_TRUE(byId.contains(QStringLiteral("deepseek")));
    EXPECT_TRUE(byId[QStringLiteral("deepseek")].value(QStringLiteral("supports_balance")).toBool());
    EXPECT_EQ(byId[QStringLiteral("deepseek")].value(QStringLiteral("default_base_url")).toString(),
              m_session->platforms().find(QStringLiteral("deepseek"))->defaultBaseUrl());
    // A platform that knows only what was spent cannot say what is left, nor can one no API key
    // can read at all (listed to say why).
    for (const auto &adapter : m_session->platforms().all()) {
        const bool spendOnly = adapter->kinds() == QList<ReadingKind>{ReadingKind::Spend};
        EXPECT_EQ(byId[adapter->id()].value(QStringLiteral("supports_balance")).toBool(),
                  !spendOnly && adapter->readable())
            << adapter->id().toStdString();
        EXPECT_EQ(byId[adapter->id()].value(QStringLiteral("readable")).toBool(), adapter->readable())
            << adapter->id().toStdString();
    }
    for (const char *id : {"groq", "mistral", "together", "gemini", "azure-openai", "aws-bedrock",
                           "perplexity", "fireworks", "siliconflow"}) {
        SCOPED_TRACE(id);
        ASSERT_TRUE(byId.contains(QLatin1String(id)));
        const QJsonObject platform = byId[QLatin1String(id)];
        EXPECT_FALSE(platform.value(QStringLiteral("supports_balance")).toBool(true));
        EXPECT_FALSE(platform.value(QStringLiteral("readable")).toBool(true));
        EXPECT_FALSE(platform.value(QStringLiteral("help")).toString().isEmpty());
    }
    EXPECT_TRUE(answer.header("WWW-Authenticate").isEmpty());
}

} // namespace
} // namespace qw::test
