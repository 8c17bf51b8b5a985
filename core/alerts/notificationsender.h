// Delivers one notice on one channel, whatever its kind: opens the channel's secrets, then
// e-mail goes through libcurl on a worker thread (SMTP blocks) and webhooks through the
// asynchronous HttpClient. The outbox dispatcher and "channels test" both send through here.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/alerts/webhooksender.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace qw {

class HttpClient;
class Vault;

class NotificationSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationSender)

public:
    using Done = std::function<void(Result<void>)>;

    NotificationSender(const Vault &vault, HttpClient &http, QObject *parent = nullptr);
    // Cancels e-mails in flight (libcurl stops within a second) and waits for their threads.
    ~NotificationSender() override;

    // `done` is called exactly once, later, on this object's thread (unless it is destroyed).
    void send(const Channel &channel, const AlertNotice &notice, const QDateTime &now, Done done);

private:
    void sendEmail(const Channel &channel, const QJsonObject &secrets, const AlertNotice &notice, Done done);

    const Vault &m_vault;
    WebhookSender m_webhooks;
    QThreadPool m_mailWorkers;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace qw
