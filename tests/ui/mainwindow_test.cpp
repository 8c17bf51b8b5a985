// The main window, its header and the tray pieces, offscreen, on a real database and a real
// provider server.
#include "core/storage/apikeyrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/mainwindow.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/tray/appicon.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/summaryheader.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyHealth;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

class MainWindowTest : public UiTest
{
};

TEST_F(MainWindowTest, HeaderSumsPerCurrencyAndConvertsOnlyWithTheUsersRates)
{
    const qint64 cny = addKey(QStringLiteral("cny key"));
    const qint64 usd = addKey(QStringLiteral("usd key"));
    addSnapshot(cny, QDateTime::currentDateTimeUtc().addSecs(-60), 100, QStringLiteral("CNY"));
    addSnapshot(usd, QDateTime::currentDateTimeUtc().addSecs(-60), 12.5, QStringLiteral("USD"));
    ui::Preferences::setDisplayCurrency(QStringLiteral("USD"));

    MainWindow window(session());
    ui::SummaryHeader &header = window.header();
    EXPECT_TRUE(header.totalsText().contains(QStringLiteral("100.00 CNY")))
        << header.totalsText().toStdString();
    EXPECT_TRUE(header.totalsText().contains(QStringLiteral("12.50 USD")));
    // No rate for CNY yet: only the USD counts, and the missing rate is named, never guessed.
    EXPECT_TRUE(header.convertedText().contains(QStringLiteral("12.50 USD")))
        << header.convertedText().toStdString();
    EXPECT_TRUE(header.convertedText().contains(QStringLiteral("CNY")));

    ui::Preferences::setExchangeRates({{QStringLiteral("CNY"), 0.14}});
    session().notifyKeysChanged(); // the model reloads; the header follows
    ASSERT_TRUE(waitFor([&] { return header.convertedText().contains(QStringLiteral("26.50 USD")); }))
        << header.convertedText().toStdString();
    EXPECT_FALSE(header.convertedText().contains(QStringLiteral("no rate")));
    EXPECT_TRUE(header.countsText().contains(QStringLiteral("2 keys"))) << header.countsText().toStdString();
}

TEST_F(MainWindowTest, ALiveCheckUpdatesTheRowAndTheCountsWithoutAReset)
{
    const qint64 id = addKey(QStringLiteral("low soon"), QStringLiteral("ok"), QStringLiteral("200"));
    MainWindow window(session());
    QSignalSpy resets(&window.model(), &QAbstractItemModel::modelReset);
    session().engine().checks().check(id);
    ASSERT_TRUE(waitFor([&] {
        return window.header().countsText().contains(QStringLiteral("1 running low"));
    })) << window.header().countsText().toStdString();
    EXPECT_EQ(resets.count(), 0);
    const int row = window.model().rowOfKey(id);
    ASSERT_GE(row, 0);
    EXPECT_EQ(window.model().healthAt(row), KeyHealth::Low);
    EXPECT_TRUE(window.model()
                    .index(row, KeyTableModel::Remaining)
                    .data()
                    .toString()
                    .contains(QStringLiteral("110.5")));
}

TEST_F(MainWindowTest, SearchFiltersTheTableAndExportWritesTheVisibleRows)
{
    addKey(QStringLiteral("alpha, \"quoted\""));
    addKey(QStringLiteral("beta"));
    MainWindow window(session());
    window.proxy().setSearchText(QStringLiteral("alpha"));
    EXPECT_EQ(window.table().model()->rowCount(), 1);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.csv"));
    QString error;
    ASSERT_TRUE(window.exportCsv(path, &error)) << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    ASSERT_GE(lines.size(), 2);
    EXPECT_TRUE(lines[0].startsWith("Name,Platform,Remaining"));
    EXPECT_TRUE(lines[1].startsWith("\"alpha, \"\"quoted\"\"\",DeepSeek")) << lines[1].toStdString();
    EXPECT_EQ(lines.size(), 3); // header, one row, the empty piece after the last CRLF
    EXPECT_FALSE(window.exportCsv(dir.filePath(QStringLiteral("no/such/folder/keys.csv")), &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST_F(MainWindowTest, PauseStopsTheSchedulerAndTheHeaderSaysSo)
{
    addKey(QStringLiteral("one"));
    MainWindow window(session());
    window.setPolling(false);
    EXPECT_TRUE(session().engine().scheduler().isPaused());
    EXPECT_TRUE(window.header().nextCheckText().contains(QStringLiteral("paused")))
        << window.header().nextCheckText().toStdString();
    window.setPolling(true);
    EXPECT_FALSE(session().engine().scheduler().isPaused());
}

TEST_F(MainWindowTest, PausingAKeyMarksItsRowPaused)
{
    const qint64 id = addKey(QStringLiteral("pause me"));
    MainWindow window(session());
    ASSERT_TRUE(ApiKeyRepository(session().db()).setEnabled(id, false));
    session().notifyKeysChanged();
    ASSERT_TRUE(
        waitFor([&] { return window.model().healthAt(window.model().rowOfKey(id)) == KeyHealth::Paused; }));
    EXPECT_TRUE(window.header().countsText().contains(QStringLiteral("1 paused")));
}

TEST_F(MainWindowTest, TheTableIsPaintedAndAnnounced)
{
    addKey(QStringLiteral("painted"));
    MainWindow window(session());
    QSignalSpy painted(&window, &MainWindow::firstPainted);
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(waitFor([&] { return painted.count() == 1; }));
    ASSERT_TRUE(waitFor([&] { return window.model().trendsLoaded(); })); // after the first paint, not before
    EXPECT_EQ(painted.count(), 1);
    const QImage image = window.grab().toImage();
    EXPECT_EQ(image.size(), window.size() * window.devicePixelRatio());
}

TEST(TrayIcon, ShowsTheWorstStateAndASummary)
{
    ui::TrayIcon tray;
    tray.setState(KeyHealth::Failing, QStringLiteral("3 keys, 1 failing"));
    EXPECT_EQ(tray.state(), KeyHealth::Failing);
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("1 failing")));
    tray.setState(KeyHealth::Ok, QStringLiteral("3 keys"));
    EXPECT_EQ(tray.state(), KeyHealth::Ok);
    QSignalSpy paused(&tray, &ui::TrayIcon::pauseToggled);
    tray.setPaused(true); // reflecting the window's state must not echo back
    EXPECT_EQ(paused.count(), 0);
}

TEST(TrayIcon, TheIconShowsTheStateInColour)
{
    auto pixel = [](KeyHealth health) {
        return ui::AppIcon::withHealth(health).pixmap(64, 64).toImage().pixelColor(56, 56);
    };
    const QColor ok = pixel(KeyHealth::Ok);
    const QColor low = pixel(KeyHealth::Low);
    const QColor failing = pixel(KeyHealth::Failing);
    EXPECT_NE(low, ok);
    EXPECT_NE(failing, ok);
    EXPECT_NE(failing, low);
    EXPECT_GT(failing.red(), failing.green()); // red for failing
}
