// Not a test suite (not registered with ctest): shows the history's check table and the key
// editor's test result with a reading's details, for screenshots under Xvfb. With
// QW_SCREENSHOT_DIR set, each window writes its X window id to <dir>/<name>.wid and waits (20 s at
// most) for <dir>/<name>.done, so `import -window` can capture it:
//   QT_QPA_PLATFORM=xcb DISPLAY=:99 QW_SCREENSHOT_DIR=/tmp/shots build/tests/ui/qw_ui_details_screenshots
// The key editor's result label gets the text KeyTestRunner::describe() writes for a reading with
// details, as no platform on this branch reports details yet.
#include "core/storage/snapshotrepository.h"
#include "tests/ui/uitest.h"
#include "ui/dialogs/keyeditor/keytestrunner.h"
#include "ui/dialogs/keyeditordialog.h"
#include "ui/history/keydetailwindow.h"
#include "ui/translator.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTest>

using namespace qw;
using namespace qw::test;

namespace {

std::vector<ReadingDetail> planDetails(const QDateTime &at, int step)
{
    const QDateTime windowEnd = at.addSecs(3600 * (5 - step % 5));
    return {{QStringLiteral("window_5h"), Amount::fromMicros(qint64(200 - 13 * (step % 5)) * 1'000'000),
             Amount::fromMicros(qint64(13 * (step % 5)) * 1'000'000), Amount::fromMicros(200'000'000),
             QStringLiteral("requests"), windowEnd},
            {QStringLiteral("window_weekly"), Amount::fromMicros(qint64(1800 - 9 * step) * 1'000'000),
             std::nullopt, Amount::fromMicros(2000'000'000), QStringLiteral("requests"),
             QDateTime(QDate(2026, 12, 14), QTime(0, 0), Qt::UTC)},
            {QStringLiteral("mcp_monthly"),
             std::nullopt,
             Amount::fromMicros(qint64(40 + step) * 1'000'000),
             Amount::fromMicros(1000'000'000),
             QStringLiteral("requests"),
             {}}};
}

// Hands the window to `import` and waits until it is done with it.
void capture(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("QW_SCREENSHOT_DIR");
    QTest::qWait(800);
    if (dir.isEmpty())
        return;
    window.grab().save(QDir(dir).filePath(name + QStringLiteral("-grab.png")));
    QFile id(QDir(dir).filePath(name + QStringLiteral(".wid")));
    ASSERT_TRUE(id.open(QIODevice::WriteOnly));
    id.write(QByteArray::number(window.winId()));
    id.close();
    for (int i = 0; i < 200 && !QFile::exists(QDir(dir).filePath(name + QStringLiteral(".done"))); ++i)
        QTest::qWait(100);
}

// QW_SCREENSHOT_LANGUAGE=zh_CN shows the windows in Chinese.
class DetailScreenshots : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        if (!qEnvironmentVariableIsEmpty("QW_SCREENSHOT_LANGUAGE")) {
            ASSERT_TRUE(m_translator.setLanguage(qEnvironmentVariable("QW_SCREENSHOT_LANGUAGE")));
        }
    }

    ui::UiTranslator m_translator;
};

} // namespace

TEST_F(DetailScreenshots, HistoryChecksTable)
{
    const qint64 keyId = addKey(QStringLiteral("GLM Coding Plan"));
    std::vector<Snapshot> snapshots;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int step = 0; step < 24; ++step) {
        Snapshot snapshot;
        snapshot.keyId = keyId;
        snapshot.checkedAt = now.addSecs(-3600LL * (24 - step));
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = ReadingKind::Quota;
        snapshot.details = planDetails(snapshot.checkedAt, step);
        snapshot.remaining = snapshot.details.front().remaining;
        snapshot.limit = snapshot.details.front().limit;
        snapshot.unit = QStringLiteral("requests");
        snapshot.latencyMs = 180 + step;
        snapshots.push_back(snapshot);
    }
    ASSERT_TRUE(SnapshotRepository(session().database()).insertMany(snapshots));
    ui::KeyDetailWindow window(session(), keyId);
    window.resize(1400, 620);
    window.show();
    window.tabs()->setCurrentIndex(ui::KeyDetailWindow::ChecksTab);
    capture(window, QStringLiteral("history-details"));
}

TEST_F(DetailScreenshots, KeyEditorTestResult)
{
    ui::KeyEditorDialog dialog(session());
    dialog.resize(760, 620);
    dialog.show();
    if (auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name")))
        name->setText(QStringLiteral("GLM Coding Plan"));
    if (auto *platform = dialog.findChild<QComboBox *>(QStringLiteral("platform")))
        platform->setCurrentIndex(platform->findData(QStringLiteral("zhipu-coding")));
    Snapshot snapshot;
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = ReadingKind::Quota;
    snapshot.details = planDetails(QDateTime::currentDateTimeUtc(), 2);
    snapshot.remaining = snapshot.details.front().remaining;
    snapshot.limit = snapshot.details.front().limit;
    snapshot.unit = QStringLiteral("requests");
    snapshot.latencyMs = 212;
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
    ASSERT_NE(result, nullptr);
    result->setText(ui::KeyTestRunner::describe(snapshot));
    result->show();
    capture(dialog, QStringLiteral("keyeditor-details"));
}
