// The webhook services QuotaWatch can post to, one preset each; adding a service is one preset
// class and one line in builtin() (and its ChannelKind).
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

#include <memory>
#include <vector>

namespace qw {

class WebhookRegistry final
{
public:
    WebhookRegistry() = default;
    WebhookRegistry(WebhookRegistry &&) = default;
    WebhookRegistry &operator=(WebhookRegistry &&) = default;

    // Every webhook service QuotaWatch ships with.
    static WebhookRegistry builtin();

    void add(std::unique_ptr<WebhookPreset> preset);
    // nullptr for a kind without a preset (e-mail).
    [[nodiscard]] const WebhookPreset *find(ChannelKind kind) const;
    [[nodiscard]] const std::vector<std::unique_ptr<WebhookPreset>> &all() const { return m_presets; }

private:
    std::vector<std::unique_ptr<WebhookPreset>> m_presets;
};

} // namespace qw
