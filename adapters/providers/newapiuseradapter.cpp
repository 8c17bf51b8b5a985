#include "adapters/providers/newapiuseradapter.h"

#include "adapters/providers/newapiquota.h"
#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QRegularExpression>

namespace qw {

QString NewApiUserAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A system access token from the relay's personal settings page (not an sk- token), with "
        "your numeric user id as the option user_id. Reports the account's remaining quota."));
}

QList<OptionSpec> NewApiUserAdapter::ownOptions() const
{
    return {{QStringLiteral("user_id"),
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "User ID")),
             OptionSpec::Type::Integer,
             {},
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms",
                                              "your numeric user id on the relay, sent as New-Api-User")),
             true,
             {}},
            newapi::quotaPerUnitOption()};
}

HttpRequestSpec NewApiUserAdapter::request(const AdapterContext &context) const
{
    HttpRequestSpec request = bearerGet(context, QStringLiteral("/api/user/self"));
    request.headers.append(
        {QByteArrayLiteral("New-Api-User"), context.option(QStringLiteral("user_id")).toUtf8()});
    return request;
}

CheckOutcome NewApiUserAdapter::parse(const HttpReply &reply, const AdapterContext &context) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // Failures arrive as HTTP 200 with success false and a message, in Chinese or English.
    const QJsonValue success = json->value(QLatin1String("success"));
    if (!success.isBool())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “success” is missing")));
    if (!success.toBool()) {
        const QString said = reply::providerMessage(*json);
        static const QRegularExpression authWords(
            // A banned account's token will never work again: that is the key's problem too.
            QStringLiteral(
                "token|未登录|无权|无效|封禁|unauthori[sz]ed|not logged|permission|user id|banned"),
            QRegularExpression::CaseInsensitiveOption);
        const bool auth = said.contains(authWords);
        return checkFailed(
            auth ? CheckStatus::AuthError : CheckStatus::ProviderError,
            QStringLiteral("the relay refused the request: %1%2")
                .arg(said.isEmpty() ? QStringLiteral("no reason given") : said,
                     auth ? QStringLiteral(" — check the access token and user_id") : QString()));
    }
    const qint64 divisor = newapi::quotaPerUnit(context);
    auto quota = reply::amountAt(*json, u"data.quota");
    if (!quota)
        return tl::unexpected(quota.error());
    BalanceReading reading =
        singleBalance(ReadingKind::Balance, reply::divide(*quota, divisor), QStringLiteral("USD"));
    auto used = reply::optionalAmountAt(*json, u"data.used_quota");
    if (!used)
        return tl::unexpected(used.error());
    if (*used)
        reading.used = reply::divide(**used, divisor);
    return reading;
}

} // namespace qw
