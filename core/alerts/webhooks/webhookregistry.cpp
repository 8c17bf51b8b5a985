#include "core/alerts/webhooks/webhookregistry.h"

#include "core/alerts/webhooks/dingtalkpreset.h"
#include "core/alerts/webhooks/discordpreset.h"
#include "core/alerts/webhooks/feishupreset.h"
#include "core/alerts/webhooks/genericwebhookpreset.h"
#include "core/alerts/webhooks/slackpreset.h"
#include "core/alerts/webhooks/telegrampreset.h"
#include "core/alerts/webhooks/wecompreset.h"

#include <algorithm>

namespace qw {

WebhookRegistry WebhookRegistry::builtin()
{
    WebhookRegistry registry;
    registry.add(std::make_unique<GenericWebhookPreset>());
    registry.add(std::make_unique<SlackPreset>());
    registry.add(std::make_unique<DiscordPreset>());
    registry.add(std::make_unique<TelegramPreset>());
    registry.add(std::make_unique<FeishuPreset>());
    registry.add(std::make_unique<DingTalkPreset>());
    registry.add(std::make_unique<WeComPreset>());
    return registry;
}

void WebhookRegistry::add(std::unique_ptr<WebhookPreset> preset)
{
    m_presets.push_back(std::move(preset));
}

const WebhookPreset *WebhookRegistry::find(ChannelKind kind) const
{
    const auto it =
        std::find_if(m_presets.begin(), m_presets.end(),
                     [kind](const std::unique_ptr<WebhookPreset> &preset) { return preset->kind() == kind; });
    return it == m_presets.end() ? nullptr : it->get();
}

} // namespace qw
