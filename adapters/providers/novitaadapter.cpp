#include "adapters/providers/novitaadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

constexpr qint64 kUnitsPerUsd = 10'000;

} // namespace

QString NovitaAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms", "Any Novita AI API key. Reports the available balance in USD; an account's "
                         "credit line is shown beside it, not as a limit of the balance."));
}

HttpRequestSpec NovitaAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/openapi/v1/billing/balance/detail"));
}

CheckOutcome NovitaAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    auto available = reply::amountAt(*json, u"availableBalance");
    if (!available)
        return tl::unexpected(available.error());
    BalanceReading reading =
        singleBalance(ReadingKind::Balance, reply::divide(*available, kUnitsPerUsd), QStringLiteral("USD"));
    auto creditLimit = reply::optionalAmountAt(*json, u"creditLimit");
    if (!creditLimit)
        return tl::unexpected(creditLimit.error());
    // creditLimit is a credit line the account may run into debt by, not a cap of the balance:
    // taken as the reading's limit it made a bar and percentage thresholds divide a balance by
    // an unrelated number. It stays visible as a detail of its own.
    if (*creditLimit && (*creditLimit)->micros() > 0) {
        ReadingDetail line;
        line.name = QStringLiteral("credit_line");
        line.limit = reply::divide(**creditLimit, kUnitsPerUsd);
        line.unit = reading.unit;
        reading.details.push_back(line);
    }
    return reading;
}

} // namespace qw
