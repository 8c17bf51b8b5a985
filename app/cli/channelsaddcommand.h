// `quotawatch channels add`: a place to deliver alerts, e-mail or a webhook; its secrets (the SMTP
// password, the webhook URL, a signing secret) from standard input.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

// The flags of `channels add`, for e-mail and webhooks alike.
struct ChannelAddOptions
{
    QCommandLineOption kind{
        QStringLiteral("kind"),
        QStringLiteral("email, webhook, slack, discord, telegram, feishu, dingtalk or wecom."),
        QStringLiteral("kind")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("A name to recognise the channel by."),
                            QStringLiteral("name")};
    QCommandLineOption events{QStringLiteral("events"),
                              QStringLiteral("Only these alerts (comma-separated: low_balance, key_failing, "
                                             "recovered, topup, forecast_empty, spend_spike); default all."),
                              QStringLiteral("list")};
    // E-mail.
    QCommandLineOption host{QStringLiteral("host"), QStringLiteral("SMTP server."), QStringLiteral("host")};
    QCommandLineOption port{QStringLiteral("port"),
                            QStringLiteral("SMTP port (default 587, or 465 with tls)."),
                            QStringLiteral("port")};
    QCommandLineOption security{QStringLiteral("security"),
                                QStringLiteral("none, starttls (default) or tls."), QStringLiteral("mode")};
    QCommandLineOption user{QStringLiteral("user"),
                            QStringLiteral("SMTP login; the password is read from standard input."),
                            QStringLiteral("user")};
    QCommandLineOption from{QStringLiteral("from"), QStringLiteral("Sender address."),
                            QStringLiteral("address")};
    QCommandLineOption to{QStringLiteral("to"), QStringLiteral("Recipients (comma-separated, repeatable)."),
                          QStringLiteral("addresses")};
    QCommandLineOption caFile{QStringLiteral("ca-file"),
                              QStringLiteral("PEM file of CAs to trust (a server with its own certificate)."),
                              QStringLiteral("file")};
    // Webhooks.
    QCommandLineOption url{
        QStringLiteral("url"),
        QStringLiteral("Webhook URL. Leave it out to read it from standard input, which keeps "
                       "its token out of the process list."),
        QStringLiteral("url")};
    QCommandLineOption option{
        QStringLiteral("option"),
        QStringLiteral("k=v (repeatable): chat_id=… (telegram), secret=… or secret=- to "
                       "read the signing secret from standard input (dingtalk, feishu)."),
        QStringLiteral("k=v")};

    [[nodiscard]] QList<QCommandLineOption> all() const
    {
        return {kind, name, events, host, port, security, user, from, to, caFile, url, option};
    }
};

class ChannelsAddCommand final : public Command
{
public:
    ChannelsAddCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    ChannelAddOptions m_options;
};

} // namespace qw::cli
