// The stored names of the model's enumerations, in one table each so the two directions agree.
#include "adapters/enumnames.h"
#include "core/model/alert.h"
#include "core/model/channel.h"

#include <array>
#include <utility>

namespace qw {

namespace {

constexpr std::array kAlertKindNames{
    std::pair{AlertKind::LowBalance, "low_balance"},
    std::pair{AlertKind::KeyFailing, "key_failing"},
    std::pair{AlertKind::Recovered, "recovered"},
    std::pair{AlertKind::TopUp, "topup"},
    std::pair{AlertKind::ForecastEmpty, "forecast_empty"},
    std::pair{AlertKind::SpendSpike, "spend_spike"},
    std::pair{AlertKind::Test, "test"},
};

constexpr std::array kChannelKindNames{
    std::pair{ChannelKind::Email, "email"},       std::pair{ChannelKind::Webhook, "webhook"},
    std::pair{ChannelKind::Slack, "slack"},       std::pair{ChannelKind::Discord, "discord"},
    std::pair{ChannelKind::Telegram, "telegram"}, std::pair{ChannelKind::Feishu, "feishu"},
    std::pair{ChannelKind::DingTalk, "dingtalk"}, std::pair{ChannelKind::WeCom, "wecom"},
};

} // namespace

QString toString(AlertKind kind)
{
    return nameOf(kAlertKindNames, kind);
}

std::optional<AlertKind> alertKindFromString(QStringView text)
{
    return valueOf(kAlertKindNames, text);
}

QString toString(ChannelKind kind)
{
    return nameOf(kChannelKindNames, kind);
}

std::optional<ChannelKind> channelKindFromString(QStringView text)
{
    return valueOf(kChannelKindNames, text);
}

bool isWebhookKind(ChannelKind kind)
{
    return kind != ChannelKind::Email;
}

} // namespace qw
