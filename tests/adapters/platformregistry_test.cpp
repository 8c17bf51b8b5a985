#include "adapters/balancereading.h"
#include "adapters/platformregistry.h"

#include <QSet>
#include <QUrl>
#include <gtest/gtest.h>

using namespace qw;

TEST(PlatformRegistry, HasEveryPlatformOfProvidersMd)
{
    const auto registry = PlatformRegistry::builtin();
    QStringList expected{QStringLiteral("openrouter"),
                         QStringLiteral("deepseek"),
                         QStringLiteral("moonshot"),
                         QStringLiteral("moonshot-intl"),
                         QStringLiteral("siliconflow-intl"),
                         QStringLiteral("novita"),
                         QStringLiteral("elevenlabs"),
                         QStringLiteral("newapi"),
                         QStringLiteral("newapi-user"),
                         QStringLiteral("openai-admin"),
                         QStringLiteral("anthropic-admin"),
                         QStringLiteral("zhipu-coding"),
                         QStringLiteral("xai"),
                         QStringLiteral("litellm"),
                         QStringLiteral("zai-coding"),
                         QStringLiteral("minimax-coding"),
                         QStringLiteral("minimax-coding-intl"),
                         QStringLiteral("kimi-code"),
                         QStringLiteral("vercel-gateway"),
                         QStringLiteral("poe"),
                         QStringLiteral("venice"),
                         QStringLiteral("deepinfra"),
                         QStringLiteral("custom")};
    std::size_t readable = 0;
    for (const auto &adapter : registry.all())
        readable += adapter->readable() ? 1 : 0;
    ASSERT_EQ(readable, std::size_t(expected.size()));
    for (const QString &id : expected) {
        const Adapter *info = registry.find(id);
        ASSERT_NE(info, nullptr) << id.toStdString();
        EXPECT_EQ(info->id(), id);
        EXPECT_FALSE(info->name().isEmpty());
        EXPECT_FALSE(info->help().isEmpty());
        EXPECT_FALSE(info->kinds().isEmpty());
        if (!info->defaultBaseUrl().isEmpty()) {
            const QUrl url(info->defaultBaseUrl());
            EXPECT_EQ(url.scheme(), QStringLiteral("https")) << id.toStdString();
            EXPECT_FALSE(url.host().isEmpty());
        }
    }
    // Relays and self-hosted proxies have no public default.
    for (const char *id : {"newapi", "newapi-user", "litellm", "custom"})
        EXPECT_TRUE(registry.find(QString::fromLatin1(id))->defaultBaseUrl().isEmpty()) << id;
}

TEST(PlatformRegistry, ListsThePopularProvidersNoKeyCanReadWithWhy)
{
    const auto registry = PlatformRegistry::builtin();
    const QStringList expected{
        QStringLiteral("groq"),       QStringLiteral("mistral"),      QStringLiteral("together"),
        QStringLiteral("gemini"),     QStringLiteral("azure-openai"), QStringLiteral("aws-bedrock"),
        QStringLiteral("perplexity"), QStringLiteral("fireworks"),    QStringLiteral("siliconflow")};
    QStringList unreadable;
    for (const auto &adapter : registry.all()) {
        if (!adapter->readable())
            unreadable << adapter->id();
    }
    EXPECT_EQ(unreadable, expected);
    for (const QString &id : expected) {
        SCOPED_TRACE(id.toStdString());
        const Adapter *adapter = registry.find(id);
        ASSERT_NE(adapter, nullptr);
        EXPECT_FALSE(adapter->name().isEmpty());
        EXPECT_TRUE(adapter->kinds().isEmpty());
        // Why, and what to use instead.
        const QString help = adapter->help();
        EXPECT_TRUE(help.contains(QLatin1String("relay")) || help.contains(QLatin1String("budget")) ||
                    help.contains(QLatin1String("siliconflow-intl")))
            << help.toStdString();
        // A check answers at once, without a request: nothing would answer it with a balance.
        AdapterContext context;
        context.secret = "sk-unreadable";
        auto query = adapter->begin(context);
        const QueryStep step = query->next(nullptr);
        ASSERT_TRUE(std::holds_alternative<CheckOutcome>(step));
        const CheckOutcome &outcome = std::get<CheckOutcome>(step);
        ASSERT_FALSE(outcome.has_value());
        EXPECT_EQ(outcome.error().status, CheckStatus::Unsupported);
        EXPECT_TRUE(outcome.error().message.contains(help)) << outcome.error().message.toStdString();
    }
    EXPECT_TRUE(registry.find(u"siliconflow")->help().contains(QLatin1String("HTTP 410")));
    // SiliconFlow's China site keeps its address, so the rows of its keys still make sense.
    EXPECT_EQ(registry.find(u"siliconflow")->defaultBaseUrl(), QStringLiteral("https://api.siliconflow.cn"));
}

TEST(PlatformRegistry, UnknownIdIsNotFound)
{
    const auto registry = PlatformRegistry::builtin();
    EXPECT_EQ(registry.find(u"openai"), nullptr);
    EXPECT_EQ(registry.find(u"OpenRouter"), nullptr);
    EXPECT_EQ(registry.find(u""), nullptr);
}

TEST(BalanceReading, StatusAndKindNamesRoundTrip)
{
    QSet<QString> seen;
    for (auto status :
         {CheckStatus::Ok, CheckStatus::AuthError, CheckStatus::RateLimited, CheckStatus::NetworkError,
          CheckStatus::ProviderError, CheckStatus::ParseError, CheckStatus::Unsupported}) {
        const QString name = toString(status);
        EXPECT_FALSE(name.isEmpty());
        EXPECT_FALSE(seen.contains(name));
        seen.insert(name);
        EXPECT_EQ(checkStatusFromString(name), status);
    }
    EXPECT_EQ(toString(CheckStatus::AuthError), QStringLiteral("auth_error"));
    EXPECT_EQ(toString(ReadingKind::KeyLimit), QStringLiteral("key_limit"));
    for (auto kind : {ReadingKind::Balance, ReadingKind::KeyLimit, ReadingKind::Spend, ReadingKind::Quota})
        EXPECT_EQ(readingKindFromString(toString(kind)), kind);
    EXPECT_FALSE(checkStatusFromString(u"OK").has_value());
}
