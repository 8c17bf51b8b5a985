// What the desktop app works with once it has started: the open database, the unlocked vault,
// the platform registry and the running Engine (checks, alerts, outbox). Windows and dialogs
// get it by reference and never open databases or create adapters themselves. keysChanged()
// tells every view that keys were added, edited or removed here.
#pragma once

#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/engine.h"
#include "core/result.h"
#include "core/storage/database.h"

#include <QObject>
#include <memory>

namespace qw {
class MasterKeyStore;
}

namespace qw::ui {

class DesktopSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopSession)

public:
    // Looks the master key up (QUOTAWATCH_MASTER_KEY or `store`) before the database is opened,
    // then opens, migrates and unlocks; the engine is built but not started.
    [[nodiscard]] static Result<std::unique_ptr<DesktopSession>> open(const DatabaseUrl &url,
                                                                      MasterKeyStore &store);

    // For tests and tools that already hold the parts. `clock` must outlive the session.
    DesktopSession(std::unique_ptr<Database> db, Vault vault, const Clock &clock,
                   const HttpClientLimits &limits = {}, QObject *parent = nullptr);
    ~DesktopSession() override;

    [[nodiscard]] Database &db() { return *m_db; }
    [[nodiscard]] const Vault &vault() const { return m_vault; }
    [[nodiscard]] const PlatformRegistry &platforms() const { return m_platforms; }
    [[nodiscard]] const Clock &clock() const { return m_clock; }
    [[nodiscard]] Engine &engine() { return *m_engine; }
    // The local owner account the desktop acts as (created on first use).
    [[nodiscard]] Result<qint64> ownerId();

    // Call after adding, editing, pausing or removing keys: the scheduler re-reads them and
    // every view refreshes.
    void notifyKeysChanged();

signals:
    void keysChanged();

private:
    std::unique_ptr<Database> m_db;
    Vault m_vault;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    const Clock &m_clock;
    std::unique_ptr<Engine> m_engine;
    qint64 m_ownerId = 0;
};

} // namespace qw::ui
