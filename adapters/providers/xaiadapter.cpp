#include "adapters/providers/xaiadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QUrl>

namespace qw {

namespace {

constexpr qint64 kCentsPerUsd = 100;

} // namespace

QString XaiAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Needs a management key from console.x.ai (not an API key) and your team id as the option "
        "team_id. Reports the team's prepaid credits."));
}

QList<OptionSpec> XaiAdapter::ownOptions() const
{
    return {{QStringLiteral("team_id"),
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Team ID")),
             OptionSpec::Type::Text,
             {},
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "your team id from console.x.ai")),
             true,
             {}}};
}

HttpRequestSpec XaiAdapter::request(const AdapterContext &context) const
{
    const QString team =
        QString::fromLatin1(QUrl::toPercentEncoding(context.option(QStringLiteral("team_id"))));
    return bearerGet(context, QStringLiteral("/v1/billing/teams/%1/prepaid/balance").arg(team));
}

CheckOutcome XaiAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // The ledger total is in cents and negative while credit remains (credits are owed to you).
    auto totalCents = reply::amountAt(*json, u"total.val");
    if (!totalCents)
        return tl::unexpected(totalCents.error());
    auto owed = reply::negation(*totalCents);
    if (!owed)
        return tl::unexpected(owed.error());
    return singleBalance(ReadingKind::Balance, reply::divide(*owed, kCentsPerUsd), QStringLiteral("USD"));
}

} // namespace qw
