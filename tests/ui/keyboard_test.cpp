// The main window from the keyboard and on a small screen, its remembered layout, the light and
// dark looks, and the small truths (About, Pause/Resume, channel targets, display currency, the
// REST page): offscreen, on a real database.
#include "core/alerts/channelconfig.h"
#include "core/crypto/fernet.h"
#include "core/secrets/environmentmasterkey.h"
#include "core/secrets/masterkeystore.h"
#include "core/session/configuration.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "tests/ui/whenmodal.h"
#include "ui/dialogs/keyeditordialog.h"
#include "ui/dialogs/settings/displaypage.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/history/keydetailwindow.h"
#include "ui/mainwindow.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/statuspalette.h"
#include "ui/widgets/summaryheader.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

namespace {

// Shows `window` and makes it the active one, so its shortcuts answer.
void showActive(QWidget &window)
{
    window.show();
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
}

void selectFirstRow(MainWindow &window)
{
    // Active again after a dialog closed, with the focus in the table: where Delete and F2 work.
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    QTableView &table = window.table();
    table.setFocus();
    table.selectRow(0);
    table.setCurrentIndex(table.model()->index(0, 0));
}

} // namespace

class KeyboardTest : public UiTest
{
protected:
    void TearDown() override
    {
        ui::Theme::apply(ui::Theme::Choice::System);
        UiTest::TearDown();
    }
};

TEST_F(KeyboardTest, NameRemainingAndStatusStayVisibleAt800x600)
{
    for (int i = 0; i < 3; ++i) {
        const qint64 id = addKey(QStringLiteral("a key with a rather long name number %1").arg(i));
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-60), 1234.5 * (i + 1));
    }
    MainWindow window(session());
    window.resize(800, 600);
    showActive(window);
    QTableView &table = window.table();
    QHeaderView *header = table.horizontalHeader();
    ASSERT_TRUE(waitFor([&] { return table.viewport()->width() < 800; }));
    const int room = table.viewport()->width();
    for (int column : {int(KeyTableModel::Name), int(KeyTableModel::Remaining), int(KeyTableModel::Status)}) {
        SCOPED_TRACE(column);
        EXPECT_FALSE(header->isSectionHidden(column));
        const int left = header->sectionViewportPosition(column);
        EXPECT_GE(left, 0);
        EXPECT_LE(left + header->sectionSize(column), room);
        EXPECT_GT(header->sectionSize(column), 40);
    }
    // The less important columns made room, and come back in a wide window.
    EXPECT_TRUE(header->isSectionHidden(KeyTableModel::Trend));
    window.resize(1400, 700);
    ASSERT_TRUE(waitFor([&] { return !header->isSectionHidden(KeyTableModel::Trend); }));
    EXPECT_FALSE(header->isSectionHidden(KeyTableModel::Bar));
    EXPECT_FALSE(header->isSectionHidden(KeyTableModel::Platform));
}

TEST_F(KeyboardTest, HeaderTotalsTakeAtMostTwoLinesAt800Pixels)
{
    ui::Preferences::setDisplayCurrency(QStringLiteral("USD"));
    const char *units[] = {"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "AUD"};
    int n = 0;
    for (const char *unit : units) {
        const qint64 id = addKey(QStringLiteral("key %1").arg(++n));
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-60), 98765.43, QLatin1String(unit));
    }
    MainWindow window(session());
    window.resize(800, 600);
    showActive(window);
    ui::SummaryHeader &header = window.header();
    ASSERT_TRUE(waitFor([&] { return header.width() > 0 && header.width() <= 800; }));
    QApplication::processEvents();
    // Two lines of the larger (totals) font and the margins at most: never a wrapped paragraph.
    QFont bigger = header.font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    bigger.setBold(true);
    const int line = QFontMetrics(bigger).lineSpacing();
    EXPECT_LE(header.height(), 2 * line + 24) << header.height() << " line " << line;
    EXPECT_TRUE(header.isTwoLines());
    EXPECT_LE(window.width(), 800);
    // Wide: one line again.
    window.resize(1800, 700);
    ASSERT_TRUE(waitFor([&] { return !header.isTwoLines(); }));
}

