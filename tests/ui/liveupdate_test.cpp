// The main window keeps up with another process on the same database (a second connection here,
// as `quotawatch keys add` or `serve` would hold): keys added, renamed and removed there, and
// checks stored there, show within 2 s, a check as a live row update rather than a reload.
#include "adapters/platformregistry.h"
#include "core/alerts/alertengine.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"

#include <QSignalSpy>
#include <QStatusBar>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

namespace {

constexpr int kWithinMs = 2000;

} // namespace

class LiveUpdateTest : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        if (HasFatalFailure())
            return;
        m_other = m_testDb->open();
        ASSERT_NE(m_other, nullptr);
    }

    void TearDown() override
    {
        m_other.reset();
        UiTest::TearDown();
    }

    qint64 addKeyElsewhere(const QString &name)
    {
        KeyDraft draft;
        draft.name = name;
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = providerUrl(QStringLiteral("ok"));
        auto key = KeyValidator(session().platforms()).validate(draft);
        EXPECT_TRUE(key);
        auto id = KeyService(*m_other, &session().vault(), session().ownerId())
                      .add(PendingKey{*key, SecureBytes::copyOf("sk-elsewhere-0123456789abcdef")});
        EXPECT_TRUE(id) << (id ? "" : id.error().message.toStdString());
        return id.value_or(0);
    }

    std::unique_ptr<Database> m_other;
};

TEST_F(LiveUpdateTest, KeysAndChecksFromAnotherProcessShowWithinTwoSeconds)
{
    addKey(QStringLiteral("here from the start"));
    MainWindow window(session());
    ASSERT_TRUE(session().engine().start());
    window.setPolling(false); // only what the other process does changes the table
    KeyTableModel &model = window.model();
    ASSERT_EQ(model.rowCount(), 1);

    const qint64 id = addKeyElsewhere(QStringLiteral("added by the CLI"));
    ASSERT_TRUE(waitFor([&] { return model.rowOfKey(id) >= 0; }, kWithinMs));
    EXPECT_EQ(model.rowCount(), 2);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    Snapshot check;
    check.keyId = id;
    check.checkedAt = QDateTime::currentDateTimeUtc();
    check.kind = ReadingKind::Balance;
    check.remaining = Amount::parse(u"77.25");
    check.unit = QStringLiteral("CNY");
    check.balances = {Balance{*check.remaining, check.unit}};
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(check));
    const auto remainingText = [&] {
        return model.index(model.rowOfKey(id), KeyTableModel::Remaining).data().toString();
    };
    ASSERT_TRUE(waitFor([&] { return remainingText().contains(QStringLiteral("77.25")); }, kWithinMs))
        << remainingText().toStdString();
    EXPECT_EQ(resets.count(), 0); // the row, not the whole table

    ApiKey renamed = **ApiKeyRepository(*m_other).find(id);
    renamed.name = QStringLiteral("renamed by the CLI");
    ASSERT_TRUE(ApiKeyRepository(*m_other).update(renamed));
    ASSERT_TRUE(waitFor([&] { return model.keyAt(model.rowOfKey(id))->name == renamed.name; }, kWithinMs));

    ASSERT_TRUE(ApiKeyRepository(*m_other).remove(id));
    EXPECT_TRUE(waitFor([&] { return model.rowOfKey(id) < 0; }, kWithinMs));
    EXPECT_EQ(model.rowCount(), 1);
    session().engine().stop();
}

TEST_F(LiveUpdateTest, AnAlertRaisedByAnotherProcessShowsWithinTwoSeconds)
{
    MainWindow window(session());
    ASSERT_TRUE(session().engine().start());
    window.setPolling(false);
    const qint64 id = addKeyElsewhere(QStringLiteral("low elsewhere"));
    ASSERT_TRUE(waitFor([&] { return window.model().rowOfKey(id) >= 0; }, kWithinMs));

    // The other process checks the key and its alert engine raises low_balance there.
    ApiKey key = **ApiKeyRepository(*m_other).find(id);
    key.threshold = Amount::parse(u"100");
    Snapshot low;
    low.keyId = id;
    low.checkedAt = QDateTime::currentDateTimeUtc();
    low.kind = ReadingKind::Balance;
    low.remaining = Amount::parse(u"3.5");
    low.unit = QStringLiteral("CNY");
    low.balances = {Balance{*low.remaining, low.unit}};
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(low));
    const PlatformRegistry noPlatforms;
    AlertEngine elsewhere(*m_other, noPlatforms);
    auto raised = elsewhere.evaluate(key, low);
    ASSERT_TRUE(raised && raised->size() == 1u);

    // No tray on the offscreen platform: the status bar tells it, as for an alert raised here.
    const QString title = raised->front().title;
    EXPECT_TRUE(waitFor([&] { return window.statusBar()->currentMessage().contains(title); }, kWithinMs))
        << window.statusBar()->currentMessage().toStdString();
    session().engine().stop();
}
