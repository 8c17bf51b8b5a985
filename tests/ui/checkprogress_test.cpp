// The desktop says what it is doing: a row reads "checking…" from the moment its check starts
// (and counts the seconds of a provider that hangs), "Check all" shows done / total and can be
// cancelled, the tray's tooltip says when checks run, the header's next check never reads "No
// check planned" after a key is added, and a second start raises the window. Offscreen, against a
// real database and a real provider server on 127.0.0.1 that delays its answers.
#include "core/keys/keyvalidator.h"
#include "core/session/instancelock.h"
#include "core/storage/apikeyrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/mainwindow.h"
#include "ui/models/checkactivity.h"
#include "ui/models/keytablemodel.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/checkallprogress.h"
#include "ui/widgets/summaryheader.h"

#include <QProgressBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <atomic>
#include <thread>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

class CheckProgressTest : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        routeDelayed("slow", 4500);
        routeDelayed("slowish", 1200);
    }

    // A key checked 3 minutes ago whose next check is an hour away: nothing starts on its own.
    qint64 addQuietKey(const QString &name, const QString &scenario)
    {
        const qint64 id = addKey(name, scenario);
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-180), 50);
        EXPECT_TRUE(ApiKeyRepository(session().database())
                        .setNextCheckAt(id, QDateTime::currentDateTimeUtc().addSecs(3600)));
        return id;
    }

    static QString statusOf(MainWindow &window, qint64 id)
    {
        const int row = window.model().rowOfKey(id);
        return window.model().index(row, KeyTableModel::Status).data().toString();
    }
};

TEST_F(CheckProgressTest, ARowSaysCheckingFromTheStartAndCountsTheSecondsOfAHangingProvider)
{
    const qint64 id = addQuietKey(QStringLiteral("hangs"), QStringLiteral("slow"));
    MainWindow window(session());
    ASSERT_FALSE(statusOf(window, id).startsWith(QStringLiteral("checking")));
    QSignalSpy changes(&window.model(), &QAbstractItemModel::dataChanged);
    session().engine().checks().check(id);
    // At once, not when the answer comes.
    EXPECT_EQ(statusOf(window, id), QStringLiteral("checking…"));
    EXPECT_GE(changes.count(), 1);
    ASSERT_TRUE(
        waitFor([&] { return statusOf(window, id).startsWith(QStringLiteral("checking… 3 s")); }, 4400))
        << statusOf(window, id).toStdString();
    ASSERT_TRUE(waitFor([&] { return statusOf(window, id) == QStringLiteral("checking… 4 s"); }, 1500))
        << statusOf(window, id).toStdString();
    // Answered: the row says how the key is again.
    ASSERT_TRUE(waitFor([&] { return !statusOf(window, id).startsWith(QStringLiteral("checking")); }, 5000));
    EXPECT_EQ(window.model().activity().running(), 0);
}

TEST_F(CheckProgressTest, CheckAllShowsDoneOfTotalAndCancelKeepsOnlyTheCheckInFlight)
{
    std::vector<qint64> ids;
    for (const char *name : {"a", "b", "c"})
        ids.push_back(addQuietKey(QString::fromLatin1(name), QStringLiteral("slowish")));
    MainWindow window(session());
    Scheduler &scheduler = session().engine().scheduler();
    scheduler.setMaxConcurrent(1);
    ASSERT_TRUE(session().engine().start());
    ui::CheckAllProgress &progress = window.checkAllProgress();
    EXPECT_TRUE(progress.isHidden());

    window.checkAll();
    EXPECT_FALSE(progress.isHidden());
    EXPECT_EQ(progress.bar().maximum(), 3);
    EXPECT_EQ(progress.bar().value(), 0);
    EXPECT_EQ(progress.bar().text(), QStringLiteral("Checked 0 of 3"));
    ASSERT_TRUE(waitFor([&] { return window.model().activity().running() == 1; }));
    EXPECT_EQ(window.model().activity().summary(), QStringLiteral("Checking 1 of 3 keys…"));
    const qint64 inFlight = window.model().activity().runningKeys().value(0);
    EXPECT_EQ(statusOf(window, inFlight), QStringLiteral("checking…"));

    QTest::mouseClick(&progress.cancelButton(), Qt::LeftButton);
    EXPECT_TRUE(progress.isHidden());
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("cancelled")))
        << window.statusBar()->currentMessage().toStdString();
    // The one in flight ends and is kept; nothing else starts.
    ASSERT_TRUE(waitFor([&] { return window.model().activity().running() == 0; }, 5000));
    QTest::qWait(1500);
    EXPECT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(window.model().activity().summary(), QString());
    EXPECT_EQ(scheduler.inFlight(), 0);
}