TEST_F(KeyboardTest, WindowSizeAndColumnsAreRestoredWhenTheWindowIsMadeAgain)
{
    addKey(QStringLiteral("one"));
    addKey(QStringLiteral("two"));
    {
        MainWindow window(session());
        window.resize(1300, 760);
        showActive(window);
        QHeaderView *header = window.table().horizontalHeader();
        header->moveSection(header->visualIndex(KeyTableModel::Status), 1);
        header->resizeSection(KeyTableModel::Platform, 210);
        window.table().sortByColumn(KeyTableModel::Remaining, Qt::DescendingOrder);
        window.close();
    }
    MainWindow again(session());
    showActive(again);
    QHeaderView *header = again.table().horizontalHeader();
    EXPECT_EQ(again.size(), QSize(1300, 760));
    EXPECT_EQ(header->visualIndex(KeyTableModel::Status), 1);
    EXPECT_EQ(header->sectionSize(KeyTableModel::Platform), 210);
    EXPECT_EQ(header->sortIndicatorSection(), int(KeyTableModel::Remaining));
    EXPECT_EQ(header->sortIndicatorOrder(), Qt::DescendingOrder);
    EXPECT_EQ(again.proxy().sortColumn(), int(KeyTableModel::Remaining));
}

TEST_F(KeyboardTest, DeleteAsksWithADeleteButtonAndUndoBringsTheKeyBackWithItsSecret)
{
    const qint64 id = addKey(QStringLiteral("to delete"));
    MainWindow window(session());
    showActive(window);
    selectFirstRow(window);

    QStringList buttons;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        for (QAbstractButton *button : box->buttons())
            buttons << button->text().remove(u'&');
        auto *remove = box->findChild<QPushButton *>(QStringLiteral("deleteButton"));
        ASSERT_NE(remove, nullptr);
        EXPECT_EQ(box->buttonRole(remove), QMessageBox::DestructiveRole);
        remove->click();
    });
    QTest::keyClick(&window.table(), Qt::Key_Delete);
    EXPECT_TRUE(buttons.contains(QStringLiteral("Delete"))) << buttons.join(u',').toStdString();
    EXPECT_FALSE(buttons.contains(QStringLiteral("Yes")));
    EXPECT_FALSE(buttons.contains(QStringLiteral("OK")));

    // Gone from the table, the Undo offered, nothing deleted yet.
    EXPECT_EQ(window.proxy().rowCount(), 0);
    EXPECT_TRUE(window.undoBar().isVisible());
    EXPECT_EQ(window.pendingDeletes(), QList<qint64>{id});
    window.undoButton().click();
    EXPECT_EQ(window.proxy().rowCount(), 1);
    EXPECT_FALSE(window.undoBar().isVisible());
    auto stored = ApiKeyRepository(session().database()).find(id);
    ASSERT_TRUE(stored && *stored);
    auto secret = session().vault().decrypt((*stored)->secretEnc);
    ASSERT_TRUE(secret);
    EXPECT_EQ(QByteArray(secret->data(), secret->view().size()), QByteArray("sk-ui-test-0123456789abcdef"));

    // Deleted for real once the undo time is over.
    selectFirstRow(window);
    whenModal<QMessageBox>(
        [](QMessageBox *box) { box->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click(); });
    QTest::keyClick(&window.table(), Qt::Key_Delete);
    EXPECT_EQ(window.proxy().rowCount(), 0);
    window.finishPendingDelete(); // what the timer does after MainWindow::kUndoMs
    auto gone = ApiKeyRepository(session().database()).find(id);
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->has_value());
    EXPECT_FALSE(window.undoBar().isVisible());
}

