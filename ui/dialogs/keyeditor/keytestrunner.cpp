#include "ui/dialogs/keyeditor/keytestrunner.h"

#include "core/crypto/securebytes.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/session/session.h"

#include <QLocale>
#include <QPointer>
#include <memory>

namespace qw::ui {

namespace {

QString amountText(const Amount &amount, const QString &unit)
{
    return unit.isEmpty() ? amount.toString() : amount.toString() + u' ' + unit;
}

QString statusWords(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return KeyTestRunner::tr("The key works");
    case CheckStatus::AuthError:
        return KeyTestRunner::tr("The provider refused the key");
    case CheckStatus::RateLimited:
        return KeyTestRunner::tr("The provider is limiting requests right now");
    case CheckStatus::NetworkError:
        return KeyTestRunner::tr("The provider could not be reached");
    case CheckStatus::ProviderError:
        return KeyTestRunner::tr("The provider answered with an error");
    case CheckStatus::ParseError:
        return KeyTestRunner::tr("The provider's answer could not be read");
    case CheckStatus::Unsupported:
        return KeyTestRunner::tr("This key cannot report a balance");
    }
    return {};
}

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
    , m_session(session)
{}

KeyTestRunner::~KeyTestRunner() = default;

void KeyTestRunner::start(const ApiKey &key, SecureBytes secret)
{
    const int run = ++m_run;
    const QPointer<KeyTestRunner> self(this);
    m_session.engine().runner().run(
        key, std::make_shared<const SecureBytes>(std::move(secret)), [self, run](CheckRun result) {
            // Gone, or overtaken by a newer test: nobody waits for this.
            if (!self || self->m_run != run)
                return;
            const bool ok = CheckService::snapshotOf(0, result).status == CheckStatus::Ok;
            emit self->finished(ok, describe(result));
        });
}

void KeyTestRunner::cancel()
{
    ++m_run;
}

QString KeyTestRunner::describe(const CheckRun &run)
{
    const Snapshot snapshot = CheckService::snapshotOf(0, run);
    if (snapshot.status != CheckStatus::Ok)
        return tr("%1 (%2): %3").arg(statusWords(snapshot.status), toString(snapshot.status), snapshot.error);
    const QString kind = snapshot.kind ? kindWords(*snapshot.kind) : QString();
    QStringList lines;
    if (snapshot.remaining) {
        const QString amount = amountText(*snapshot.remaining, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 remaining").arg(amount)
                                 : tr("OK — %1 remaining (%2)").arg(amount, kind));
    } else if (snapshot.used) {
        const QString amount = amountText(*snapshot.used, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 used").arg(amount)
                                 : tr("OK — %1 used (%2)").arg(amount, kind));
    } else {
        lines << tr("OK — the provider accepted the key");
    }
    QStringList details;
    if (snapshot.remaining && snapshot.used)
        details << tr("used %1").arg(amountText(*snapshot.used, snapshot.unit));
    if (snapshot.limit)
        details << tr("limit %1").arg(amountText(*snapshot.limit, snapshot.unit));
    if (snapshot.balances.size() > 1) {
        QStringList balances;
        for (const Balance &balance : snapshot.balances)
            balances << amountText(balance.amount, balance.unit);
        details << tr("balances %1").arg(balances.join(QStringLiteral(", ")));
    }
    if (snapshot.resetsAt.isValid())
        details
            << tr("resets %1").arg(QLocale().toString(snapshot.resetsAt.toLocalTime(), QLocale::ShortFormat));
    details << tr("answered in %1 ms").arg(snapshot.latencyMs);
    lines << details.join(QStringLiteral(" · "));
    return lines.join(u'\n');
}

} // namespace qw::ui
