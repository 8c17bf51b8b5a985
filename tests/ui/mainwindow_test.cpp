// The main window, its header and the tray pieces, offscreen, on a real database and a real
// provider server.
#include "core/keys/csvreader.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/mainwindow.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/tray/appicon.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/emptystate.h"
#include "ui/widgets/summaryheader.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace qw;
using namespace qw::test;
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
    emit session().keysChanged(); // the model reloads; the header follows
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

TEST_F(MainWindowTest, TheHeaderCountsEmptyKeysFirst)
{
    const qint64 empty = addKey(QStringLiteral("drained"));
    const qint64 low = addKey(QStringLiteral("low"), QStringLiteral("ok"), QStringLiteral("200"));
    addSnapshot(empty, QDateTime::currentDateTimeUtc().addSecs(-60), 0);
    addSnapshot(low, QDateTime::currentDateTimeUtc().addSecs(-60), 100);
    MainWindow window(session());
    const QString counts = window.header().countsText();
    ASSERT_TRUE(counts.contains(QStringLiteral("1 empty"))) << counts.toStdString();
    ASSERT_TRUE(counts.contains(QStringLiteral("1 running low"))) << counts.toStdString();
    EXPECT_LT(counts.indexOf(QStringLiteral("1 empty")), counts.indexOf(QStringLiteral("1 running low")));
    EXPECT_EQ(window.model().overview().worst(), KeyHealth::Empty);
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
    EXPECT_TRUE(lines[0].startsWith("id,name,platform,health,remaining"));
    EXPECT_TRUE(lines[1].contains(",\"alpha, \"\"quoted\"\"\",deepseek,")) << lines[1].toStdString();
    EXPECT_EQ(lines.size(), 3); // header, one row, the empty piece after the last line break
    EXPECT_FALSE(window.exportCsv(dir.filePath(QStringLiteral("no/such/folder/keys.csv")), &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST_F(MainWindowTest, KeyListExportIsMachineReadableInAnyLanguage)
{
    // A locale that groups thousands with '.' and writes decimals with ','.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const qint64 keyId = addKey(QStringLiteral("Haupt"), QStringLiteral("ok"), QStringLiteral("100"));
    const QDateTime at(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
    addSnapshot(keyId, at, 12345.678);
    addKey(QStringLiteral("never checked"));
    MainWindow window(session());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.csv"));
    QString error;
    const bool written = window.exportCsv(path, &error);
    QLocale::setDefault(before);
    ASSERT_TRUE(written) << error.toStdString();

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    auto records = CsvReader::parse(QString::fromUtf8(file.readAll()));
    ASSERT_TRUE(records) << records.error().message.toStdString();
    ASSERT_EQ(records->size(), 3u);
    const QStringList header = records->front().fields;
    EXPECT_EQ(header.join(u','), QStringLiteral("id,name,platform,health,remaining,used,limit,unit,threshold,"
                                                "days_left,checked_at,status,error"));
    const auto column = [&](const CsvRecord &record, const char *name) {
        return record.fields.value(header.indexOf(QLatin1String(name)));
    };
    const CsvRecord *checked = nullptr;
    const CsvRecord *unchecked = nullptr;
    for (std::size_t i = 1; i < records->size(); ++i) {
        ASSERT_EQ((*records)[i].fields.size(), header.size());
        (column((*records)[i], "name") == QStringLiteral("Haupt") ? checked : unchecked) = &(*records)[i];
    }
    ASSERT_NE(checked, nullptr);
    ASSERT_NE(unchecked, nullptr);
    EXPECT_EQ(column(*checked, "id"), QString::number(keyId));
    EXPECT_EQ(column(*checked, "platform"), QStringLiteral("deepseek"));
    EXPECT_EQ(column(*checked, "health"), QStringLiteral("ok"));
    EXPECT_EQ(column(*checked, "remaining"), QStringLiteral("12345.678")); // no grouping, '.' decimal
    EXPECT_EQ(column(*checked, "unit"), QStringLiteral("CNY"));
    EXPECT_EQ(column(*checked, "threshold"), QStringLiteral("100"));
    EXPECT_EQ(column(*checked, "checked_at"), QStringLiteral("2026-03-04T05:06:07.089Z"));
    EXPECT_EQ(QDateTime::fromString(column(*checked, "checked_at"), Qt::ISODateWithMs), at);
    EXPECT_EQ(column(*checked, "status"), QStringLiteral("ok"));
    EXPECT_TRUE(column(*unchecked, "checked_at").isEmpty());
    EXPECT_TRUE(column(*unchecked, "remaining").isEmpty());
    EXPECT_EQ(column(*unchecked, "health"), QStringLiteral("unknown"));
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
    ASSERT_TRUE(ApiKeyRepository(session().database()).setEnabled(id, false));
    emit session().keysChanged();
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
    EXPECT_GT(failing.red(), failing.green());   // red for failing
    EXPECT_EQ(pixel(KeyHealth::Empty), failing); // and for empty: both refuse requests
}

TEST_F(MainWindowTest, AnEmptyDashboardSaysWhatQuotaWatchDoesUntilTheFirstKey)
{
    MainWindow window(session());
    window.show();
    EXPECT_TRUE(window.showsEmptyState());
    EXPECT_TRUE(window.emptyState().isVisible());
    EXPECT_FALSE(window.table().isVisible());
    EXPECT_EQ(window.emptyState().addButton().text(), QStringLiteral("Add your first key"));
    EXPECT_EQ(window.emptyState().importButton().text(), QStringLiteral("Import CSV…"));

    // "Add your first key" opens the key editor, as Ctrl+N does.
    QString opened;
    QTimer::singleShot(0, &window, [&opened] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            opened = QString::fromLatin1(dialog->metaObject()->className());
            dialog->close();
        }
    });
    window.emptyState().addButton().click();
    EXPECT_EQ(opened, QStringLiteral("qw::ui::KeyEditorDialog"));

    addKey(QStringLiteral("first"));
    emit session().keysChanged();
    ASSERT_TRUE(waitFor([&] { return !window.showsEmptyState(); }));
    EXPECT_TRUE(window.table().isVisible());
    EXPECT_FALSE(window.emptyState().isVisible());
}

TEST_F(MainWindowTest, ImportingACsvAddsEveryKeyOrNoneAndNamesTheBadLine)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto write = [&dir](const QString &name, const QByteArray &content) {
        QFile file(dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return file.fileName();
    };
    const QByteArray url = providerUrl(QStringLiteral("ok")).toUtf8();
    const QString bad =
        write(QStringLiteral("bad.csv"), "name,platform,secret,base_url\n"
                                         "one,deepseek,sk-import-one-0123456789," +
                                             url +
                                             "\n"
                                             "two,no-such-platform,sk-import-two-0123456789," +
                                             url + "\n");
    const QString good = write(QStringLiteral("good.csv"), "name,platform,secret,base_url\n"
                                                           "one,deepseek,sk-import-one-0123456789," +
                                                               url +
                                                               "\n"
                                                               "two,deepseek,sk-import-two-0123456789," +
                                                               url + "\n");

    MainWindow window(session());
    const auto refused = window.importCsv(bad);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("line 3")))
        << refused.error().message.toStdString();
    EXPECT_EQ(window.model().rowCount(), 0) << "nothing imported when one row is wrong";
    EXPECT_TRUE(window.showsEmptyState());
    EXPECT_FALSE(window.importCsv(dir.filePath(QStringLiteral("missing.csv"))));

    const auto imported = window.importCsv(good);
    ASSERT_TRUE(imported) << imported.error().message.toStdString();
    EXPECT_EQ(*imported, 2);
    ASSERT_TRUE(waitFor([&] { return window.model().rowCount() == 2; }));
    EXPECT_FALSE(window.showsEmptyState());
    auto keys = ApiKeyRepository(session().database()).list();
    ASSERT_TRUE(keys);
    ASSERT_EQ(keys->size(), 2U);
    QStringList names{keys->at(0).name, keys->at(1).name};
    names.sort();
    EXPECT_EQ(names, QStringList({QStringLiteral("one"), QStringLiteral("two")}));
}