TEST_F(KeyboardTest, KeysWaitingForTheirUndoNoLongerCountInTheHeader)
{
    addKey(QStringLiteral("kept"));
    addKey(QStringLiteral("to delete"));
    MainWindow window(session());
    showActive(window);
    EXPECT_TRUE(window.header().countsText().startsWith(QStringLiteral("2 keys")))
        << window.header().countsText().toStdString();
    window.proxy().sort(KeyTableModel::Name, Qt::DescendingOrder); // "to delete" first
    selectFirstRow(window);
    whenModal<QMessageBox>(
        [](QMessageBox *box) { box->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click(); });
    QTest::keyClick(&window.table(), Qt::Key_Delete);
    ASSERT_EQ(window.pendingDeletes().size(), 1);
    EXPECT_TRUE(window.header().countsText().startsWith(QStringLiteral("1 key")))
        << window.header().countsText().toStdString();
    window.undoButton().click();
    EXPECT_TRUE(window.header().countsText().startsWith(QStringLiteral("2 keys")))
        << window.header().countsText().toStdString();
}

TEST_F(KeyboardTest, CancelKeepsTheKey)
{
    const qint64 id = addKey(QStringLiteral("kept"));
    MainWindow window(session());
    showActive(window);
    selectFirstRow(window);
    whenModal<QMessageBox>([](QMessageBox *box) { box->reject(); });
    QTest::keyClick(&window.table(), Qt::Key_Delete);
    EXPECT_EQ(window.proxy().rowCount(), 1);
    EXPECT_TRUE(window.pendingDeletes().isEmpty());
    auto stored = ApiKeyRepository(session().database()).find(id);
    ASSERT_TRUE(stored && stored->has_value());
}

TEST_F(KeyboardTest, F2EditsTheSelectedKey)
{
    const qint64 id = addKey(QStringLiteral("edit me"));
    MainWindow window(session());
    showActive(window);
    selectFirstRow(window);
    QString editedName;
    whenModal<ui::KeyEditorDialog>([&](ui::KeyEditorDialog *editor) {
        if (auto *name = editor->findChild<QLineEdit *>(QStringLiteral("name")))
            editedName = name->text();
        else
            editedName = QStringLiteral("(opened)");
        editor->reject();
    });
    QTest::keyClick(&window.table(), Qt::Key_F2);
    EXPECT_FALSE(editedName.isEmpty());
    EXPECT_GT(id, 0);
}

TEST_F(KeyboardTest, EscapeClearsTheSearchAndClosesTheHistoryWindow)
{
    const qint64 id = addKey(QStringLiteral("searched"));
    addKey(QStringLiteral("other"));
    MainWindow window(session());
    showActive(window);
    QLineEdit &search = window.searchBox();
    search.setFocus();
    QTest::keyClicks(&search, QStringLiteral("searched"));
    EXPECT_EQ(window.proxy().rowCount(), 1);
    QTest::keyClick(&search, Qt::Key_Escape);
    EXPECT_TRUE(search.text().isEmpty());
    EXPECT_EQ(window.proxy().rowCount(), 2);

    window.openDetail(id);
    QPointer<ui::KeyDetailWindow> detail = window.findChild<ui::KeyDetailWindow *>();
    ASSERT_FALSE(detail.isNull());
    showActive(*detail);
    QTest::keyClick(detail.data(), Qt::Key_Escape);
    ASSERT_TRUE(waitFor([&] { return detail.isNull(); })); // closed, and deleted on close
}

TEST_F(KeyboardTest, TabLeavesTheTable)
{
    addKey(QStringLiteral("one"));
    addKey(QStringLiteral("two"));
    MainWindow window(session());
    showActive(window);
    selectFirstRow(window);
    EXPECT_FALSE(window.table().tabKeyNavigation());
    ASSERT_TRUE(waitFor([&] { return QApplication::focusWidget() == &window.table(); }));
    QTest::keyClick(&window.table(), Qt::Key_Tab);
    EXPECT_NE(QApplication::focusWidget(), &window.table());
    EXPECT_EQ(window.table().currentIndex().row(), 0); // not moved to the next cell
}

