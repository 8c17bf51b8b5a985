#include "core/poll/checkservice.h"

#include "core/alerts/alertengine.h"
#include "core/crypto/destinationbinding.h"
#include "core/crypto/sealedoptions.h"
#include "core/crypto/vault.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaMethod>
#include <QPointer>
#include <QTimer>

namespace qw {

namespace {

Snapshot failedSnapshot(qint64 keyId, CheckStatus status, const QString &message)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = QDateTime::currentDateTimeUtc();
    snapshot.status = status;
    snapshot.error = message;
    return snapshot;
}

} // namespace

CheckService::CheckService(Database &db, const Vault &vault, CheckRunner &runner, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_vault(vault)
    , m_runner(runner)
    , m_keys(std::make_unique<ApiKeyRepository>(db))
    , m_snapshots(std::make_unique<SnapshotRepository>(db))
    , m_writeTimer(new QTimer(this))
{
    m_writeTimer->setSingleShot(true);
    m_writeTimer->setInterval(0);
    connect(m_writeTimer, &QTimer::timeout, this, &CheckService::writeBehind);
}

CheckService::~CheckService()
{
    // Checks that ended but were not stored yet are stored now, without alerts or signals (their
    // listeners and the alert engine may be gone already): a result, once in, is never dropped.
    if (m_unwritten.empty())
        return;
    std::vector<Snapshot> batch;
    batch.reserve(m_unwritten.size());
    for (Unwritten &unwritten : m_unwritten)
        batch.push_back(std::move(unwritten.snapshot));
    m_unwritten.clear();
    (void)store(batch);
}

Snapshot CheckService::snapshotOf(qint64 keyId, const CheckRun &run)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = run.checkedAt;
    snapshot.latencyMs = run.latencyMs;
    if (run.outcome) {
        const BalanceReading &reading = *run.outcome;
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = reading.kind;
        snapshot.remaining = reading.remaining;
        snapshot.used = reading.used;
        snapshot.limit = reading.limit;
        snapshot.unit = reading.unit;
        snapshot.balances = reading.balances;
        snapshot.resetsAt = reading.resetsAt;
        snapshot.details = reading.details;
    } else if (run.outcome.error().outOfCredit) {
        // Out of credit is what the account holds, not a failure to read it: a balance of 0, so
        // the low-balance alert, the health and the charts treat it like any empty account. The
        // unit is the key's usual one, which only the history knows (see record()).
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = Amount();
        snapshot.error = run.outcome.error().message;
    } else {
        snapshot.status = run.outcome.error().status;
        snapshot.error = run.outcome.error().message;
        snapshot.retryAfterS = run.outcome.error().retryAfterS;
    }
    return snapshot;
}

bool CheckService::masterKeyWasReplaced()
{
    if (m_keyReplaced)
        return true;
    SettingsRepository settings(m_db);
    auto opens = VaultUnlocker::opensCheck(m_vault, settings);
    if (!opens || *opens)
        return false; // a database error is the check's own failure; the key still fits
    m_keyReplaced = true;
    emit masterKeyReplaced(VaultUnlocker::replacedElsewhereMessage());
    return true;
}

void CheckService::finishUnstored(qint64 keyId, const QString &message)
{
    const Snapshot failed = failedSnapshot(keyId, CheckStatus::AuthError, message);
    QTimer::singleShot(0, this, [this, keyId, failed] { finish(keyId, failed, false); });
}

