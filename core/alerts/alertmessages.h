// The words of every alert, in one place so translators see them together (context
// "qw::AlertMessages" in translations/quotawatch_zh_CN.ts). Rendered when the alert is raised,
// in the language of the running program.
#pragma once

#include "core/model/alert.h"

#include <QCoreApplication>
#include <QDateTime>

namespace qw {

// What every message names: the key, its platform as people know it ("OpenRouter", from the
// adapter registry; the id only when the registry does not know it) and when the check ran.
struct AlertSubject
{
    QString keyName;
    QString platformName;
    QDateTime checkedAt; // UTC
};

class AlertMessages final
{
    Q_DECLARE_TR_FUNCTIONS(AlertMessages)

public:
    static void lowBalance(Alert &alert, const AlertSubject &key, Amount effectiveThreshold);
    // Low balance because the provider said the account is out of credit (HTTP 402).
    static void outOfCredit(Alert &alert, const AlertSubject &key, const QString &providerSaid);
    static void keyFailing(Alert &alert, const AlertSubject &key, const QString &error, bool authError);
    // Key failing because no check can read it (unsupported: a retired endpoint, a key of the
    // wrong kind): retrying will not help, so the words say what to do instead.
    static void keyUnreadable(Alert &alert, const AlertSubject &key, const QString &error);
    // Key failing because its destination binding failed (integrity_error): nothing was sent.
    static void keyTampered(Alert &alert, const AlertSubject &key);
    static void recovered(Alert &alert, const AlertSubject &key);
    static void topUp(Alert &alert, const AlertSubject &key, Amount increase);
    static void forecastEmpty(Alert &alert, const AlertSubject &key, double perDay);
    static void spendSpike(Alert &alert, const AlertSubject &key, Amount lastHour, double factor);
    // What `channels test` sends: said to come from QuotaWatch, dated `alert.createdAt`.
    static void test(Alert &alert, const QString &channelName);

    // "12.5 USD", "1,000 characters": an amount with its unit for a sentence.
    [[nodiscard]] static QString amount(Amount value, const QString &unit);
    // "2026-12-07 05:30 UTC": a time in messages. UTC, because one alert reaches people in
    // several time zones and a chat shows no zone of its own.
    [[nodiscard]] static QString time(const QDateTime &when);
};

} // namespace qw
