#include "core/session/session.h"

#include "core/secrets/databasepasswordstore.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/unlockeddatabase.h"
#include "core/session/configuration.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <QEventLoop>
#include <QTimer>

namespace qw {

namespace {

const SystemClock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

} // namespace

Result<std::unique_ptr<Session>> Session::open(const Configuration &configuration, MasterKeyStore &store,
                                               const QString &connectionName)
{
    auto url = configuration.databaseUrl();
    if (!url)
        return tl::unexpected(url.error());
    auto limits = configuration.limits();
    if (!limits)
        return tl::unexpected(limits.error());
    auto unlocked =
        UnlockedDatabase::open(DatabasePasswordStore().withStoredPassword(*url), connectionName, store);
    if (!unlocked)
        return tl::unexpected(unlocked.error());
    auto owner = UserRepository(*unlocked->db).ensureOwner();
    if (!owner)
        return tl::unexpected(owner.error());
    std::unique_ptr<Session> session(new Session(std::move(unlocked->db), std::move(unlocked->vault),
                                                 systemClock(), *limits, *owner, nullptr));
    // Loaded once here for every front end, so that a check now (the command line, REST) is
    // judged by the stored settings even when the engine is never started.
    if (auto loaded = session->engine().alerts().reloadSettings(); !loaded)
        return tl::unexpected(loaded.error());
    return session;
}

Result<std::unique_ptr<Session>> Session::openLocked(const Configuration &configuration,
                                                     const QString &connectionName)
{
    auto url = configuration.databaseUrl();
    if (!url)
        return tl::unexpected(url.error());
    auto db = Database::open(DatabasePasswordStore().withStoredPassword(*url), connectionName);
    if (!db)
        return tl::unexpected(db.error());
    // The owner's keys are the ones a locked session shows; it is looked up, never created,
    // because a locked session writes nothing (no owner yet: no keys either).
    auto owner = UserRepository(**db).findByName(QLatin1String(User::kOwnerName));
    if (!owner)
        return tl::unexpected(owner.error());
    const qint64 ownerId = *owner ? (*owner)->id : 0;
    return std::unique_ptr<Session>(
        new Session(std::move(*db), std::nullopt, systemClock(), HttpClientLimits{}, ownerId, nullptr));
}

Result<MasterKeyService> Session::masterKeys(const Configuration &configuration, MasterKeyStore &store,
                                             const QString &connectionName)
{
    auto url = configuration.databaseUrl();
    if (!url)
        return tl::unexpected(url.error());
    auto envKey = MasterKeyService::environmentKey();
    if (!envKey)
        return tl::unexpected(envKey.error());
    return MasterKeyService(DatabasePasswordStore().withStoredPassword(*url), connectionName, store,
                            std::move(*envKey));
}

Session::Session(std::unique_ptr<Database> db, Vault vault, const Clock &clock,
                 const HttpClientLimits &limits, QObject *parent)
    : Session(std::move(db), std::optional<Vault>(std::move(vault)), clock, limits, -1, parent)
{}

Session::Session(std::unique_ptr<Database> db, std::optional<Vault> vault, const Clock &clock,
                 const HttpClientLimits &limits, qint64 ownerId, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_vault(std::move(vault))
    , m_clock(clock)
    , m_ownerId(ownerId)
{
    // -1 (tests and tools): the owner account as the desktop would create it.
    if (m_ownerId < 0)
        m_ownerId = UserRepository(*m_db).ensureOwner().value_or(0);
    if (m_vault) {
        m_engine = std::make_unique<Engine>(*m_db, *m_vault, m_platforms, m_clock, limits);
        m_engine->setInstance(m_instance.name());
        // Keys changed by another process reach every view like our own changes.
        connect(m_engine.get(), &Engine::keysChanged, this, &Session::keysChanged);
    }
    buildServices();
}

void Session::buildServices()
{
    const Vault *vaultOrNull = m_vault ? &*m_vault : nullptr;
    m_keys = std::make_unique<KeyService>(keysOf(m_ownerId));
    m_channels = std::make_unique<ChannelService>(
        *m_db, vaultOrNull, m_engine ? &m_engine->sender() : nullptr, m_clock, m_ownerId);
    m_history = std::make_unique<HistoryService>(*m_db);
    m_alerts = std::make_unique<AlertLog>(*m_db, m_clock);
    m_alerts->setSettingsListener([this] {
        if (m_engine)
            m_engine->reload();
    });
    // A stopped dispatcher sends nothing; the retried row waits for the next start.
    m_alerts->setRetryListener([this] {
        if (m_engine)
            m_engine->outbox().deliverDue();
    });
    m_accounts = std::make_unique<AccountService>(*m_db, m_clock);
}

// The members go in reverse order: the services, then the engine, then the database they use.
Session::~Session() = default;

Result<LoginTokens *> Session::loginTokens()
{
    if (!m_vault)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QStringLiteral("login tokens need the master key; this session was opened without it"));
    if (!m_loginTokens) {
        auto loaded = LoginTokens::load(*m_db, *m_vault, m_clock, *m_accounts);
        if (!loaded)
            return tl::unexpected(loaded.error());
        m_loginTokens = std::move(*loaded);
    }
    return m_loginTokens.get();
}

Engine &Session::engine()
{
    Q_ASSERT_X(m_engine, "Session::engine", "a locked session has no engine");
    return *m_engine;
}

const Vault &Session::vault() const
{
    Q_ASSERT_X(m_vault, "Session::vault", "a locked session has no vault");
    return *m_vault;
}

QString Session::databaseDescription() const
{
    return m_db->url().redacted();
}

const DatabaseUrl &Session::databaseUrl() const
{
    return m_db->url();
}

Result<DatabaseProbe> Session::probeDatabase(const DatabaseUrl &url, const QString &connectionName)
{
    return Database::probe(DatabasePasswordStore().withStoredPassword(url), connectionName);
}

Result<void> Session::storeDatabasePassword(const DatabaseUrl &url, const QString &password)
{
    if (password.isEmpty())
        return DatabasePasswordStore().remove(url);
    return DatabasePasswordStore().write(url, password);
}

Result<void> Session::pingDatabase()
{
    auto answered = m_db->run(QStringLiteral("SELECT 1"));
    if (!answered)
        return tl::unexpected(answered.error());
    return {};
}

KeyService Session::keysOf(qint64 userId)
{
    KeyService keys(*m_db, m_vault ? &*m_vault : nullptr, userId, &m_platforms);
    keys.setChangeListener([this] { onKeysChanged(); });
    return keys;
}

void Session::onKeysChanged()
{
    if (m_engine)
        m_engine->reload();
    emit keysChanged();
}

Result<Overview> Session::overview()
{
    auto keys = m_keys->listWithLatest();
    if (!keys)
        return tl::unexpected(keys.error());
    Overview overview;
    for (const KeyWithLatest &key : *keys)
        overview.add(key.latest, key.health);
    if (m_engine)
        overview.setNextCheck(m_engine->scheduler().nextDue());
    return overview;
}

Result<std::vector<ApiKey>> Session::keysToCheck(const std::vector<qint64> &ids)
{
    auto all = m_keys->list();
    if (!all)
        return tl::unexpected(all.error());
    std::vector<ApiKey> chosen;
    if (ids.empty()) {
        for (ApiKey &key : *all) {
            if (key.enabled)
                chosen.push_back(std::move(key));
        }
        return chosen;
    }
    for (qint64 id : ids) {
        const auto found =
            std::find_if(all->begin(), all->end(), [id](const ApiKey &key) { return key.id == id; });
        if (found == all->end())
            return tl::unexpected(KeyService::notFound(id));
        chosen.push_back(*found);
    }
    return chosen;
}

void Session::checkNow(std::vector<qint64> ids, CheckBatch::Done done)
{
    CheckBatch::start(engine().checks(), std::move(ids), std::move(done));
}

int Session::deliverQueuedAlertsOnce(int timeoutMs)
{
    OutboxDispatcher &dispatcher = engine().outbox();
    int failed = 0;
    QEventLoop loop;
    const auto counting = connect(&dispatcher, &OutboxDispatcher::attemptFailed, &loop,
                                  [&failed](qint64, const QString &, bool) { ++failed; });
    connect(&dispatcher, &OutboxDispatcher::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    dispatcher.start();
    if (dispatcher.inFlight() > 0)
        loop.exec();
    dispatcher.stop();
    disconnect(counting);
    return failed;
}

} // namespace qw