void CheckService::check(qint64 keyId)
{
    ++m_inFlight;
    emit checkStarted(keyId);
    if (m_keyReplaced) {
        finishUnstored(keyId,
                       QCoreApplication::translate("CheckService", "the master key was replaced elsewhere"));
        return;
    }
    auto key = m_keys->find(keyId);
    if (!key)
        emit databaseFailed(key.error());
    if (!key || !*key) {
        const Snapshot failed =
            failedSnapshot(keyId, CheckStatus::ProviderError,
                           key ? QStringLiteral("no key with id %1").arg(keyId) : key.error().message);
        QTimer::singleShot(0, this, [this, keyId, failed] { finish(keyId, failed, false); });
        return;
    }
    if (!DestinationBinding::holds(**key, m_vault)) {
        // A rotation elsewhere re-binds every row under a key we do not hold: not an attack.
        if (masterKeyWasReplaced()) {
            finishUnstored(keyId, DestinationBinding::keyFailure());
            return;
        }
        // Someone changed where this key's secret goes without the master key: it is neither
        // decrypted nor sent, and the check is stored (and alerted on) like any failure.
        Snapshot refused =
            failedSnapshot(keyId, CheckStatus::IntegrityError, DestinationBinding::keyFailure());
        QPointer<CheckService> self(this);
        QTimer::singleShot(0, this, [self, refused, checked = **key]() mutable {
            if (self)
                self->record(checked, std::move(refused));
        });
        return;
    }
    auto secret = m_vault.decrypt((**key).secretEnc);
    if (!secret) {
        (void)masterKeyWasReplaced();
        finishUnstored(keyId, secret.error().message);
        return;
    }
    // The sealed options (request headers that may hold a credential) join the others only for
    // the conversation; the key the alerts see afterwards keeps them sealed.
    ApiKey sending = **key;
    auto sealed = SealedOptions::open(sending, m_vault);
    if (!sealed) {
        (void)masterKeyWasReplaced();
        finishUnstored(keyId, sealed.error().message);
        return;
    }
    for (auto it = sealed->begin(); it != sealed->end(); ++it)
        sending.options.insert(it.key(), it.value());
    // Shared with the conversation, wiped (by SecureBytes) when the last holder lets go.
    auto plaintext = std::make_shared<const SecureBytes>(std::move(*secret));
    QPointer<CheckService> self(this);
    m_runner.run(sending, std::move(plaintext), [self, keyId, checked = **key](CheckRun run) {
        if (self)
            self->record(checked, snapshotOf(keyId, run));
    });
}

void CheckService::record(const ApiKey &checked, Snapshot snapshot)
{
    const qint64 keyId = checked.id;
    if (snapshot.outOfCredit() && snapshot.unit.isEmpty()) {
        // In the unit of the key's last reading, so an empty account continues its series (and a
        // later top-up reads as one) instead of starting a unit-less one.
        if (auto unit = lastUnit(keyId, snapshot.checkedAt); unit && !unit->isEmpty()) {
            snapshot.unit = *unit;
            snapshot.balances = {{*snapshot.remaining, *unit}};
        }
    }
    m_unwritten.push_back({checked, std::move(snapshot)});
    // A bound on what one transaction holds (and waits); a round never gets near it otherwise.
    constexpr std::size_t kMaxBatch = 256;
    if (m_unwritten.size() >= kMaxBatch)
        writeBehind();
    else if (!m_writeTimer->isActive())
        m_writeTimer->start();
}

std::vector<Result<qint64>> CheckService::store(const std::vector<Snapshot> &batch)
{
    std::vector<Result<qint64>> ids;
    ids.reserve(batch.size());
    if (batch.size() > 1) {
        Transaction transaction(m_db);
        if (transaction.started()) {
            for (const Snapshot &snapshot : batch) {
                auto id = m_snapshots->insert(snapshot);
                if (!id)
                    break; // rolled back with the transaction; each is tried on its own below
                ids.push_back(std::move(id));
            }
            if (ids.size() == batch.size()) {
                // A failed COMMIT may still have taken effect (a lost reply): never tried again.
                if (auto committed = transaction.commit(); !committed)
                    return std::vector<Result<qint64>>(batch.size(), tl::unexpected(committed.error()));
                return ids;
            }
            ids.clear();
        }
    }
    for (const Snapshot &snapshot : batch)
        ids.push_back(m_snapshots->insert(snapshot));
    return ids;
}