TEST_F(KeyboardTest, HelpListsTheShortcuts)
{
    MainWindow window(session());
    showActive(window);
    QString text;
    QString name;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        text = box->text();
        name = box->objectName();
        box->accept();
    });
    window.shortcutsAction().trigger();
    EXPECT_EQ(name, QStringLiteral("shortcutsBox"));
    for (const char *expected : {"F2", "Del", "Esc", "Tab", "Ctrl+F", "Ctrl+N"})
        EXPECT_TRUE(text.contains(QLatin1String(expected))) << expected << "\n" << text.toStdString();
}

TEST_F(KeyboardTest, DarkSettingGivesADarkPaletteWithReadableStatusColours)
{
    const auto checkReadable = [](const QPalette &palette) {
        for (QPalette::ColorRole background : {QPalette::Window, QPalette::Base}) {
            EXPECT_GE(ui::StatusPalette::contrast(ui::StatusPalette::error(palette, background),
                                                  palette.color(background)),
                      3.0);
            EXPECT_GE(ui::StatusPalette::contrast(ui::StatusPalette::warning(palette, background),
                                                  palette.color(background)),
                      3.0);
        }
        EXPECT_GE(ui::StatusPalette::contrast(palette.color(QPalette::Text), palette.color(QPalette::Base)),
                  4.5);
        EXPECT_GE(
            ui::StatusPalette::contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)),
            4.5);
    };

    ui::settings::DisplayPage page;
    auto *theme = page.findChild<QComboBox *>(QStringLiteral("theme"));
    ASSERT_NE(theme, nullptr);
    theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
    page.savePreferences();
    EXPECT_EQ(ui::Preferences::theme(), QStringLiteral("dark"));
    EXPECT_TRUE(ui::Theme::isDark(QApplication::palette()));
    checkReadable(QApplication::palette());
    MainWindow window(session());
    EXPECT_TRUE(ui::Theme::isDark(window.palette()));
    checkReadable(window.palette());
    // The charts take QtCharts' dark theme with it, and the light one back.
    const qint64 id = addKey(QStringLiteral("charted"));
    addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-3600), 50);
    ui::KeyDetailWindow detail(session(), id);
    detail.setAttribute(Qt::WA_DeleteOnClose, false);
    const QList<QChartView *> charts = detail.findChildren<QChartView *>();
    ASSERT_FALSE(charts.isEmpty());
    for (QChartView *chart : charts)
        EXPECT_EQ(chart->chart()->theme(), QChart::ChartThemeDark);

    theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
    page.savePreferences();
    EXPECT_FALSE(ui::Theme::isDark(QApplication::palette()));
    checkReadable(QApplication::palette());
    QApplication::processEvents();
    for (QChartView *chart : charts)
        EXPECT_EQ(chart->chart()->theme(), QChart::ChartThemeLight)
            << chart->palette().color(QPalette::Window).name().toStdString() << " app "
            << QApplication::palette(chart).color(QPalette::Window).name().toStdString();

    // The setting read back at the next start.
    ui::Preferences::setTheme(QStringLiteral("dark"));
    ui::Theme::applySaved();
    EXPECT_TRUE(ui::Theme::isDark(QApplication::palette()));
    ui::settings::DisplayPage reopened;
    EXPECT_EQ(reopened.findChild<QComboBox *>(QStringLiteral("theme"))->currentData().toString(),
              QStringLiteral("dark"));
}

