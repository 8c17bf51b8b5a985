// The words of every alert, in one place so translators see them together (context
// "qw::AlertMessages" in translations/quotawatch_zh_CN.ts). Rendered when the alert is raised,
// in the language of the running program.
#pragma once

#include "core/model/alert.h"

#include <QCoreApplication>

namespace qw {

struct AlertSubject
{
    QString keyName;
    QString platform;
};

class AlertMessages final
{
    Q_DECLARE_TR_FUNCTIONS(AlertMessages)

public:
    static void lowBalance(Alert &alert, const AlertSubject &key, Amount effectiveThreshold);
    static void keyFailing(Alert &alert, const AlertSubject &key, const QString &error, bool authError);
    // Key failing because its destination binding failed (integrity_error): nothing was sent.
    static void keyTampered(Alert &alert, const AlertSubject &key);
    static void recovered(Alert &alert, const AlertSubject &key);
    static void topUp(Alert &alert, const AlertSubject &key, Amount increase);
    static void forecastEmpty(Alert &alert, const AlertSubject &key, double perDay);
    static void spendSpike(Alert &alert, const AlertSubject &key, Amount lastHour, double factor);
    // What `channels test` sends.
    static void test(Alert &alert, const QString &channelName);

    // "12.5 USD", "1,000 characters": an amount with its unit for a sentence.
    [[nodiscard]] static QString amount(Amount value, const QString &unit);
};

} // namespace qw
