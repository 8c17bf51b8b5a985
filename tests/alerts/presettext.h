// The text a person reads in the JSON body a webhook preset sends: where each service keeps it
// (the generic payload's "message"). Shared by the webhook tests that read bodies back.
#pragma once

#include "core/model/channel.h"

#include <QJsonObject>
#include <QString>

namespace qw::test {

inline QString presetText(ChannelKind kind, const QJsonObject &body)
{
    switch (kind) {
    case ChannelKind::Discord:
        return body.value(QLatin1String("content")).toString();
    case ChannelKind::Telegram:
    case ChannelKind::Slack:
        return body.value(QLatin1String("text")).toString();
    case ChannelKind::WeCom:
    case ChannelKind::DingTalk:
        return body.value(QLatin1String("text")).toObject().value(QLatin1String("content")).toString();
    case ChannelKind::Feishu:
        return body.value(QLatin1String("content")).toObject().value(QLatin1String("text")).toString();
    default:
        return body.value(QLatin1String("message")).toString();
    }
}

} // namespace qw::test
