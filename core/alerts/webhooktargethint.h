// A webhook channel's target as a list can show it: the host and the last few characters of the
// URL's token, to tell two channels on one service apart without showing the secret:
// "hooks.slack.com/…f3Xq". The token is the longest path segment or query value (Slack's,
// Discord's and Feishu's last segment, Telegram's bot token, DingTalk's access_token, WeCom's key);
// at most a third of it, and never more than four characters, is shown. Just the host when the
// URL has no path or query; empty when it has no host.
#pragma once

#include <QString>

namespace qw {

class WebhookTargetHint final
{
public:
    WebhookTargetHint() = delete;

    [[nodiscard]] static QString of(const QString &url);
};

} // namespace qw