TEST_F(CheckProgressTest, CheckAllRunsToTheEndAndSaysSo)
{
    for (const char *name : {"a", "b"})
        addQuietKey(QString::fromLatin1(name), QStringLiteral("ok"));
    MainWindow window(session());
    ASSERT_TRUE(session().engine().start());
    QSignalSpy ended(&session().engine().scheduler(), &Scheduler::checkAllEnded);
    window.checkAll();
    ASSERT_TRUE(waitFor([&] { return ended.count() == 1; }));
    EXPECT_FALSE(ended.at(0).at(0).toBool());
    EXPECT_EQ(window.checkAllProgress().bar().value(), 2);
    EXPECT_TRUE(window.checkAllProgress().isHidden());
    EXPECT_EQ(window.statusBar()->currentMessage(), QStringLiteral("Every key checked."));
    EXPECT_EQ(m_server.requestCount(), 2);
}

TEST_F(CheckProgressTest, TheTrayTooltipSaysWhatIsRunningAboveTheSummary)
{
    ui::TrayIcon tray;
    tray.setState(KeyHealth::Ok, QStringLiteral("12 keys"));
    tray.setActivity(QStringLiteral("Checking 3 of 12 keys…"));
    EXPECT_EQ(tray.toolTip(), QStringLiteral("QuotaWatch\nChecking 3 of 12 keys…\n12 keys"));
    tray.setState(KeyHealth::Low, QStringLiteral("12 keys, 1 running low"));
    EXPECT_EQ(tray.toolTip(), QStringLiteral("QuotaWatch\nChecking 3 of 12 keys…\n12 keys, 1 running low"));
    tray.setActivity({});
    EXPECT_EQ(tray.toolTip(), QStringLiteral("QuotaWatch\n12 keys, 1 running low"));
}

TEST_F(CheckProgressTest, AfterAddingAKeyTheNextCheckIsNeverNoCheckPlanned)
{
    MainWindow window(session());
    ASSERT_TRUE(session().engine().start());
    ui::SummaryHeader &header = window.header();
    // What the key editor does: add through the session, then check the new key now.
    KeyDraft draft;
    draft.name = QStringLiteral("new");
    draft.platform = QStringLiteral("deepseek");
    draft.baseUrl = providerUrl(QStringLiteral("slowish"));
    auto key = KeyValidator(session().platforms()).validate(draft);
    ASSERT_TRUE(key);
    auto id = session().keys().add(PendingKey{*key, SecureBytes::copyOf("sk-ui-test-0123456789abcdef")});
    ASSERT_TRUE(id);
    session().engine().scheduler().checkNow(*id);

    QStringList seen;
    QTimer sample;
    QObject::connect(&sample, &QTimer::timeout, &sample, [&] {
        if (!header.isHidden() && (seen.isEmpty() || seen.last() != header.nextCheckText()))
            seen << header.nextCheckText();
    });
    sample.start(5);
    ASSERT_TRUE(waitFor([&] { return window.model().activity().running() == 1; }));
    ASSERT_TRUE(waitFor([&] { return window.model().activity().running() == 0; }, 5000));
    // Told within moments, not on the 30 s tick.
    ASSERT_TRUE(
        waitFor([&] { return header.nextCheckText().startsWith(QStringLiteral("Next check at")); }, 1000))
        << seen.join(QStringLiteral(" | ")).toStdString();
    QTest::qWait(200);
    EXPECT_FALSE(seen.contains(QStringLiteral("No check planned")))
        << seen.join(QStringLiteral(" | ")).toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("Checking now…")))
        << seen.join(QStringLiteral(" | ")).toStdString();
    const QDateTime next = session().engine().scheduler().nextDue();
    ASSERT_TRUE(next.isValid());
    EXPECT_GT(next, QDateTime::currentDateTimeUtc().addSecs(60));
}

// A second desktop on the same database raises this window, even from the tray (hidden), and is
// told so; the window's side of InstanceLock as the desktop wires it.
TEST_F(CheckProgressTest, ASecondStartRaisesTheHiddenWindow)
{
    QTemporaryDir runtime;
    DatabaseUrl url;
    url.path = runtime.filePath(QStringLiteral("keys.db"));
    auto first = InstanceLock::acquire(url, InstanceLock::Kind::Desktop, runtime.path());
    ASSERT_TRUE(first && std::holds_alternative<std::unique_ptr<InstanceLock>>(*first));
    const auto &lock = std::get<std::unique_ptr<InstanceLock>>(*first);
    MainWindow window(session());
    QObject::connect(lock.get(), &InstanceLock::raiseRequested, &window, &MainWindow::bringToFront);
    window.hide();
    ASSERT_FALSE(window.isVisible());

    // The second start blocks on the socket, as in its own process: on a thread of its own here.
    std::atomic<bool> finished{false};
    std::optional<InstanceLock::Holder> holder;
    std::thread second([&] {
        auto outcome = InstanceLock::acquire(url, InstanceLock::Kind::Desktop, runtime.path());
        if (outcome && std::holds_alternative<InstanceLock::Holder>(*outcome))
            holder = std::get<InstanceLock::Holder>(*outcome);
        finished = true;
    });
    const bool done = waitFor([&] { return finished.load(); }, 8000);
    second.join();
    ASSERT_TRUE(done);
    ASSERT_TRUE(holder);
    EXPECT_TRUE(holder->raised);
    EXPECT_EQ(holder->kind, InstanceLock::Kind::Desktop);
    EXPECT_TRUE(waitFor([&] { return window.isVisible(); }, 2000));
}
