#include "adapters/providers/deepseekadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>

namespace qw {

QString DeepSeekAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Any DeepSeek API key (sk-…). Accounts may hold CNY, USD or both; the option currency "
        "chooses which one is the headline."));
}

HttpRequestSpec DeepSeekAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/user/balance"));
}

CheckOutcome DeepSeekAdapter::parse(const HttpReply &reply, const AdapterContext &context) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    const QJsonValue infos = json->value(QLatin1String("balance_infos"));
    if (!infos.isArray())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “balance_infos” is missing")));

    BalanceReading reading;
    reading.kind = ReadingKind::Balance;
    const QJsonArray entries = infos.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("balance_infos[%1].total_balance").arg(i);
        const QJsonObject entry = entries.at(i).toObject();
        auto amount = reply::amountOf(entry.value(QLatin1String("total_balance")), path);
        if (!amount)
            return tl::unexpected(amount.error());
        const QString currency = entry.value(QLatin1String("currency")).toString().toUpper();
        if (currency.isEmpty())
            return tl::unexpected(reply::parseError(
                QStringLiteral("the field “balance_infos[%1].currency” is missing").arg(i)));
        reading.balances.push_back({*amount, currency});
    }
    if (reading.balances.empty()) {
        // A new account lists no currency yet: nothing to spend.
        const QString unit = context.option(QStringLiteral("currency"), QStringLiteral("CNY")).toUpper();
        return singleBalance(ReadingKind::Balance, Amount(), unit);
    }
    chooseHeadline(reading, context.option(QStringLiteral("currency")));
    return reading;
}

} // namespace qw