TEST_F(KeyboardTest, ThemeSettingValuesRoundTrip)
{
    using ui::Theme;
    EXPECT_EQ(Theme::fromSetting(QStringLiteral("dark")), Theme::Choice::Dark);
    EXPECT_EQ(Theme::fromSetting(QStringLiteral("light")), Theme::Choice::Light);
    EXPECT_EQ(Theme::fromSetting(QString()), Theme::Choice::System);
    EXPECT_EQ(Theme::fromSetting(QStringLiteral("nonsense")), Theme::Choice::System);
    for (auto choice : {Theme::Choice::System, Theme::Choice::Light, Theme::Choice::Dark})
        EXPECT_EQ(Theme::fromSetting(Theme::toSetting(choice)), choice);
    EXPECT_TRUE(Theme::isDark(Theme::darkPalette()));
    EXPECT_FALSE(Theme::isDark(Theme::lightPalette()));
}

namespace {

// Never reached while QUOTAWATCH_MASTER_KEY is set.
class NoKeychain final : public MasterKeyStore
{
public:
    Result<std::optional<SecureBytes>> read() override
    {
        return fail(ErrorCode::MasterKeyUnavailable, QStringLiteral("no keychain in this test"));
    }
    Result<void> write(const SecureBytes &) override
    {
        return fail(ErrorCode::MasterKeyUnavailable, QStringLiteral("no keychain in this test"));
    }
    QString description() const override { return QStringLiteral("no keychain"); }
};

} // namespace

TEST_F(KeyboardTest, AboutNamesWhereTheMasterKeyCameFrom)
{
    // A session opened the way the desktop opens one, with the key in the environment.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const SecureBytes key = Fernet::generateKey();
    qputenv("QUOTAWATCH_MASTER_KEY", QByteArray(key.data(), key.view().size()));
    ConfigurationFlags flags;
    flags.db = dir.filePath(QStringLiteral("about.db"));
    NoKeychain keychain;
    auto opened = Session::open(Configuration(flags), keychain, QStringLiteral("about-test"));
    ASSERT_TRUE(opened) << opened.error().message.toStdString();
    {
        MainWindow window(**opened);
        const QString text = window.aboutText();
        EXPECT_TRUE(text.contains(QStringLiteral("QUOTAWATCH_MASTER_KEY"))) << text.toStdString();
        EXPECT_FALSE(text.contains(QStringLiteral("keychain"))) << text.toStdString();
    }
    qunsetenv("QUOTAWATCH_MASTER_KEY");
    qunsetenv("QUOTAWATCH_MASTER_KEY_FILE");
    qunsetenv("CREDENTIALS_DIRECTORY");
    MainWindow window(session());
    EXPECT_TRUE(window.aboutText().contains(QStringLiteral("keychain"))) << window.aboutText().toStdString();
    EXPECT_FALSE(window.aboutText().contains(QStringLiteral("QUOTAWATCH_MASTER_KEY")));
}

TEST_F(KeyboardTest, MasterKeySourceFollowsTheOrderTheKeyIsReadIn)
{
    QTemporaryDir credentials;
    ASSERT_TRUE(credentials.isValid());
    QProcessEnvironment environment;
    EXPECT_EQ(EnvironmentMasterKey::source(environment), MasterKeySource::Keychain);
    environment.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), credentials.path());
    EXPECT_EQ(EnvironmentMasterKey::source(environment), MasterKeySource::Keychain) << "not our credential";
    QFile file(credentials.filePath(QStringLiteral("master-key")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    EXPECT_EQ(EnvironmentMasterKey::source(environment), MasterKeySource::SystemdCredential);
    environment.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), QStringLiteral("/etc/key"));
    EXPECT_EQ(EnvironmentMasterKey::source(environment), MasterKeySource::KeyFile);
    environment.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY"), QStringLiteral("x"));
    EXPECT_EQ(EnvironmentMasterKey::source(environment), MasterKeySource::EnvironmentVariable);
}

