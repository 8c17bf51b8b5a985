#include "adapters/providers/siliconflowadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

constexpr int kSuccessCode = 20000;

} // namespace

QString SiliconFlowAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Any API key of SiliconFlow's international site (sk-…). Reports the total balance in USD, with "
        "the gift credit and the paid balance beside it."));
}

HttpRequestSpec SiliconFlowAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/v1/user/info"));
}

CheckOutcome SiliconFlowAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    const QJsonValue code = json->value(QLatin1String("code"));
    if (code.isUndefined() || code.isNull())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “code” is missing")));
    if (!code.isDouble())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “code” is not a number")));
    // Compared as a double: toInt() turns a fractional code into 0 and would name the wrong one.
    if (code.toDouble() != kSuccessCode) {
        const QString said = reply::providerMessage(*json);
        return checkFailed(CheckStatus::ProviderError,
                           QStringLiteral("the provider reported an error (code %1)%2")
                               .arg(QString::number(code.toDouble(), 'g', 12),
                                    said.isEmpty() ? QString() : QStringLiteral(": ") + said));
    }
    // `balance` is only the gift credit; `totalBalance` is what can be spent (and may be negative:
    // vouchers are not in it).
    auto total = reply::amountAt(*json, u"data.totalBalance");
    if (!total)
        return tl::unexpected(total.error());
    const auto gift = reply::optionalAmountAt(*json, u"data.balance");
    if (!gift)
        return tl::unexpected(gift.error());
    const auto paid = reply::optionalAmountAt(*json, u"data.chargeBalance");
    if (!paid)
        return tl::unexpected(paid.error());
    const QString unit = QStringLiteral("USD");
    BalanceReading reading = singleBalance(ReadingKind::Balance, *total, unit);
    for (const auto &[name, amount] :
         {std::pair{QStringLiteral("gift"), *gift}, std::pair{QStringLiteral("paid"), *paid}}) {
        if (!amount)
            continue;
        ReadingDetail detail;
        detail.name = name;
        detail.remaining = amount;
        detail.unit = unit;
        reading.details.push_back(std::move(detail));
    }
    return reading;
}

} // namespace qw
