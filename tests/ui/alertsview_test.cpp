// The Alerts window and the tray's attention list against a real database, a real provider and a
// real webhook receiver on 127.0.0.1: a raised alert shows with its key and where it went, a
// failing delivery with its reason and the badge's count, "Retry now" sends it again, and the
// tray lists the keys that need attention with their amounts and opens their history.
#include "core/alerts/channelconfig.h"
#include "core/storage/outboxrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/alerts/alertsview.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/history/keydetailwindow.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"
#include "ui/tray/attentionlist.h"
#include "ui/tray/trayicon.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <atomic>

using namespace qw;
using namespace qw::test;
using qw::ui::AlertsView;
using qw::ui::AlertTableModel;
using qw::ui::MainWindow;

namespace {

// A path secret like a chat robot's token: it must never show in the window.
const QByteArray kHookPath = "/hook/robot-token-5f3e9a";

} // namespace

class AlertsViewTest : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_hook.route("POST", kHookPath, [this](const RecordedRequest &) {
            return m_hookFails ? TestResponse::json(R"({"error":"down for maintenance"})", 503)
                               : TestResponse::json("{}");
        });
        ChannelDraft draft;
        draft.kind = ChannelKind::Webhook;
        draft.name = QStringLiteral("ops hook");
        draft.secrets.insert(QStringLiteral("url"),
                             QString(m_hook.baseUrl() + QString::fromLatin1(kHookPath)));
        auto id = session().channels().add(draft);
        ASSERT_TRUE(id) << id.error().message.toStdString();
        m_channelId = *id;
    }

    // A key whose first check (110.50 CNY under a threshold of 200) raises a low-balance alert.
    qint64 addLowKeyAndCheck(MainWindow &window, const QString &name)
    {
        const qint64 id = addKey(name, QStringLiteral("ok"), QStringLiteral("200"));
        EXPECT_TRUE(session().engine().start());
        window.setPolling(false); // only the check below runs
        bool done = false;
        session().checkNow({id}, [&done](const auto &) { done = true; });
        EXPECT_TRUE(waitFor([&] { return done; }));
        return id;
    }

    // The alert's only delivery row, once the model shows one.
    QModelIndex deliveryRow(AlertTableModel &model)
    {
        if (model.rowCount() == 0)
            return {};
        return model.index(0, 0, model.index(0, 0));
    }

    QString cell(const QModelIndex &row, int column, int role = Qt::DisplayRole)
    {
        return row.siblingAtColumn(column).data(role).toString();
    }

    TestHttpServer m_hook;
    std::atomic<bool> m_hookFails{false};
    qint64 m_channelId = 0;
};

TEST_F(AlertsViewTest, ARaisedAlertShowsWithItsKeyAndWhereItWasDelivered)
{
    MainWindow window(session());
    AlertTableModel &model = window.alertsModel();
    EXPECT_EQ(model.rowCount(), 0);
    const qint64 keyId = addLowKeyAndCheck(window, QStringLiteral("OpenAI prod"));
    ASSERT_TRUE(waitFor([&] { return m_hook.requestCount() == 1; }));
    ASSERT_TRUE(waitFor([&] {
        const QModelIndex delivery = deliveryRow(model);
        return delivery.isValid() &&
               cell(delivery, AlertTableModel::Delivery).startsWith(QStringLiteral("Delivered"));
    })) << "the view updates by itself when the delivery finishes";

    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex alert = model.index(0, 0);
    EXPECT_EQ(alert.data(AlertTableModel::KeyIdRole).toLongLong(), keyId);
    EXPECT_EQ(cell(alert, AlertTableModel::Key), QStringLiteral("OpenAI prod"));
    EXPECT_TRUE(cell(alert, AlertTableModel::Message).contains(QStringLiteral("OpenAI prod")));
    EXPECT_TRUE(cell(alert, AlertTableModel::When, Qt::ToolTipRole).endsWith(QStringLiteral(" UTC")));
    EXPECT_FALSE(cell(alert, AlertTableModel::When).isEmpty());
    EXPECT_EQ(cell(alert, AlertTableModel::Delivery), QStringLiteral("Delivered"));
    const QModelIndex delivery = deliveryRow(model);
    EXPECT_EQ(cell(delivery, AlertTableModel::Key), QStringLiteral("ops hook"));
    EXPECT_TRUE(cell(delivery, AlertTableModel::Message).isEmpty());
    EXPECT_FALSE(model.canRetry(delivery));
    EXPECT_EQ(model.failingCount(), 0);
    EXPECT_EQ(window.alertsAction().text(), QStringLiteral("&Alerts"));

    window.openAlerts();
    ASSERT_NE(window.alertsView(), nullptr);
    AlertsView &view = *window.alertsView();
    EXPECT_TRUE(view.isVisible());
    EXPECT_TRUE(view.tree().isExpanded(model.index(0, 0))) << "each alert's deliveries show";
    // A delivery's time shows whole beside its branch, not cut to "7 Dec 2026 09:5…".
    const QRect timeCell = view.tree().visualRect(delivery.siblingAtColumn(AlertTableModel::When));
    EXPECT_GE(timeCell.width(),
              view.tree().fontMetrics().horizontalAdvance(cell(delivery, AlertTableModel::When)) + 8);
    view.tree().setCurrentIndex(delivery);
    EXPECT_FALSE(view.retryButton().isEnabled()) << "nothing to retry on a delivered alert";
}

