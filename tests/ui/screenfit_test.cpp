// The main window and the history window on a 1440×900 screen at 1.5× and 2× scale
// (QT_SCALE_FACTOR, set by the ctest entries with an offscreen screen of that size): they open
// inside the screen, can be made no larger than it, and the key table still shows name,
// remaining and status.
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/history/keydetailwindow.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QScreen>
#include <QTableView>
#include <QTest>

using namespace qw;
using namespace qw::test;
using qw::ui::KeyTableModel;
using qw::ui::MainWindow;

class ScreenFitTest : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        const double scale = qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1")).toDouble();
        m_screen = QApplication::primaryScreen()->availableGeometry();
        // The screen the ctest entry describes, in this scale's logical pixels.
        ASSERT_GT(scale, 1.0) << "run through ctest (ui.screenfit.*), which sets QT_SCALE_FACTOR";
        ASSERT_LE(std::abs(m_screen.width() - 1440 / scale), 1.0) << m_screen.width();
        ASSERT_LE(std::abs(m_screen.height() - 900 / scale), 1.0) << m_screen.height();
    }

    void expectFits(QWidget &window)
    {
        EXPECT_LE(window.minimumSizeHint().width(), m_screen.width());
        EXPECT_LE(window.minimumSizeHint().height(), m_screen.height());
        EXPECT_LE(window.minimumWidth(), m_screen.width());
        EXPECT_LE(window.minimumHeight(), m_screen.height());
        EXPECT_TRUE(m_screen.contains(window.geometry()))
            << window.geometry().width() << "x" << window.geometry().height() << " on " << m_screen.width()
            << "x" << m_screen.height();
    }

    QRect m_screen;
};

TEST_F(ScreenFitTest, MainWindowFitsAndShowsTheColumnsThatMatter)
{
    for (int i = 0; i < 3; ++i) {
        const qint64 id = addKey(QStringLiteral("a key with a long name %1").arg(i));
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-60), 4321.5, QStringLiteral("CNY"));
    }
    MainWindow window(session());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QApplication::processEvents();
    expectFits(window);
    QTableView &table = window.table();
    QHeaderView *header = table.horizontalHeader();
    for (int column : {int(KeyTableModel::Name), int(KeyTableModel::Remaining), int(KeyTableModel::Status)}) {
        SCOPED_TRACE(column);
        EXPECT_FALSE(header->isSectionHidden(column));
        EXPECT_GE(header->sectionViewportPosition(column), 0);
        EXPECT_LE(header->sectionViewportPosition(column) + header->sectionSize(column),
                  table.viewport()->width());
    }
}

TEST_F(ScreenFitTest, HistoryWindowFits)
{
    const qint64 id = addKey(QStringLiteral("history"));
    for (int i = 0; i < 5; ++i)
        addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-3600 * (5 - i)), 100.0 - i);
    auto *window = new ui::KeyDetailWindow(session(), id);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window));
    QApplication::processEvents();
    expectFits(*window);
    window->close(); // deletes itself
}
