#include "ui/dialogs/keyeditor/keytestrunner.h"

#include "core/model/readingnames.h"
#include "core/session/session.h"
#include "ui/format/checkerrortext.h"
#include "ui/format/displayformat.h"

#include <QLocale>

namespace qw::ui {

namespace {

QString kindWords(ReadingKind kind)
{
    switch (kind) {
    case ReadingKind::Balance:
        return KeyTestRunner::tr("balance");
    case ReadingKind::KeyLimit:
        return KeyTestRunner::tr("key limit");
    case ReadingKind::Spend:
        return KeyTestRunner::tr("spend");
    case ReadingKind::Quota:
        return KeyTestRunner::tr("quota");
    }
    return {};
}

} // namespace

KeyTestRunner::KeyTestRunner(Session &session, QObject *parent)
    : QObject(parent)
    , m_tester(session.engine().runner())
{}

KeyTestRunner::~KeyTestRunner() = default;

void KeyTestRunner::start(const ApiKey &key, SecureBytes secret)
{
    const int run = ++m_run;
    // The tester belongs to this object: a result after it went reaches nobody.
    m_tester.test(key, std::move(secret), [this, run](const Snapshot &snapshot) {
        if (m_run != run)
            return; // overtaken by a newer test, or cancelled
        emit finished(snapshot.status == CheckStatus::Ok, describe(snapshot));
    });
}

void KeyTestRunner::cancel()
{
    ++m_run;
}

QString KeyTestRunner::describe(const Snapshot &snapshot)
{
    if (snapshot.status != CheckStatus::Ok)
        return CheckErrorText::describe(snapshot);
    const QString kind = snapshot.kind ? kindWords(*snapshot.kind) : QString();
    QStringList lines;
    if (snapshot.remaining) {
        const QString amount = DisplayFormat::amount(*snapshot.remaining, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 remaining").arg(amount)
                                 : tr("OK — %1 remaining (%2)").arg(amount, kind));
    } else if (snapshot.used) {
        const QString amount = DisplayFormat::amount(*snapshot.used, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 used").arg(amount)
                                 : tr("OK — %1 used (%2)").arg(amount, kind));
    } else {
        lines << tr("OK — the provider accepted the key");
    }
    QStringList details;
    if (snapshot.remaining && snapshot.used)
        details << tr("used %1").arg(DisplayFormat::amount(*snapshot.used, snapshot.unit));
    if (snapshot.limit)
        details << tr("limit %1").arg(DisplayFormat::amount(*snapshot.limit, snapshot.unit));
    if (snapshot.balances.size() > 1) {
        QStringList balances;
        for (const Balance &balance : snapshot.balances)
            balances << DisplayFormat::amount(balance.amount, balance.unit);
        details << tr("balances %1").arg(balances.join(QStringLiteral(", ")));
    }
    if (snapshot.resetsAt.isValid())
        details
            << tr("resets %1").arg(QLocale().toString(snapshot.resetsAt.toLocalTime(), QLocale::ShortFormat));
    details << tr("answered in %1 ms").arg(snapshot.latencyMs);
    lines << details.join(QStringLiteral(" · "));
    // Every window and pot on its own line, rounded like the headline.
    for (const ReadingDetail &detail : snapshot.details)
        lines << ReadingNames::detailLine(detail,
                                          qOverload<const Amount &, const QString &>(&DisplayFormat::amount));
    return lines.join(u'\n');
}

} // namespace qw::ui