TEST_F(AlertsViewTest, AFailingDeliveryShowsWhyAndTheBadgeAndRetryNowSendsItAgain)
{
    m_hookFails = true;
    MainWindow window(session());
    AlertTableModel &model = window.alertsModel();
    QSignalSpy badge(&model, &AlertTableModel::failingCountChanged);
    const qint64 keyId = addLowKeyAndCheck(window, QStringLiteral("OpenAI prod"));
    ASSERT_TRUE(waitFor([&] { return model.failingCount() == 1; }));
    QElapsedTimer sinceFailure;
    sinceFailure.start();
    EXPECT_EQ(m_hook.requestCount(), 1);
    ASSERT_FALSE(badge.isEmpty());
    EXPECT_EQ(badge.last().at(0).toInt(), 1);

    // The badge: the menu entry and toolbar button count the failing deliveries.
    EXPECT_EQ(window.alertsAction().text(), QStringLiteral("&Alerts (1 failing)"));
    EXPECT_EQ(window.alertsAction().iconText(), QStringLiteral("Alerts (1 failing)"));
    EXPECT_NE(AlertsView::badgeIcon(1).pixmap(16).toImage(), AlertsView::badgeIcon(0).pixmap(16).toImage())
        << "a red dot while deliveries fail";

    ASSERT_TRUE(waitFor([&] { return deliveryRow(model).isValid(); }));
    const QModelIndex failed = deliveryRow(model);
    const QString reason = cell(failed, AlertTableModel::Message);
    EXPECT_TRUE(reason.contains(QStringLiteral("503"))) << reason.toStdString();
    EXPECT_FALSE(reason.contains(QStringLiteral("robot-token")))
        << "no secret in the reason: " << reason.toStdString();
    EXPECT_TRUE(cell(failed, AlertTableModel::Delivery).startsWith(QStringLiteral("Not delivered yet")))
        << cell(failed, AlertTableModel::Delivery).toStdString();
    EXPECT_EQ(cell(model.index(0, 0), AlertTableModel::Delivery), QStringLiteral("1 of 1 failing"));
    EXPECT_TRUE(model.canRetry(failed));

    window.openAlerts();
    AlertsView &view = *window.alertsView();
    EXPECT_TRUE(view.status().text().contains(QStringLiteral("1 deliveries failing")))
        << view.status().text().toStdString();
    view.tree().setCurrentIndex(failed);
    ASSERT_TRUE(view.retryButton().isEnabled());
    const qint64 failedId = failed.data(AlertTableModel::OutboxIdRole).toLongLong();
    // A reload (the 30 s tick) keeps the selection, also when it replaces the rows.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    ASSERT_TRUE(model.reload());
    EXPECT_TRUE(resets.isEmpty()) << "nothing changed: no reset";
    auto key = session().keys().get(keyId);
    ASSERT_TRUE(key);
    key->name = QStringLiteral("OpenAI production");
    ASSERT_TRUE(session().keys().update(*key));
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(resets.size(), 1);
    EXPECT_EQ(cell(model.index(0, 0), AlertTableModel::Key), QStringLiteral("OpenAI production"));
    EXPECT_EQ(view.tree().currentIndex().data(AlertTableModel::OutboxIdRole).toLongLong(), failedId);
    ASSERT_TRUE(view.retryButton().isEnabled());

    // The receiver is back: Retry now sends at once, well before the first automatic retry (5 s).
    m_hookFails = false;
    view.retryButton().click();
    ASSERT_TRUE(waitFor([&] { return m_hook.requestCount() == 2; }, 4000));
    EXPECT_LT(sinceFailure.elapsed(), 4000) << "sent by Retry now, not by the backoff";
    ASSERT_TRUE(waitFor([&] {
        const QModelIndex delivery = deliveryRow(model);
        return delivery.isValid() &&
               cell(delivery, AlertTableModel::Delivery).startsWith(QStringLiteral("Delivered"));
    }));
    EXPECT_TRUE(cell(deliveryRow(model), AlertTableModel::Message).isEmpty());
    EXPECT_EQ(model.failingCount(), 0);
    EXPECT_EQ(window.alertsAction().text(), QStringLiteral("&Alerts"));
    EXPECT_TRUE(view.status().text().contains(QStringLiteral("Every delivery went through")));
    EXPECT_EQ(m_hook.requestCount(), 2) << "sent once more, not twice";
}

