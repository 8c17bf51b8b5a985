#include "adapters/providers/siliconflowadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

constexpr int kSuccessCode = 20000;

} // namespace

QString SiliconFlowAdapter::id() const
{
    return m_region == Region::China ? QStringLiteral("siliconflow") : QStringLiteral("siliconflow-intl");
}

QString SiliconFlowAdapter::name() const
{
    return m_region == Region::China ? QStringLiteral("SiliconFlow 硅基流动 (China)")
                                     : QStringLiteral("SiliconFlow (International)");
}

QString SiliconFlowAdapter::defaultBaseUrl() const
{
    return m_region == Region::China ? QStringLiteral("https://api.siliconflow.cn")
                                     : QStringLiteral("https://api.siliconflow.com");
}

QString SiliconFlowAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Any SiliconFlow API key (sk-…). Reports the total balance: gift credit plus paid balance."));
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
    // `balance` is only the gift credit; `totalBalance` is what can be spent.
    auto total = reply::amountAt(*json, u"data.totalBalance");
    if (!total)
        return tl::unexpected(total.error());
    const QString unit = m_region == Region::China ? QStringLiteral("CNY") : QStringLiteral("USD");
    return singleBalance(ReadingKind::Balance, *total, unit);
}

} // namespace qw