TEST_F(MainWindowTest, TheHeaderKeepsItsTotalsOnOneLineAtTheDefaultSize)
{
    const char *units[] = {"CNY", "USD", "EUR", "GBP",    "JPY",        "HKD",    "SGD",
                           "AUD", "CAD", "CHF", "tokens", "characters", "credits"};
    for (const char *unit : units) {
        const qint64 id = addKey(QString::fromLatin1(unit));
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-60), 123456.789, QString::fromLatin1(unit));
    }
    MainWindow window(session());
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.isVisible(); }));
    ui::SummaryHeader &header = window.header();
    auto *totals = header.findChild<QLabel *>(QStringLiteral("totals"));
    ASSERT_NE(totals, nullptr);
    // Every total is in the text and the tooltip; the label shows what fits in one line.
    EXPECT_TRUE(header.totalsText().contains(QStringLiteral("characters")));
    EXPECT_TRUE(totals->toolTip().contains(QStringLiteral("123456.789 CHF")))
        << totals->toolTip().toStdString();
    EXPECT_TRUE(header.shownTotalsText().endsWith(QStringLiteral("…")))
        << header.shownTotalsText().toStdString();
    EXPECT_LE(totals->fontMetrics().horizontalAdvance(header.shownTotalsText()),
              totals->contentsRect().width());
    for (auto *label : header.findChildren<QLabel *>())
        EXPECT_LT(label->sizeHint().height(), label->fontMetrics().height() * 2)
            << label->objectName().toStdString();
    EXPECT_LT(header.height(), header.fontMetrics().height() * 3);
}