TEST_F(AlertsViewTest, RetryNowGivesADeliveryThatWasGivenUpOneMoreAttempt)
{
    m_hookFails = true;
    MainWindow window(session());
    AlertTableModel &model = window.alertsModel();
    addLowKeyAndCheck(window, QStringLiteral("OpenAI prod"));
    ASSERT_TRUE(waitFor([&] { return model.failingCount() == 1 && deliveryRow(model).isValid(); }));
    // Its last attempt failed too (as after a day of retries): given up, as the dispatcher does.
    const qint64 outboxId = deliveryRow(model).data(AlertTableModel::OutboxIdRole).toLongLong();
    OutboxRepository outbox(session().database());
    auto row = outbox.find(outboxId);
    ASSERT_TRUE(row && *row);
    const QDateTime due = (*row)->nextAttemptAt;
    auto claimed = outbox.claim(outboxId, QStringLiteral("test"), due, due.addSecs(60));
    ASSERT_TRUE(claimed && *claimed);
    ASSERT_TRUE(outbox.markFailed(outboxId, QStringLiteral("test"), QStringLiteral("HTTP 503"), QDateTime()));
    ASSERT_TRUE(model.reload());
    EXPECT_TRUE(
        cell(deliveryRow(model), AlertTableModel::Delivery).startsWith(QStringLiteral("Not delivered:")))
        << cell(deliveryRow(model), AlertTableModel::Delivery).toStdString();
    EXPECT_EQ(model.failingCount(), 1);
    EXPECT_EQ(m_hook.requestCount(), 1);

    // Retry on the alert's row retries each of its failing deliveries.
    m_hookFails = false;
    ASSERT_TRUE(model.retry(model.index(0, 0)));
    ASSERT_TRUE(waitFor([&] { return m_hook.requestCount() == 2; }));
    ASSERT_TRUE(waitFor([&] { return model.failingCount() == 0; }));
    EXPECT_TRUE(cell(deliveryRow(model), AlertTableModel::Delivery).startsWith(QStringLiteral("Delivered")));
    auto again = model.retry(deliveryRow(model));
    ASSERT_FALSE(again) << "a delivered alert is not sent twice";
    EXPECT_FALSE(session().alerts().retryDelivery(outboxId));
    EXPECT_EQ(session().alerts().retryDelivery(outboxId + 1000).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_hook.requestCount(), 2);
}

TEST_F(AlertsViewTest, AnEmptyKeyIsListedInTheSameWordsAsTheOthers)
{
    ApiKey key;
    key.name = QStringLiteral("dry");
    Snapshot snapshot;
    snapshot.status = CheckStatus::Ok;
    snapshot.remaining = Amount::fromMicros(0);
    snapshot.unit = QStringLiteral("USD");
    EXPECT_EQ(ui::AttentionList::entryText(key, snapshot, KeyHealth::Empty),
              QStringLiteral("dry — 0.00 USD (empty)"));
    EXPECT_EQ(ui::AttentionList::entryText(key, std::nullopt, KeyHealth::Failing),
              QStringLiteral("dry (failing)"));
}

