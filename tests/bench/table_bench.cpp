// The key table of the main window with many keys (a database seeded by qw_seed): how long a
// keystroke in the search box takes until the proxy has filtered (and sorted) again and the view
// has repainted, and the longest frame while scrolling the whole table from top to bottom three
// rows at a time (a mouse wheel's step), each frame painted at once. Targets: 50 ms a keystroke;
// no frame over ~16 ms. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
//   QUOTAWATCH_MASTER_KEY=... build/tests/bench/qw_table_bench --db URL [--runs 5] [--text "deep 12"]
#include "core/secrets/keychainmasterkeystore.h"
#include "core/session/configuration.h"
#include "core/session/session.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

using namespace qw;

double quantile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(q * double(values.size() - 1) + 0.5))];
}

// Counts the paints of the table, so a frame that painted nothing is not taken for a fast one.
class PaintCounter final : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// Whatever the last input queued (a relayout, the update of the region that changed), as the
// event loop would run it: the time until the user sees the result. Once the update is handled
// there is nothing left to paint.
double paintNow(QTableView &table, const QElapsedTimer &since, PaintCounter &counter)
{
    const int before = counter.paints;
    QCoreApplication::processEvents();
    if (counter.paints == before)
        table.viewport()->repaint(); // not painted yet: measure one paint anyway
    return double(since.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database URL."),
                                      QStringLiteral("url"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Repetitions."),
                                        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption textOption(QStringLiteral("text"), QStringLiteral("What to type."),
                                        QStringLiteral("text"), QStringLiteral("deep 12"));
    parser.addOptions({dbOption, runsOption, textOption});
    parser.process(app);

    const Configuration configuration(ConfigurationFlags{.db = parser.value(dbOption)});
    KeychainMasterKeyStore keychain;
    auto session = Session::open(configuration, keychain, QStringLiteral("table-bench"));
    if (!session) {
        std::fprintf(stderr, "qw_table_bench: %s\n", qPrintable(session.error().message));
        return 2;
    }
    ui::MainWindow window(**session);
    window.resize(1180, 720);
    // Every trend in first, as a user scrolling after the start would see them.
    QEventLoop loaded;
    QObject::connect(&window.model(), &ui::KeyTableModel::trendsReady, &loaded, &QEventLoop::quit);
    QTimer::singleShot(120'000, &loaded, &QEventLoop::quit);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 3;
    loaded.exec();
    QTableView &table = window.table();
    auto *search = window.findChild<QLineEdit *>();
    if (!search || !window.model().trendsLoaded()) {
        std::fprintf(stderr, "qw_table_bench: the table did not load\n");
        return 3;
    }
    std::printf("%d keys\n", window.model().rowCount());
    PaintCounter counter;
    table.viewport()->installEventFilter(&counter);

    const QString text = parser.value(textOption);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    std::vector<double> keystrokes;
    std::vector<double> worstKeystrokes;
    std::vector<double> frames;
    std::vector<double> worstFrames;
    for (int run = 0; run < runs; ++run) {
        // Typing the text, then deleting it again: the last backspace brings every key back.
        double worst = 0;
        int shown = 0;
        for (const QChar c : text) {
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(search, c.toLatin1());
            const double ms = paintNow(table, timer, counter);
            keystrokes.push_back(ms);
            worst = std::max(worst, ms);
            shown = table.model()->rowCount();
        }
        for (qsizetype i = 0; i < text.size(); ++i) {
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(search, Qt::Key_Backspace);
            const double ms = paintNow(table, timer, counter);
            keystrokes.push_back(ms);
            worst = std::max(worst, ms);
        }
        worstKeystrokes.push_back(worst);

        // The whole table, a wheel step (three rows) per frame.
        table.scrollToTop();
        QElapsedTimer top;
        top.start();
        paintNow(table, top, counter);
        QScrollBar *bar = table.verticalScrollBar();
        double worstFrame = 0;
        for (int value = 0; value <= bar->maximum(); value += 3) {
            QElapsedTimer timer;
            timer.start();
            bar->setValue(value);
            const double ms = paintNow(table, timer, counter);
            frames.push_back(ms);
            worstFrame = std::max(worstFrame, ms);
        }
        worstFrames.push_back(worstFrame);
        std::printf("run %d: typing \"%s\" (%d keys shown at the end): worst keystroke %.1f ms; "
                    "scrolling %d rows: worst frame %.1f ms\n",
                    run + 1, qPrintable(text), shown, worst, bar->maximum(), worstFrame);
    }
    std::printf("median over runs: keystroke median %.1f ms, worst %.1f ms; frame median %.2f ms, "
                "p99 %.2f ms, worst %.1f ms\n",
                quantile(keystrokes, 0.5), quantile(worstKeystrokes, 0.5), quantile(frames, 0.5),
                quantile(frames, 0.99), quantile(worstFrames, 0.5));
    std::fflush(stdout);
    return 0;
}
