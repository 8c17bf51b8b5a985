#include "adapters/providers/poeadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

QString PoeAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A Poe API key (poe.com/api_key). Reports the points left on the account, in points."));
}

HttpRequestSpec PoeAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/usage/current_balance"));
}

CheckOutcome PoeAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    auto points = reply::amountAt(*json, u"current_point_balance");
    if (!points)
        return tl::unexpected(points.error());
    return singleBalance(ReadingKind::Quota, *points, QStringLiteral("points"));
}

} // namespace qw