TEST_F(AlertsViewTest, TheTrayListsTheKeysThatNeedAttentionAndOpensTheirHistory)
{
    const qint64 low = addKey(QStringLiteral("OpenAI prod"), QStringLiteral("ok"), QStringLiteral("5"));
    addSnapshot(low, QDateTime::currentDateTimeUtc(), 3.2, QStringLiteral("USD"));
    const qint64 fine = addKey(QStringLiteral("fine"), QStringLiteral("ok"), QStringLiteral("5"));
    addSnapshot(fine, QDateTime::currentDateTimeUtc(), 50, QStringLiteral("USD"));
    const qint64 broken = addKey(QStringLiteral("broken"), QStringLiteral("refused"));
    MainWindow window(session());
    bool done = false;
    session().checkNow({broken}, [&done](const auto &) { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    ASSERT_TRUE(window.model().reload());

    const auto list = ui::AttentionList::of(window.model());
    ASSERT_EQ(list.entries.size(), 2U);
    EXPECT_EQ(list.more, 0);
    EXPECT_EQ(list.entries[0].keyId, broken) << "worst first";
    EXPECT_EQ(list.entries[0].text, QStringLiteral("broken (failing)"));
    EXPECT_EQ(list.entries[1].keyId, low);
    EXPECT_EQ(list.entries[1].text, QStringLiteral("OpenAI prod — 3.20 USD (low)"));

    ui::TrayIcon tray;
    tray.setAttention(list);
    // The main window's wiring of the tray (MainWindow makes it only where a tray exists).
    QObject::connect(&tray, &ui::TrayIcon::keyRequested, &window, &MainWindow::openDetail);
    QAction *entry = nullptr;
    for (QAction *action : tray.menu().actions()) {
        if (action->text() == list.entries[1].text)
            entry = action;
    }
    ASSERT_NE(entry, nullptr);
    entry->trigger();
    const auto windows = window.findChildren<ui::KeyDetailWindow *>();
    ASSERT_EQ(windows.size(), 1);
    EXPECT_EQ(windows.front()->keyId(), low);
    EXPECT_TRUE(windows.front()->isVisible());

    // The same list again leaves the menu alone (it may be open); another one replaces it.
    tray.setAttention(list);
    EXPECT_TRUE(tray.menu().actions().contains(entry));
    auto changed = list;
    changed.entries.pop_back();
    tray.setAttention(changed);
    int entries = 0;
    for (QAction *action : tray.menu().actions())
        entries += action->text() == list.entries[1].text || action->text() == list.entries[0].text ? 1 : 0;
    EXPECT_EQ(entries, 1);
}

TEST_F(AlertsViewTest, TheTrayShowsAtMostTenKeysAndHowManyMore)
{
    for (int i = 0; i < 12; ++i) {
        const qint64 id = addKey(QStringLiteral("key %1").arg(i, 2, 10, QLatin1Char('0')),
                                 QStringLiteral("ok"), QStringLiteral("100"));
        addSnapshot(id, QDateTime::currentDateTimeUtc(), 1 + i, QStringLiteral("USD"));
    }
    MainWindow window(session());
    const auto list = ui::AttentionList::of(window.model());
    ASSERT_EQ(int(list.entries.size()), ui::AttentionList::kMaxShown);
    EXPECT_EQ(list.more, 2);
    EXPECT_EQ(list.entries[0].text, QStringLiteral("key 00 — 1.00 USD (low)"));

    ui::TrayIcon tray;
    tray.setAttention(list);
    QSignalSpy opened(&tray, &ui::TrayIcon::openRequested);
    QAction *more = nullptr;
    for (QAction *action : tray.menu().actions()) {
        if (action->text() == QStringLiteral("and 2 more…"))
            more = action;
    }
    ASSERT_NE(more, nullptr);
    more->trigger();
    EXPECT_EQ(opened.size(), 1) << "the rest are in the main window";

    tray.setState(KeyHealth::Low, QStringLiteral("12 keys"));
    EXPECT_FALSE(tray.toolTip().contains(QStringLiteral("failing")));
    tray.setFailingDeliveries(2);
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("2 alert deliveries failing")))
        << tray.toolTip().toStdString();
    tray.setAttention({});
    for (QAction *action : tray.menu().actions())
        EXPECT_FALSE(action->text().startsWith(QStringLiteral("key "))) << "an empty list leaves no entry";
}

// Only where a tray exists: ui.alertsview.tray runs it under Xvfb with trayer (withtray.sh).
TEST_F(AlertsViewTest, TheMainWindowsTrayMenuOpensTheHistoryOfAKeyThatNeedsAttention)
{
    const bool expected = qEnvironmentVariableIsSet("QW_EXPECT_TRAY");
    // The tray host may still be starting.
    const bool available = waitFor([] { return ui::TrayIcon::available(); }, expected ? 5000 : 0);
    if (!available) {
        ASSERT_FALSE(expected) << "withtray.sh started a tray host, but Qt sees no tray";
        GTEST_SKIP() << "no system tray on this platform; ui.alertsview.tray runs this with one";
    }
    const qint64 low = addKey(QStringLiteral("OpenAI prod"), QStringLiteral("ok"), QStringLiteral("5"));
    addSnapshot(low, QDateTime::currentDateTimeUtc(), 3.2, QStringLiteral("USD"));
    MainWindow window(session());
    ASSERT_NE(window.tray(), nullptr);
    QAction *entry = nullptr;
    for (QAction *action : window.tray()->menu().actions()) {
        if (action->text() == QStringLiteral("OpenAI prod — 3.20 USD (low)"))
            entry = action;
    }
    ASSERT_NE(entry, nullptr) << "the main window fills the tray's list";
    entry->trigger();
    const auto windows = window.findChildren<ui::KeyDetailWindow *>();
    ASSERT_EQ(windows.size(), 1);
    EXPECT_EQ(windows.front()->keyId(), low);
}
