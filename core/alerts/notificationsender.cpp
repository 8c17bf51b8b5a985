#include "core/alerts/notificationsender.h"

#include "core/alerts/channelconfig.h"
#include "core/alerts/emailsender.h"
#include "core/crypto/securebytes.h"

#include <QPointer>
#include <QTimer>
#include <openssl/crypto.h>

namespace qw {

namespace {

// Mail servers are few per user; more parallel sessions only invite rate limits.
constexpr int kMaxMailSessions = 4;

} // namespace

NotificationSender::NotificationSender(const Vault &vault, HttpClient &http, QObject *parent)
    : QObject(parent)
    , m_vault(vault)
    , m_webhooks(http)
{
    m_mailWorkers.setMaxThreadCount(kMaxMailSessions);
}

NotificationSender::~NotificationSender()
{
    m_cancel->store(true);
    m_mailWorkers.clear();
    m_mailWorkers.waitForDone();
}

void NotificationSender::send(const Channel &channel, const AlertNotice &notice, const QDateTime &now,
                              Done done)
{
    auto secrets = ChannelConfig::openSecrets(channel, m_vault);
    if (!secrets) {
        QTimer::singleShot(
            0, this, [done = std::move(done), error = secrets.error()] { done(tl::unexpected(error)); });
        return;
    }
    if (channel.kind == ChannelKind::Email) {
        sendEmail(channel, *secrets, notice, std::move(done));
        return;
    }
    QPointer<NotificationSender> self(this);
    m_webhooks.send(ChannelConfig::webhookTarget(channel.kind, channel.settings, *secrets), notice, now,
                    [self, done = std::move(done)](Result<void> result) {
                        if (self)
                            done(std::move(result));
                    });
}

void NotificationSender::sendEmail(const Channel &channel, const QJsonObject &secrets,
                                   const AlertNotice &notice, Done done)
{
    auto smtp = ChannelConfig::smtpSettings(channel.settings);
    if (!smtp) {
        QTimer::singleShot(0, this,
                           [done = std::move(done), error = smtp.error()] { done(tl::unexpected(error)); });
        return;
    }
    auto password = std::make_shared<SecureBytes>(
        SecureBytes::copyOf(secrets.value(QLatin1String("password")).toString().toUtf8()));
    const EmailMessage message{notice.emailSubject(), notice.plainText(), notice.alert.createdAt};
    m_mailWorkers.start(
        [this, settings = *smtp, password, message, done = std::move(done), cancel = m_cancel] {
            Result<void> result = EmailSender::send(settings, password->view(), message, cancel.get());
            password->wipe();
            // curl's TLS left OpenSSL state in this thread (its error queue). Freed here, in the
            // thread that made it: left to the thread's exit, it outlives OpenSSL's own cleanup
            // when the pool is torn down at process exit, and leaks.
            OPENSSL_thread_stop();
            // Queued to this object's thread; dropped with the object if it is gone by then (the
            // destructor waits for this worker, so `this` is still alive here).
            QMetaObject::invokeMethod(
                this, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
        });
}

} // namespace qw
