#include "core/alerts/alertmessages.h"

#include <cmath>

namespace qw {

namespace {

QString who(const AlertSubject &key)
{
    return AlertMessages::tr("“%1” (%2)", "a key's name and its platform").arg(key.keyName, key.platformName);
}

// Every message ends saying where it comes from and when the check ran: a reader of a chat or a
// forwarded mail can tell, and chat robots secured by the keyword "QuotaWatch" let it through.
void signOff(Alert &alert, const AlertSubject &key)
{
    alert.message = AlertMessages::tr("%1 Checked by QuotaWatch at %2.", "%1 is the whole message")
                        .arg(alert.message, AlertMessages::time(key.checkedAt));
}

} // namespace

QString AlertMessages::time(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString AlertMessages::amount(Amount value, const QString &unit)
{
    if (unit == QLatin1String("percent"))
        return value.toString() + u'%';
    return unit.isEmpty() ? value.toString() : value.toString() + u' ' + unit;
}

void AlertMessages::lowBalance(Alert &alert, const AlertSubject &key, Amount effectiveThreshold)
{
    const QString left = amount(alert.remaining.value_or(Amount()), alert.unit);
    alert.title = tr("Low balance: %1").arg(key.keyName);
    if (alert.thresholdIsPercent && alert.threshold)
        alert.message =
            tr("%1 has %2 left, under %3% of its limit (%4). Top it up or raise the limit before "
               "it runs dry.")
                .arg(who(key), left, alert.threshold->toString(), amount(effectiveThreshold, alert.unit));
    else
        alert.message = tr("%1 has %2 left, under the threshold of %3. Top it up before it runs dry.")
                            .arg(who(key), left, amount(effectiveThreshold, alert.unit));
    signOff(alert, key);
}

void AlertMessages::outOfCredit(Alert &alert, const AlertSubject &key, const QString &providerSaid)
{
    alert.title = tr("Out of credit: %1").arg(key.keyName);
    alert.message = tr("%1 is out of credit, so requests with it fail: %2").arg(who(key), providerSaid);
    signOff(alert, key);
}

void AlertMessages::keyUnreadable(Alert &alert, const AlertSubject &key, const QString &error)
{
    alert.title = tr("Key cannot be read: %1").arg(key.keyName);
    alert.message = tr("%1 cannot be read: %2. Checking again will not change this; move the key to a "
                       "platform that can read it, or remove it.")
                        .arg(who(key), error);
    signOff(alert, key);
}

void AlertMessages::keyFailing(Alert &alert, const AlertSubject &key, const QString &error, bool authError)
{
    alert.title = tr("Key failing: %1").arg(key.keyName);
    alert.message = authError ? tr("The provider rejects %1: %2. The key may have been revoked or may have "
                                   "expired; check it in the provider's console.")
                                    .arg(who(key), error)
                              : tr("%1 cannot be checked: %2. QuotaWatch keeps trying.").arg(who(key), error);
    signOff(alert, key);
}

void AlertMessages::keyTampered(Alert &alert, const AlertSubject &key)
{
    alert.title = tr("Key failing: %1").arg(key.keyName);
    alert.message = tr("The destination of %1 was changed outside QuotaWatch, so its secret was not sent "
                       "anywhere. Open the key and enter its secret again.")
                        .arg(who(key));
    signOff(alert, key);
}

void AlertMessages::recovered(Alert &alert, const AlertSubject &key)
{
    alert.title = tr("Key working again: %1").arg(key.keyName);
    alert.message = alert.remaining
                        ? tr("%1 works again; %2 left.").arg(who(key), amount(*alert.remaining, alert.unit))
                        : tr("%1 works again.").arg(who(key));
    signOff(alert, key);
}

void AlertMessages::topUp(Alert &alert, const AlertSubject &key, Amount increase)
{
    alert.title = tr("Top-up: %1").arg(key.keyName);
    alert.message = tr("%1 went up by %2 to %3.")
                        .arg(who(key), amount(increase, alert.unit),
                             amount(alert.remaining.value_or(Amount()), alert.unit));
    signOff(alert, key);
}

void AlertMessages::forecastEmpty(Alert &alert, const AlertSubject &key, double perDay)
{
    const double days = alert.daysLeft.value_or(0);
    alert.title = tr("Running out soon: %1").arg(key.keyName);
    alert.message =
        tr("At the current rate of %1 a day, %2 runs dry in about %3 days (%4 left). Top it up in "
           "time.")
            .arg(amount(Amount::fromDouble(perDay).value_or(Amount()), alert.unit), who(key),
                 QString::number(days, 'f', days < 10 ? 1 : 0),
                 amount(alert.remaining.value_or(Amount()), alert.unit));
    signOff(alert, key);
}

void AlertMessages::spendSpike(Alert &alert, const AlertSubject &key, Amount lastHour, double factor)
{
    alert.title = tr("Spending spike: %1").arg(key.keyName);
    alert.message =
        tr("%1 spent %2 in the last hour, %3 times its usual rate. If you did not expect this, the "
           "key may have leaked: revoke it in the provider's console.")
            .arg(who(key), amount(lastHour, alert.unit), QString::number(std::floor(factor), 'f', 0));
    signOff(alert, key);
}

void AlertMessages::test(Alert &alert, const QString &channelName)
{
    alert.title = tr("Test message");
    alert.message = tr("This is a test from QuotaWatch of the channel “%1”, sent at %2. If you can read "
                       "this, alerts will reach you here.")
                        .arg(channelName, time(alert.createdAt));
}

} // namespace qw
