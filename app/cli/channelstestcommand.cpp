#include "app/cli/channelstestcommand.h"

#include "app/cli/clicontext.h"
#include "core/alerts/alertmessages.h"
#include "core/alerts/notificationsender.h"
#include "core/poll/httpclient.h"
#include "core/storage/channelrepository.h"

#include <QEventLoop>
#include <QTimer>

namespace qw::cli {

namespace {

// A test send gets this long (the SMTP sender's own timeout is shorter).
constexpr int kTestTimeoutMs = 60'000;

} // namespace

ChannelsTestCommand::ChannelsTestCommand()
    : Command(QStringLiteral("channels test"), QStringLiteral("Send a test message through a channel now."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("The channel's id (see “channels list”)."));
}

int ChannelsTestCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    int exitCode = kExitOk;
    const auto id =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("channel"), exitCode);
    if (!id)
        return exitCode;

    auto unlocked = context.openUnlocked();
    if (!unlocked)
        return context.report(unlocked.error());
    auto channel = ChannelRepository(*unlocked->db).find(*id);
    if (!channel)
        return context.report(channel.error());
    if (!*channel)
        return context.report(noSuchChannel(*id));

    AlertNotice notice;
    notice.alert.kind = AlertKind::Test;
    notice.alert.createdAt = QDateTime::currentDateTimeUtc();
    notice.keyName = QStringLiteral("QuotaWatch");
    notice.platform = QStringLiteral("test");
    AlertMessages::test(notice.alert, (*channel)->name);

    HttpClient http;
    NotificationSender sender(unlocked->vault, http);
    QEventLoop loop;
    std::optional<Result<void>> outcome;
    sender.send(**channel, notice, notice.alert.createdAt, [&](Result<void> result) {
        outcome = std::move(result);
        loop.quit();
    });
    QTimer::singleShot(kTestTimeoutMs, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    if (!outcome) {
        http.abortAll(); // completes a webhook send with "cancelled"
        if (!outcome)
            outcome = fail(ErrorCode::Io, QStringLiteral("no answer within %1 s").arg(kTestTimeoutMs / 1000));
    }
    if (!*outcome) {
        context.err() << "quotawatch: channel " << *id << " (" << (*channel)->name
                      << "): " << outcome->error().message << Qt::endl;
        return kExitCheckFailed;
    }
    context.out() << "Sent a test message through channel " << *id << " (" << (*channel)->name << ")."
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
