#include "app/cli/channelstestcommand.h"

#include "app/cli/clicontext.h"

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

    // Declared before the session: a send that ends with the session still finds them.
    std::optional<Result<void>> outcome;
    QEventLoop loop;
    auto session = context.openSession();
    if (!session)
        return context.report(session.error());
    auto channel = (*session)->channels().get(*id);
    if (!channel)
        return context.report(withChannelsHint(channel.error()));

    (*session)->channels().sendTest(*channel, [&](Result<void> result) {
        outcome = std::move(result);
        loop.quit();
    });
    QTimer::singleShot(kTestTimeoutMs, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    if (!outcome) {
        (*session)->engine().http().abortAll(); // completes a webhook send with "cancelled"
        if (!outcome)
            outcome = fail(ErrorCode::Io, QStringLiteral("no answer within %1 s").arg(kTestTimeoutMs / 1000));
    }
    if (!*outcome) {
        context.err() << "quotawatch: channel " << *id << " (" << channel->name
                      << "): " << outcome->error().message << Qt::endl;
        return kExitCheckFailed;
    }
    context.out() << "Sent a test message through channel " << *id << " (" << channel->name << ")."
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
