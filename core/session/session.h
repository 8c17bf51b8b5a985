// The composition root every front end starts from — the command line, `serve`, the desktop and
// (next) the REST API: the database, the vault, the platform registry, the clock, the engine and
// the owner account, built in one place from one Configuration, and the use-case services the
// front ends call. A front end translates between a person (or a client) and these calls; it
// never opens repositories, runs SQL or wires the engine's parts itself.
#pragma once

#include "adapters/platformregistry.h"
#include "core/accounts/accountservice.h"
#include "core/accounts/logintokens.h"
#include "core/alerts/alertlog.h"
#include "core/alerts/channelservice.h"
#include "core/analytics/historyservice.h"
#include "core/analytics/keymetrics.h"
#include "core/analytics/overview.h"
#include "core/analytics/retentionservice.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/engine.h"
#include "core/keys/keyservice.h"
#include "core/model/databaseprobe.h"
#include "core/model/databaseurl.h"
#include "core/poll/checkbatch.h"
#include "core/poll/instanceidentity.h"
#include "core/poll/teampresence.h"
#include "core/result.h"
#include "core/secrets/masterkeyservice.h"

#include <QObject>
#include <memory>
#include <optional>

namespace qw {

class Configuration;
class Database;
class MasterKeyStore;

class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    // Looks the master key up (QUOTAWATCH_MASTER_KEY or `store`) before the database is opened,
    // so nothing is written without one; then opens, migrates, unlocks and makes sure the owner
    // account exists. The engine is built, not started. `connectionName` is unique per thread.
    [[nodiscard]] static Result<std::unique_ptr<Session>>
    open(const Configuration &configuration, MasterKeyStore &store, const QString &connectionName);
    // Without the master key, for what needs no secret: listing keys, channels, alerts and
    // history, pausing and removing. Nothing is checked or sent; there is no engine.
    [[nodiscard]] static Result<std::unique_ptr<Session>> openLocked(const Configuration &configuration,
                                                                     const QString &connectionName);

    // Export, import and rotation of the master key of the database `configuration` names (its
    // stored PostgreSQL password applied, QUOTAWATCH_MASTER_KEY read now). `store` must outlive it.
    [[nodiscard]] static Result<MasterKeyService>
    masterKeys(const Configuration &configuration, MasterKeyStore &store, const QString &connectionName);

    // For tests and tools that already hold the parts. `clock` must outlive the session.
    Session(std::unique_ptr<Database> db, Vault vault, const Clock &clock,
            const HttpClientLimits &limits = {}, QObject *parent = nullptr);
    ~Session() override;

    [[nodiscard]] bool isUnlocked() const { return m_vault.has_value(); }
    [[nodiscard]] const PlatformRegistry &platforms() const { return m_platforms; }
    [[nodiscard]] const Clock &clock() const { return m_clock; }
    // This process among the instances sharing the database (made once; the engine leases keys
    // under its name on PostgreSQL, and records it as the key's last checker).
    [[nodiscard]] const InstanceIdentity &instance() const { return m_instance; }
    // Which other instances share the database now (PostgreSQL; none on SQLite).
    [[nodiscard]] TeamPresence team() { return TeamPresence(*m_db, m_instance.name()); }
    // Only in an unlocked session.
    [[nodiscard]] Engine &engine();
    [[nodiscard]] const Vault &vault() const;
    // The local owner account the desktop and the command line act as (0 in a locked session of
    // a database that has none yet).
    [[nodiscard]] qint64 ownerId() const { return m_ownerId; }
    // Where the data lives, with any password hidden: for status lines and logs.
    [[nodiscard]] QString databaseDescription() const;
    [[nodiscard]] const DatabaseUrl &databaseUrl() const;
    // Whether the database answers now (one trivial query), reconnecting a dropped connection.
    [[nodiscard]] Result<void> pingDatabase();
    // Connects to the database at `url` and reads its schema version, on the calling thread with
    // a connection of its own, creating nothing there (no file, folder or table): whether
    // QuotaWatch can use it, before switching to it.
    [[nodiscard]] static Result<DatabaseProbe> probeDatabase(const DatabaseUrl &url,
                                                             const QString &connectionName);
    // Keeps the PostgreSQL password for `url` (its own password part ignored) in the OS keychain,
    // where opening a session finds it when the URL has none; empty removes it. Blocks on a
    // local event loop for the keychain's answer (up to its timeout).
    [[nodiscard]] static Result<void> storeDatabasePassword(const DatabaseUrl &url, const QString &password);
    // For core's own parts and tests; front ends use the services below.
    [[nodiscard]] Database &database() { return *m_db; }

    [[nodiscard]] KeyService &keys() { return *m_keys; }
    // The keys of account `userId` (the REST API's callers): the same use case, seeing and
    // changing only that account's keys.
    [[nodiscard]] KeyService keysOf(qint64 userId);
    [[nodiscard]] ChannelService &channels() { return *m_channels; }
    [[nodiscard]] HistoryService &history() { return *m_history; }
    // The per-key figures of a monitoring scrape (the REST API's /metrics).
    [[nodiscard]] KeyMetrics keyMetrics() { return KeyMetrics(*m_db); }
    // The retention setting, the database's size and figures, and roll-up / compaction now
    // (`db stats`, `db compact`, Settings). Locked sessions too: no secret is involved. The
    // engine rolls up in the background with its own (RetentionRunner).
    [[nodiscard]] RetentionService retention() { return RetentionService(*m_db, m_clock); }
    [[nodiscard]] AlertLog &alerts() { return *m_alerts; }
    [[nodiscard]] AccountService &accounts() { return *m_accounts; }
    // The signer and checker of login tokens (JWT), its secret loaded (made on first use) once.
    // Unlocked sessions only: the secret is kept encrypted by the vault.
    [[nodiscard]] Result<LoginTokens *> loginTokens();

    // The dashboard figures for every key (with the engine's next check when it runs).
    [[nodiscard]] Result<Overview> overview();

    // The keys "check now" means: `ids` (NotFound naming the first unknown one), or every
    // enabled key when `ids` is empty.
    [[nodiscard]] Result<std::vector<ApiKey>> keysToCheck(const std::vector<qint64> &ids);
    // Checks the keys now, stores the results and evaluates their alerts (unlocked only).
    void checkNow(std::vector<qint64> ids, CheckBatch::Done done);
    // For one-shot front ends: tries every queued alert delivery once, waiting at most
    // `timeoutMs`; what failed stays queued for `serve` or the desktop. The number that failed.
    // Blocks in a local event loop: never call it from a window.
    [[nodiscard]] int deliverQueuedAlertsOnce(int timeoutMs);

signals:
    // Keys were added, edited, paused or removed through this session.
    void keysChanged();

private:
    // `ownerId` -1: make sure the owner account exists and use it.
    Session(std::unique_ptr<Database> db, std::optional<Vault> vault, const Clock &clock,
            const HttpClientLimits &limits, qint64 ownerId, QObject *parent);
    void buildServices();
    void onKeysChanged();

    std::unique_ptr<Database> m_db;
    std::optional<Vault> m_vault;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    const Clock &m_clock;
    InstanceIdentity m_instance = InstanceIdentity::create(InstanceIdentity::roleOfThisProcess());
    qint64 m_ownerId = 0;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<KeyService> m_keys;
    std::unique_ptr<ChannelService> m_channels;
    std::unique_ptr<HistoryService> m_history;
    std::unique_ptr<AlertLog> m_alerts;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<LoginTokens> m_loginTokens;
};

} // namespace qw