TEST(TrayIcon, TheIconComesFromTheResourcesAtEverySizeAndFailingAddsABadge)
{
    const QIcon icon = ui::AppIcon::make();
    ASSERT_FALSE(icon.isNull());
    const QList<QSize> sizes = icon.availableSizes();
    for (int size : ui::AppIcon::kSizes)
        EXPECT_TRUE(sizes.contains(QSize(size, size))) << size;
    // The PNG's blue dial where the badge goes, until a state puts a badge there.
    const QColor plain = icon.pixmap(64, 64).toImage().pixelColor(56, 56);
    EXPECT_GT(plain.blue(), plain.red());
    const QColor notChecked =
        ui::AppIcon::withHealth(KeyHealth::Unknown).pixmap(64, 64).toImage().pixelColor(56, 56);
    EXPECT_EQ(notChecked, plain);
    const QColor failing =
        ui::AppIcon::withHealth(KeyHealth::Failing).pixmap(16, 16).toImage().pixelColor(12, 12);
    EXPECT_GT(failing.red(), failing.blue() + 60) << "the badge shows even at 16 pixels";
}

// The database file locked by another connection: the window says so in a banner (once) and
// takes it away when the database answers again, on its own.
TEST_F(MainWindowTest, ABannerSaysWhileTheDatabaseIsUnreachable)
{
    if (session().databaseUrl().backend != DatabaseUrl::Backend::Sqlite)
        GTEST_SKIP() << "locks a SQLite file";
    MainWindow window(session());
    window.show();
    QLabel &banner = window.databaseBanner();
    EXPECT_FALSE(banner.isVisible());
    auto locker = Database::open(session().databaseUrl(), QStringLiteral("banner-locker"));
    ASSERT_TRUE(locker) << locker.error().message.toStdString();
    ASSERT_TRUE((*locker)->run(QStringLiteral("BEGIN EXCLUSIVE")));
    DatabaseHealth &health = session().engine().databaseHealth();
    health.reportFailure(Error{ErrorCode::Database,
                               QStringLiteral("a write failed")}); // as a check that could not be stored does
    ASSERT_FALSE(health.isAvailable());
    EXPECT_TRUE(banner.isVisible());
    EXPECT_TRUE(banner.text().contains(QStringLiteral("unreachable"))) << banner.text().toStdString();
    ASSERT_TRUE((*locker)->run(QStringLiteral("COMMIT")));
    EXPECT_TRUE(waitFor([&] { return health.isAvailable(); }, 15000));
    EXPECT_FALSE(banner.isVisible());
}