TEST_F(KeyboardTest, PauseReadsResumeWhilePausedInTheWindowAndTheTray)
{
    MainWindow window(session());
    QAction &pause = window.pauseAction();
    EXPECT_TRUE(pause.text().contains(QStringLiteral("Pause"))) << pause.text().toStdString();
    pause.trigger();
    EXPECT_TRUE(session().engine().scheduler().isPaused());
    EXPECT_TRUE(pause.text().contains(QStringLiteral("Resume"))) << pause.text().toStdString();
    EXPECT_EQ(pause.iconText(), QStringLiteral("Resume"));
    pause.trigger();
    EXPECT_FALSE(session().engine().scheduler().isPaused());
    EXPECT_TRUE(pause.text().contains(QStringLiteral("Pause")));

    ui::TrayIcon tray;
    EXPECT_TRUE(tray.pauseText().contains(QStringLiteral("Pause")));
    tray.setPaused(true);
    EXPECT_TRUE(tray.pauseText().contains(QStringLiteral("Resume"))) << tray.pauseText().toStdString();
    tray.setPaused(false);
    EXPECT_TRUE(tray.pauseText().contains(QStringLiteral("Pause")));
}

TEST_F(KeyboardTest, ChannelListTellsTwoWebhooksOnOneServiceApartWithoutTheirSecrets)
{
    const QString first = QStringLiteral("T0AAA/B0BBB/xoxFirstSecretTokenAbc1");
    const QString second = QStringLiteral("T0AAA/B0BBB/xoxSecondSecretTokenXyz9");
    for (const QString &token : {first, second}) {
        ChannelDraft draft;
        draft.kind = ChannelKind::Slack;
        draft.name = QStringLiteral("Team alerts");
        draft.secrets.insert(QStringLiteral("url"),
                             QString(QStringLiteral("https://hooks.slack.com/services/") + token));
        auto channel = ChannelConfig::seal(draft, session().vault(), session().ownerId());
        ASSERT_TRUE(channel) << channel.error().message.toStdString();
        channel->userId = session().ownerId();
        ASSERT_TRUE(ChannelRepository(session().database()).insert(*channel));
    }
    ui::SettingsDialog dialog(session());
    dialog.showPage(ui::SettingsDialog::ChannelsPage);
    auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("channelList"));
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->topLevelItemCount(), 2);
    QStringList targets;
    for (int row = 0; row < 2; ++row) {
        QString all;
        for (int column = 0; column < list->columnCount(); ++column)
            all += list->topLevelItem(row)->text(column) + u'|';
        targets << list->topLevelItem(row)->text(2);
        for (const QString &token : {first, second}) {
            const QString secret = token.section(u'/', -1);
            EXPECT_FALSE(all.contains(secret)) << all.toStdString();
            EXPECT_FALSE(all.contains(secret.left(8))) << all.toStdString();
        }
        EXPECT_TRUE(all.contains(QStringLiteral("hooks.slack.com"))) << all.toStdString();
    }
    EXPECT_NE(targets.at(0), targets.at(1)) << targets.join(u' ').toStdString();
}

TEST_F(KeyboardTest, DisplayCurrencyBoxShowsTheSavedChoice)
{
    for (const QString &saved : {QStringLiteral("CNY"), QStringLiteral("AUD")}) {
        ui::Preferences::setDisplayCurrency(saved);
        ui::settings::DisplayPage page;
        auto *currency = page.findChild<QComboBox *>(QStringLiteral("displayCurrency"));
        ASSERT_NE(currency, nullptr);
        EXPECT_EQ(currency->currentText(), saved);
        EXPECT_EQ(currency->itemText(currency->currentIndex()), saved);
    }
}

TEST_F(KeyboardTest, RestPageOnlyInABuildWithRest)
{
    ui::SettingsDialog dialog(session());
    auto *pages = dialog.findChild<QListWidget *>(QStringLiteral("pageList"));
    ASSERT_NE(pages, nullptr);
#ifdef QW_WITH_REST
    EXPECT_EQ(pages->count(), int(ui::SettingsDialog::RestPage) + 1);
#else
    EXPECT_EQ(pages->count(), int(ui::SettingsDialog::RestPage));
#endif
}
