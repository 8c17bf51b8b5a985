#include "core/alerts/webhooks/slackpreset.h"

#include "core/alerts/webhooks/webhooktext.h"

namespace qw {

namespace {

// Slack reads "<...>" as links and mentions (<!channel>); its docs ask for exactly these three.
QString slackEscaped(QString text)
{
    text.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    text.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    text.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return text;
}

} // namespace

QString SlackPreset::serviceName() const
{
    return QStringLiteral("Slack");
}

QString SlackPreset::urlExample() const
{
    return QStringLiteral("https://hooks.slack.com/services/…");
}

Result<QJsonObject> SlackPreset::payload(const WebhookTarget &, const AlertNotice &notice, const QDateTime &,
                                         WebhookRequest &) const
{
    return QJsonObject{{QStringLiteral("text"), slackEscaped(notice.plainText())}};
}

Result<void> SlackPreset::checkReply(const HttpReply &reply) const
{
    // Since 2016 incoming webhooks report every failure with an HTTP status and a short code
    // ("no_service", "invalid_payload") as the body, and answer 200 "ok" otherwise.
    if (succeeded(reply))
        return {};
    return refused(reply.status, WebhookText::textDetail(reply.body));
}

} // namespace qw
