// One webhook service (Slack, Telegram, the generic QuotaWatch payload, ...): its payload, its
// extra URL rules, its signature and how it reports success. Adding a service is one subclass
// and one line in WebhookRegistry::builtin().
#pragma once

#include "adapters/httpexchange.h"
#include "core/alerts/alertnotice.h"
#include "core/alerts/webhooks/webhooktarget.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

namespace qw {

class WebhookPreset
{
public:
    WebhookPreset() = default;
    virtual ~WebhookPreset() = default;
    WebhookPreset(const WebhookPreset &) = delete;
    WebhookPreset &operator=(const WebhookPreset &) = delete;

    [[nodiscard]] virtual ChannelKind kind() const = 0;
    // "Slack", "Discord", ..., "webhook" for the generic one: how messages name the service.
    [[nodiscard]] virtual QString serviceName() const = 0;
    // How error messages name the URL field, e.g. "the Slack webhook URL".
    [[nodiscard]] virtual QString urlLabel() const;
    // What a correct URL looks like, shown when the user's is not one.
    [[nodiscard]] virtual QString urlExample() const = 0;

    // Rules beyond the common ones (an http(s) URL with a host), which WebhookFormatter checks
    // first; `url` is the target's URL, parsed. InvalidInput naming at most the URL's host.
    [[nodiscard]] virtual Result<void> validate(const WebhookTarget &target, const QUrl &url) const;

    // The JSON body for `notice`. `request` arrives as a JSON POST to the target's URL and may be
    // changed (URL, path, query, headers); `now` dates signatures.
    [[nodiscard]] virtual Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                                      const QDateTime &now,
                                                      WebhookRequest &request) const = 0;

    // Whether the service took the message; an Io error that names the service and quotes its
    // error text, never a URL.
    [[nodiscard]] virtual Result<void> checkReply(const HttpReply &reply) const = 0;

protected:
    // The subject of a reply's verdict: the service's name unless a preset says otherwise.
    [[nodiscard]] virtual QString replier() const { return serviceName(); }

    [[nodiscard]] static bool succeeded(const HttpReply &reply)
    {
        return reply.status >= 200 && reply.status < 300;
    }
    // The reply body as a JSON object; empty when it is not one.
    [[nodiscard]] static QJsonObject replyObject(const HttpReply &reply);
    [[nodiscard]] static Result<void> invalid(QString message);
    // InvalidInput unless the URL's query has a non-empty `item` (the token some services put
    // there); `source` says where the user copies the whole URL from, e.g. "the robot".
    [[nodiscard]] Result<void> requireQueryItem(const QUrl &url, const QString &item,
                                                const QString &source) const;

    // A non-2xx reply, with the service's own error text when it gave one.
    [[nodiscard]] Result<void> refused(int status, const QString &detail) const;
    // A 2xx reply whose body reports a failure with a numeric code (`codeField`) and a text.
    [[nodiscard]] Result<void> rejected(const QString &detail, const QString &codeField,
                                        const QJsonValue &code) const;
    // A 2xx reply without the confirmation the service always sends: probably not its URL.
    [[nodiscard]] Result<void> unreadable(int status) const;
    // The verdict of services that answer 2xx with a numeric status in the body (0 = taken).
    [[nodiscard]] Result<void> codedVerdict(const HttpReply &reply, const QJsonValue &code,
                                            const QString &codeField, const QString &detail) const;
    // codedVerdict() for the "errcode"/"errmsg" replies of DingTalk and WeCom.
    [[nodiscard]] Result<void> errcodeVerdict(const HttpReply &reply) const;

    // "timestamp\nsecret", the string the DingTalk and Feishu signatures are built on, in one
    // allocation so no unwiped copy of the secret is left behind.
    [[nodiscard]] static QByteArray timestampAndSecret(const QByteArray &timestamp, QByteArrayView secret);
    // HMAC-SHA256 of `message` under `key`, base64; a Crypto error naming this service.
    [[nodiscard]] Result<QByteArray> signature(QByteArrayView key, QByteArrayView message) const;
};

} // namespace qw
