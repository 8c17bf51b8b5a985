#include "core/alerts/webhooks/webhookregistry.h"

#include <QSet>
#include <gtest/gtest.h>

namespace qw {
namespace {

const ChannelKind kAllKinds[] = {ChannelKind::Email,    ChannelKind::Webhook,  ChannelKind::Slack,
                                 ChannelKind::Discord,  ChannelKind::Telegram, ChannelKind::Feishu,
                                 ChannelKind::DingTalk, ChannelKind::WeCom};

// Every webhook kind a channel can be saved with has exactly one preset; e-mail has none.
TEST(WebhookRegistry, HasOnePresetPerWebhookKind)
{
    const WebhookRegistry registry = WebhookRegistry::builtin();
    QSet<QString> names;
    for (const ChannelKind kind : kAllKinds) {
        SCOPED_TRACE(toString(kind).toStdString());
        const WebhookPreset *preset = registry.find(kind);
        if (!isWebhookKind(kind)) {
            EXPECT_EQ(preset, nullptr);
            continue;
        }
        ASSERT_NE(preset, nullptr);
        EXPECT_EQ(preset->kind(), kind);
        EXPECT_FALSE(preset->serviceName().isEmpty());
        EXPECT_TRUE(preset->urlExample().startsWith(QLatin1String("https://")));
        names.insert(preset->serviceName());
    }
    EXPECT_EQ(registry.all().size(), std::size(kAllKinds) - 1);
    EXPECT_EQ(names.size(), qsizetype(registry.all().size()));
}

} // namespace
} // namespace qw
