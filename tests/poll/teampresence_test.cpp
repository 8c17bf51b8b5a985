// Which other instances the desktop shows as connected, read from their footprints on the keys
// (TeamPresence): on PostgreSQL a live lease or a recent last check counts, an expired lease, a
// stale check and this instance itself do not; on SQLite there is no team and nothing is listed.
#include "adapters/platformregistry.h"
#include "core/crypto/vault.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/teampresence.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/backendtest.h"

#include <QDateTime>

using namespace qw;
using namespace qw::test;

namespace {

const QString kSelf = QStringLiteral("desktop@here:1-aaaa");

} // namespace

class TeamPresenceTest : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_vault = std::make_unique<Vault>(*Fernet::fromKey(Fernet::generateKey().view()));
    }

    qint64 addKey(int intervalS)
    {
        KeyDraft draft;
        draft.name = QStringLiteral("key %1").arg(++m_added);
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = QStringLiteral("http://127.0.0.1:9");
        draft.interval = QString::number(intervalS);
        auto key = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(key);
        const QByteArray secret = "sk-presence-" + QByteArray::number(m_added) + "-0123456789";
        auto id = KeyService(*m_db, &*m_vault, m_owner).add(PendingKey{*key, SecureBytes::copyOf(secret)});
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    // The footprint an instance leaves: its lease on the key, or its name as the last checker.
    void set(qint64 key, const QString &column, const QVariant &value)
    {
        ASSERT_TRUE(
            m_db->run(QStringLiteral("UPDATE api_keys SET %1 = ? WHERE id = ?").arg(column), {value, key}));
    }

    void storeCheck(qint64 key, qint64 secondsAgo)
    {
        Snapshot snapshot;
        snapshot.keyId = key;
        snapshot.checkedAt = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo);
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = Amount::fromMicros(1'000'000);
        snapshot.unit = QStringLiteral("USD");
        ASSERT_TRUE(SnapshotRepository(*m_db).insert(snapshot));
    }

    static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

    std::unique_ptr<Vault> m_vault;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    int m_added = 0;
};

TEST_F(TeamPresenceTest, ListsInstancesWithALiveLeaseOrARecentCheckButNotItselfOrTheGone)
{
    // Holds a lease now.
    const qint64 leased = addKey(60);
    set(leased, QStringLiteral("lease_owner"), QStringLiteral("serve@a:10-0001"));
    set(leased, QStringLiteral("lease_until"), nowMs() + 60'000);
    // Stored the latest check of a 60 s key 30 s ago.
    const qint64 recent = addKey(60);
    set(recent, QStringLiteral("last_checked_by"), QStringLiteral("desktop@b:20-0002"));
    storeCheck(recent, 30);
    // Stored the latest check of a 60 s key 5 minutes ago: stopped (two intervals have passed).
    const qint64 stale = addKey(60);
    set(stale, QStringLiteral("last_checked_by"), QStringLiteral("serve@gone:30-0003"));
    storeCheck(stale, 300);
    // The same 5 minutes on a 1-hour key is within its two intervals: still there.
    const qint64 hourly = addKey(3600);
    set(hourly, QStringLiteral("last_checked_by"), QStringLiteral("serve@slow:40-0004"));
    storeCheck(hourly, 300);
    // A lease that ran out: its holder died mid-check.
    const qint64 expired = addKey(60);
    set(expired, QStringLiteral("lease_owner"), QStringLiteral("serve@dead:50-0005"));
    set(expired, QStringLiteral("lease_until"), nowMs() - 60'000);
    // This instance's own footprints.
    const qint64 mine = addKey(60);
    set(mine, QStringLiteral("lease_owner"), kSelf);
    set(mine, QStringLiteral("lease_until"), nowMs() + 60'000);
    set(mine, QStringLiteral("last_checked_by"), kSelf);
    storeCheck(mine, 10);
    // A lease owner whose lease ended is not a last checker: the name stays, the time does not.
    set(recent, QStringLiteral("lease_owner"), QStringLiteral("serve@released:60-0006"));

    const TeamPresence presence(*m_db, kSelf);
    auto others = presence.otherInstances();
    ASSERT_TRUE(others) << others.error().message.toStdString();
    if (!isPostgres()) {
        EXPECT_FALSE(presence.isTeamMode());
        EXPECT_TRUE(others->isEmpty()) << others->join(QStringLiteral(", ")).toStdString();
        return;
    }
    EXPECT_TRUE(presence.isTeamMode());
    EXPECT_EQ(*others, (QStringList{QStringLiteral("desktop@b:20-0002"), QStringLiteral("serve@a:10-0001"),
                                    QStringLiteral("serve@slow:40-0004")}));
}

TEST_F(TeamPresenceTest, AnInstanceOnSeveralKeysIsListedOnceAndNobodyMeansEmpty)
{
    const TeamPresence presence(*m_db, kSelf);
    auto none = presence.otherInstances();
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->isEmpty());

    for (int i = 0; i < 3; ++i) {
        const qint64 key = addKey(60);
        set(key, QStringLiteral("lease_owner"), QStringLiteral("serve@a:10-0001"));
        set(key, QStringLiteral("lease_until"), nowMs() + 60'000);
        set(key, QStringLiteral("last_checked_by"), QStringLiteral("serve@a:10-0001"));
        storeCheck(key, 5);
    }
    auto others = presence.otherInstances();
    ASSERT_TRUE(others);
    if (isPostgres())
        EXPECT_EQ(*others, QStringList{QStringLiteral("serve@a:10-0001")});
    else
        EXPECT_TRUE(others->isEmpty());
}
