// One check of one stored key from start to end, as in DESIGN.md's data flow: decrypt the
// secret, run the adapter through the HTTP client, store the snapshot (errors too), wipe the
// plaintext, and only then tell everyone. The UI, the scheduler, the REST API and the CLI all
// check keys through this class and never call an adapter themselves.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/poll/checkrunner.h"
#include "core/result.h"

#include <QHash>
#include <QObject>
#include <vector>

class QTimer;

namespace qw {

class AlertEngine;
class ApiKeyRepository;
class Database;
class SnapshotRepository;
class Vault;

class CheckService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckService)

public:
    CheckService(Database &db, const Vault &vault, CheckRunner &runner, QObject *parent = nullptr);
    ~CheckService() override;

    // Starts a check of the stored key `keyId`. checkFinished() follows, also when the key is
    // gone or its secret cannot be decrypted (then with a snapshot that says why, unstored).
    // A key whose destination binding fails is not decrypted or sent anywhere; its check is
    // stored as integrity_error and evaluated like any other (it raises key_failing).
    void check(qint64 keyId);
    // Every stored snapshot is then evaluated by `engine` (DESIGN.md's data flow), before
    // snapshotStored() goes out. Optional: without one, checks raise no alerts.
    void setAlertEngine(AlertEngine *engine) { m_alerts = engine; }
    [[nodiscard]] int inFlight() const { return m_inFlight; }
    // Whether the checks of a stored batch are being told now (between their checkFinished()
    // and concluded()): a listener may leave its own writes for each until concluded().
    [[nodiscard]] bool concluding() const { return m_concluding; }
    // Whether the master key was rotated elsewhere (this vault no longer opens the vault check;
    // then masterKeyReplaced() goes out, once). Asked after a binding or a secret failed, and
    // when another process changed the settings; false when the key still fits.
    bool masterKeyWasReplaced();
    // Another process stored a check of `keyId` (DatabaseChangeFeed::checkStored): its newest
    // snapshot goes out through snapshotStored() like one of ours, so every view updates that
    // key's row. A snapshot already told (ours, or a repeated notice) is not told again.
    void reportStoredElsewhere(qint64 keyId);

    // The outcome of a run as a snapshot of `keyId` (not stored). An answer that the account is
    // out of credit (HTTP 402) becomes a successful reading of 0 that keeps the provider's words.
    [[nodiscard]] static Snapshot snapshotOf(qint64 keyId, const CheckRun &run);

signals:
    // A check of `keyId` began (check() was called): views show it as in progress until its
    // checkFinished(), however long the provider takes to answer.
    void checkStarted(qint64 keyId);
    // The snapshot is committed to the database before this is emitted. Also for a snapshot
    // another process stored, see reportStoredElsewhere(); checkFinished() is ours only.
    void snapshotStored(qint64 keyId, const qw::Snapshot &snapshot);
    // Every check ends here exactly once; `stored` says whether the snapshot reached the database.
    void checkFinished(qint64 keyId, const qw::Snapshot &snapshot, bool stored);
    // The checks stored together (see writeBehind()) have all been told; what listeners left to
    // write for each (the Scheduler's next check times) may now be written in one transaction.
    void concluded();
    // The snapshot was stored but its alerts could not be (database error).
    void alertsFailed(qint64 keyId, const QString &message);
    // This process's master key no longer opens the database's vault check: another instance
    // rotated the key. Said once, before the checkFinished() of the check that found it; from
    // then on no check is stored (every one finishes unstored at once), since this process can
    // neither open the new secrets nor tell a changed key from a redirected one.
    void masterKeyReplaced(const QString &message);
    // The database could not be read or written for a check (before its checkFinished()): the
    // engine's DatabaseHealth decides whether the database is unreachable.
    void databaseFailed(const qw::Error &error);

private:
    // Finishes the check of `keyId` unstored, on the next turn of the event loop.
    void finishUnstored(qint64 keyId, const QString &message);
    // Queues the snapshot for storing (see writeBehind()); its alerts and its finish follow the
    // commit.
    void record(const ApiKey &checked, Snapshot snapshot);
    // Stores the queued snapshots, then evaluates each one's alerts and finishes it. Checks that
    // end in the same turn of the event loop share one transaction: a commit of its own per
    // snapshot (WAL frames, locks, on PostgreSQL a round trip) was the larger part of storing
    // one. Nothing is told before the commit, so a crash before it loses only checks nobody
    // heard about, as a crash during their HTTP exchange would.
    void writeBehind();
    // Stores `batch` in one transaction; on a failed statement (nothing committed) each one on
    // its own, so one bad row fails only its own check. One result per snapshot.
    [[nodiscard]] std::vector<Result<qint64>> store(const std::vector<Snapshot> &batch);
    // After the store of one snapshot (`stored`: its id or why not): evaluates its alerts and
    // finishes its check.
    void conclude(const ApiKey &checked, Snapshot snapshot, Result<qint64> stored);
    void finish(qint64 keyId, const Snapshot &snapshot, bool stored);
    // The unit of the key's newest successful reading before `before`; empty when none.
    [[nodiscard]] Result<QString> lastUnit(qint64 keyId, const QDateTime &before);

    Database &m_db;
    const Vault &m_vault;
    CheckRunner &m_runner;
    std::unique_ptr<ApiKeyRepository> m_keys;
    std::unique_ptr<SnapshotRepository> m_snapshots;
    AlertEngine *m_alerts = nullptr;
    int m_inFlight = 0;
    bool m_keyReplaced = false;
    QHash<qint64, qint64> m_lastTold; // key id -> id of the last snapshot told through snapshotStored()
    struct Unwritten
    {
        ApiKey checked;
        Snapshot snapshot;
    };
    std::vector<Unwritten> m_unwritten; // recorded, not yet stored; see writeBehind()
    QTimer *m_writeTimer = nullptr;     // child of this; 0 ms: the end of the event loop's turn
    bool m_concluding = false;
};

} // namespace qw