void CheckService::writeBehind()
{
    m_writeTimer->stop();
    std::vector<Unwritten> batch = std::exchange(m_unwritten, {});
    if (batch.empty())
        return;
    std::vector<Snapshot> snapshots;
    snapshots.reserve(batch.size());
    for (const Unwritten &unwritten : batch)
        snapshots.push_back(unwritten.snapshot);
    // Committed before anyone is told: listeners may read it straight back.
    std::vector<Result<qint64>> ids = store(snapshots);
    if (m_alerts) {
        // The alert rules' reads for the whole batch at once: two statements instead of two a check.
        std::vector<std::pair<qint64, const Snapshot *>> stored;
        stored.reserve(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (ids[i])
                stored.emplace_back(batch[i].checked.id, &batch[i].snapshot);
        }
        m_alerts->readAhead(stored);
    }
    // A listener may end this service (the session closing): nothing of it is touched after that.
    QPointer<CheckService> self(this);
    m_concluding = true;
    for (std::size_t i = 0; i < batch.size() && self; ++i)
        conclude(batch[i].checked, std::move(batch[i].snapshot), std::move(ids[i]));
    if (!self)
        return;
    if (m_alerts)
        m_alerts->forgetReadAhead();
    m_concluding = false;
    emit concluded();
}

void CheckService::conclude(const ApiKey &checked, Snapshot snapshot, Result<qint64> stored)
{
    const qint64 keyId = checked.id;
    if (stored) {
        snapshot.id = *stored;
        // The check itself succeeded in being recorded; an alert that cannot be stored is
        // reported on its own and tried again by the next check's evaluation.
        if (m_alerts) {
            if (auto evaluated = m_alerts->evaluate(checked, snapshot); !evaluated)
                emit alertsFailed(keyId, evaluated.error().message);
        }
        finish(keyId, snapshot, true);
    } else {
        // Told first: the engine pauses checks while the database is away. A listener may end
        // this service (the session closing), so nothing of it is touched after that.
        QPointer<CheckService> self(this);
        emit databaseFailed(stored.error());
        if (!self)
            return;
        snapshot.error = snapshot.error.isEmpty()
                             ? stored.error().message
                             : snapshot.error + QStringLiteral("; ") + stored.error().message;
        finish(keyId, snapshot, false);
    }
}

Result<QString> CheckService::lastUnit(qint64 keyId, const QDateTime &before)
{
    // A 402 is rare: a few of the newest rows are plenty to find the last unit.
    constexpr qint64 kLookBack = 50;
    auto newest = m_snapshots->newest(keyId, {}, before, kLookBack);
    if (!newest)
        return tl::unexpected(newest.error());
    for (const Snapshot &earlier : *newest) {
        if (earlier.status == CheckStatus::Ok && !earlier.unit.isEmpty())
            return earlier.unit;
    }
    return QString();
}

void CheckService::finish(qint64 keyId, const Snapshot &snapshot, bool stored)
{
    --m_inFlight;
    if (stored) {
        m_lastTold.insert(keyId, snapshot.id);
        emit snapshotStored(keyId, snapshot);
    }
    emit checkFinished(keyId, snapshot, stored);
}

void CheckService::reportStoredElsewhere(qint64 keyId)
{
    // `serve` has no view to update: no read for it.
    if (!isSignalConnected(QMetaMethod::fromSignal(&CheckService::snapshotStored)))
        return;
    // The newest by check time: one older than what a view shows changes nothing there. Ids are
    // compared for equality only, since two processes may commit theirs out of id order.
    auto latest = m_snapshots->latest(keyId);
    if (!latest || !*latest || m_lastTold.value(keyId) == (**latest).id)
        return;
    m_lastTold.insert(keyId, (**latest).id);
    emit snapshotStored(keyId, **latest);
}

} // namespace qw
