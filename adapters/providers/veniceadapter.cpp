#include "adapters/providers/veniceadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <algorithm>

namespace qw {

namespace {

const QString kUsd = QStringLiteral("USD");
const QString kDiem = QStringLiteral("DIEM");

// The balance a consumptionCurrency draws from. VCU is the name DIEM had before; BUNDLED_CREDITS
// (a plan's included credits) and null have no balance of their own here.
QString balanceUnitOf(const QJsonValue &currency)
{
    const QString name = currency.toString().toUpper();
    if (name == QLatin1String("USD"))
        return kUsd;
    if (name == QLatin1String("DIEM") || name == QLatin1String("VCU"))
        return kDiem;
    return {};
}

} // namespace

QString VeniceAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A Venice.ai admin API key: Venice shows balances to admin keys only, and refuses an "
        "inference-only key. Reports the USD and DIEM balances; the headline is the one the account "
        "spends now."));
}

HttpRequestSpec VeniceAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/api/v1/billing/balance"));
}

CheckOutcome VeniceAdapter::parse(const HttpReply &reply, const AdapterContext &context) const
{
    // Venice answers an inference-only key exactly like a wrong one, so the message says both.
    if (auto error = reply::errorForStatus(reply);
        error && error->status == CheckStatus::AuthError && reply.status == 401)
        return checkFailed(CheckStatus::AuthError,
                           QStringLiteral("Venice refused the key (HTTP 401); balances can be read only with "
                                          "an admin API key, and an inference-only key gets this answer too. "
                                          "Create an admin key under API settings on venice.ai"));
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());

    const QJsonValue balances = json->value(QLatin1String("balances"));
    // Null is documented (an account without balances); a missing field is not Venice's answer.
    if (balances.isUndefined())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “balances” is missing")));
    if (!balances.isNull() && !balances.isObject())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “balances” is not an object")));
    auto usd = reply::optionalAmountAt(*json, u"balances.usd");
    if (!usd)
        return tl::unexpected(usd.error());
    auto diem = reply::optionalAmountAt(*json, u"balances.diem");
    if (!diem)
        return tl::unexpected(diem.error());
    const QJsonValue canConsumeValue = json->value(QLatin1String("canConsume"));
    if (!canConsumeValue.isUndefined() && !canConsumeValue.isNull() && !canConsumeValue.isBool())
        return tl::unexpected(
            reply::parseError(QStringLiteral("the field “canConsume” is not true or false")));
    // Missing counts as able: only an explicit false says Venice stopped the account.
    const bool canConsume = canConsumeValue.toBool(true);
    const QJsonValue currency = json->value(QLatin1String("consumptionCurrency"));

    BalanceReading reading;
    reading.kind = ReadingKind::Balance;
    if (*usd)
        reading.balances.push_back({**usd, kUsd});
    if (*diem)
        reading.balances.push_back({**diem, kDiem});

    if (reading.balances.empty()) {
        if (canConsume)
            return checkFailed(
                CheckStatus::Unsupported,
                QStringLiteral("Venice reports neither a USD nor a DIEM balance for this account (it spends "
                               "“%1”), so there is no balance to read")
                    .arg(currency.isString() ? currency.toString().left(32) : QStringLiteral("null")));
        // Nothing to spend and no balance to show: out of credit, in the currency the user prefers.
        const QString unit = context.option(QStringLiteral("currency"), kUsd).toUpper();
        return singleBalance(ReadingKind::Balance, Amount(), unit);
    }

    // The currency the account spends wins; else (null, BUNDLED_CREDITS, or a balance Venice left
    // out) the user's preferred currency, then the first non-zero balance.
    const QString spent = balanceUnitOf(currency);
    const bool spentIsListed =
        !spent.isEmpty() && std::any_of(reading.balances.begin(), reading.balances.end(),
                                        [&](const Balance &b) { return b.unit == spent; });
    chooseHeadline(reading, spentIsListed ? spent : context.option(QStringLiteral("currency")));

    // DIEM refills to the epoch's allocation, which makes it the limit of a DIEM headline.
    if (reading.unit == kDiem) {
        auto allocation = reply::optionalAmountAt(*json, u"diemEpochAllocation");
        if (!allocation)
            return tl::unexpected(allocation.error());
        if (*allocation && (*allocation)->micros() > 0)
            reading.limit = **allocation;
    }

    // Venice stops an account that cannot consume whatever its balances say (a balance below the
    // minimum, a plan's credits used up): for the user that is out of credit, so the headline is
    // 0 and the low-balance alert fires; the balances stay as Venice reported them.
    if (!canConsume)
        reading.remaining = Amount();
    return reading;
}

} // namespace qw
