// The desktop in team mode: on PostgreSQL the key table's status tooltip and the history window
// say which instance checked a key last, and the status bar lists the other instances connected
// (from their leases and recent checks, written here with SQL as another instance's footprint).
// On SQLite none of it shows.
#include "core/poll/teampresence.h"
#include "tests/ui/uitest.h"
#include "ui/history/keydetailwindow.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"

#include <QLabel>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyDetailWindow;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

namespace {

const QString kOtherServe = QStringLiteral("serve@db1:4411-3fa2");
const QString kOtherDesktop = QStringLiteral("desktop@b:77-beef");

} // namespace

class TeamDesktopTest : public UiTest
{
protected:
    void sql(const QString &statement, const QVariantList &values)
    {
        auto done = session().database().run(statement, values);
        ASSERT_TRUE(done) << done.error().message.toStdString();
    }

    void setLastCheckedBy(qint64 key, const QString &instance)
    {
        sql(QStringLiteral("UPDATE api_keys SET last_checked_by = ? WHERE id = ?"), {instance, key});
    }

    void setLease(qint64 key, const QString &instance, qint64 fromNowMs)
    {
        sql(QStringLiteral("UPDATE api_keys SET lease_owner = ?, lease_until = ? WHERE id = ?"),
            {instance, QDateTime::currentMSecsSinceEpoch() + fromNowMs, key});
    }

    static QString statusTip(KeyTableModel &model, qint64 key)
    {
        return model.data(model.index(model.rowOfKey(key), KeyTableModel::Status), Qt::ToolTipRole)
            .toString();
    }

    [[nodiscard]] bool isPostgres() { return session().team().isTeamMode(); }
};

TEST_F(TeamDesktopTest, ShowsWhoCheckedEachKeyAndTheOtherInstancesOnlyInTeamMode)
{
    const qint64 theirs = addKey(QStringLiteral("checked elsewhere"));
    addSnapshot(theirs, QDateTime::currentDateTimeUtc().addSecs(-20), 42);
    setLastCheckedBy(theirs, kOtherServe);
    const qint64 mine = addKey(QStringLiteral("checked here"));
    addSnapshot(mine, QDateTime::currentDateTimeUtc().addSecs(-10), 7);
    setLastCheckedBy(mine, session().instance().name());
    // The other desktop's footprint: it is checking this key right now.
    const qint64 leased = addKey(QStringLiteral("being checked"));
    setLease(leased, kOtherDesktop, 60'000);

    MainWindow window(session());
    KeyTableModel &model = window.model();
    ASSERT_EQ(model.rowCount(), 3);

    auto detail = std::make_unique<KeyDetailWindow>(session(), theirs);
    auto *checkedBy = detail->findChild<QLabel *>(QStringLiteral("checkedBy"));
    ASSERT_NE(checkedBy, nullptr);

    if (!isPostgres()) {
        EXPECT_EQ(window.teamStatus(), nullptr);
        EXPECT_FALSE(statusTip(model, theirs).contains(QStringLiteral("checked by")))
            << statusTip(model, theirs).toStdString();
        EXPECT_TRUE(checkedBy->isHidden());
        return;
    }

    EXPECT_TRUE(statusTip(model, theirs)
                    .endsWith(QString(QStringLiteral("\nLast checked by ") + kOtherServe +
                                      QStringLiteral(" (another instance)"))))
        << statusTip(model, theirs).toStdString();
    EXPECT_TRUE(statusTip(model, mine).contains(QStringLiteral("Last checked by this QuotaWatch")))
        << statusTip(model, mine).toStdString();
    // Nobody has checked it yet: only its state.
    EXPECT_FALSE(statusTip(model, leased).contains(QStringLiteral("checked by")));

    EXPECT_FALSE(checkedBy->isHidden());
    EXPECT_EQ(checkedBy->text(), QString(QStringLiteral("Last checked by ") + kOtherServe +
                                         QStringLiteral(" (another instance)")));

    QLabel *team = window.teamStatus();
    ASSERT_NE(team, nullptr);
    EXPECT_EQ(team->text(), QString(QStringLiteral("Team: 2 other instances connected (") + kOtherDesktop +
                                    QStringLiteral(", ") + kOtherServe + u')'));
    EXPECT_TRUE(team->toolTip().contains(kOtherDesktop)) << team->toolTip().toStdString();
    EXPECT_FALSE(team->text().contains(session().instance().name()));

    // The desktop's lease runs out (it died mid-check): on the next tick it is gone.
    setLease(leased, kOtherDesktop, -60'000);
    window.refreshTeam();
    EXPECT_EQ(team->text(),
              QString(QStringLiteral("Team: 1 other instance connected (") + kOtherServe + u')'));
    // And the serve instance's check grows old (more than two of the key's intervals).
    sql(QStringLiteral("UPDATE snapshots SET checked_at = checked_at - ? WHERE key_id = ?"),
        {qint64(2 * 60 * 60 * 1000), theirs});
    window.refreshTeam();
    EXPECT_EQ(team->text(), QStringLiteral("Team: no other instance connected"));
}
