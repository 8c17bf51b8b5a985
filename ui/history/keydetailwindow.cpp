#include "ui/history/keydetailwindow.h"

#include "core/alerts/alertrules.h"
#include "core/session/session.h"
#include "ui/format/checkerrortext.h"
#include "ui/format/displayformat.h"
#include "ui/format/teamtext.h"
#include "ui/history/checktablemodel.h"
#include "ui/history/historycsv.h"
#include "ui/history/spendingchart.h"
#include "ui/keyhealth.h"
#include "ui/preferences.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QShortcut>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace qw::ui {

namespace {

// How far back the header looks for the latest successful check when the latest one failed.
constexpr qint64 kLatestOkLookBackDays = 7;

} // namespace

KeyDetailWindow::KeyDetailWindow(Session &session, qint64 keyId, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_keyId(keyId)
{
    setAttribute(Qt::WA_DeleteOnClose);
    // Never larger than the screen (a 1440×900 one at 2× scale is 720×450 here).
    QSize size(1040, 700);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 9 / 10);
    resize(size);
    // Escape closes the window, as it would a dialog.
    new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &QWidget::close, Qt::WindowShortcut);

    auto *layout = new QVBoxLayout(this);

    // Header: who the key is on the left, how it is doing on the right.
    auto *header = new QHBoxLayout;
    auto *identity = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Key names, platforms, units and provider errors are shown as typed, never as markup.
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle = new QLabel(this);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setTextFormat(Qt::PlainText);
    identity->addWidget(m_title);
    identity->addWidget(m_subtitle);
    header->addLayout(identity, 1);

    auto *state = new QVBoxLayout;
    m_remaining = new QLabel(this);
    QFont remainingFont = m_remaining->font();
    remainingFont.setPointSizeF(remainingFont.pointSizeF() * 1.4);
    m_remaining->setFont(remainingFont);
    m_remaining->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_remaining->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_remaining->setTextFormat(Qt::PlainText);
    auto *healthRow = new QHBoxLayout;
    healthRow->addStretch();
    m_healthIcon = new QLabel(this);
    m_health = new QLabel(this);
    m_health->setTextFormat(Qt::PlainText);
    healthRow->addWidget(m_healthIcon);
    healthRow->addWidget(m_health);
    m_lastChecked = new QLabel(this);
    m_lastChecked->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Team mode: which instance stored the latest check (hidden on SQLite, where it is always us).
    m_checkedBy = new QLabel(this);
    m_checkedBy->setObjectName(QStringLiteral("checkedBy"));
    m_checkedBy->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_checkedBy->setTextFormat(Qt::PlainText);
    m_checkedBy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkedBy->hide();
    state->addWidget(m_remaining);
    state->addLayout(healthRow);
    state->addWidget(m_lastChecked);
    state->addWidget(m_checkedBy);
    header->addLayout(state);
    layout->addLayout(header);

    // Range buttons as one segmented row, then the actions.
    auto *toolbar = new QHBoxLayout;
    toolbar->setSpacing(0);
    m_rangeButtons = new QButtonGroup(this);
    m_rangeButtons->setExclusive(true);
    const std::pair<BalanceChart::Range, QString> ranges[] = {
        {BalanceChart::Day, tr("24 h")},   {BalanceChart::Week, tr("7 d")},
        {BalanceChart::Month, tr("30 d")}, {BalanceChart::Quarter, tr("90 d")},
        {BalanceChart::All, tr("All")},
    };
    for (const auto &[range, label] : ranges) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumWidth(56);
        m_rangeButtons->addButton(button, range);
        toolbar->addWidget(button);
    }
    toolbar->addStretch();
    toolbar->setSpacing(6);
    m_checkButton = new QPushButton(tr("Check now"), this);
    m_exportButton = new QPushButton(tr("Export CSV…"), this);
    m_exportButton->setToolTip(tr("Save the checks of the selected range as a CSV file"));
    toolbar->addWidget(m_checkButton);
    toolbar->addWidget(m_exportButton);
    layout->addLayout(toolbar);

    m_tabs = new QTabWidget(this);
    m_chart = new BalanceChart(session.clock(), m_tabs);
    m_spending = new SpendingChart(m_tabs);
    m_checkModel = new CheckTableModel(this);
    m_checkTable = new QTableView(m_tabs);
    m_checkTable->setModel(m_checkModel);
    m_checkTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_checkTable->setAlternatingRowColors(true);
    m_checkTable->setWordWrap(false);
    m_checkTable->verticalHeader()->hide();
    // Fixed row heights: a year of checks scrolls without measuring every row.
    m_checkTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_checkTable->verticalHeader()->setDefaultSectionSize(m_checkTable->fontMetrics().height() + 8);
    m_checkTable->horizontalHeader()->setStretchLastSection(true);
    m_checkTable->setColumnWidth(CheckTableModel::Time, 160);
    m_checkTable->setColumnWidth(CheckTableModel::Status, 140);
    m_checkTable->setColumnWidth(CheckTableModel::Details, 460);
    m_tabs->addTab(m_chart, tr("Balance"));
    m_tabs->addTab(m_spending, tr("Spending"));
    m_tabs->addTab(m_checkTable, tr("Checks"));
    layout->addWidget(m_tabs, 1);

    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    connect(m_rangeButtons, &QButtonGroup::idClicked, this,
            [this](int id) { setRange(BalanceChart::Range(id)); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &KeyDetailWindow::showTab);
    connect(m_checkButton, &QPushButton::clicked, this, &KeyDetailWindow::checkNow);
    connect(m_exportButton, &QPushButton::clicked, this, &KeyDetailWindow::exportWithDialog);
    CheckService &checks = session.engine().checks();
    connect(&checks, &CheckService::snapshotStored, this, &KeyDetailWindow::onSnapshotStored);
    connect(&checks, &CheckService::checkFinished, this, &KeyDetailWindow::onCheckFinished);
    connect(&session, &Session::keysChanged, this, [this] {
        loadKey();
        m_chart->setThreshold(thresholdValue());
    });

    m_rangeButtons->button(BalanceChart::Week)->setChecked(true);
    reload();
}

KeyDetailWindow::~KeyDetailWindow() = default;

QAbstractButton *KeyDetailWindow::rangeButton(BalanceChart::Range range) const
{
    return m_rangeButtons->button(range);
}

BalanceChart::Range KeyDetailWindow::range() const
{
    return m_chart->range();
}

void KeyDetailWindow::setRange(BalanceChart::Range range)
{
    if (QAbstractButton *button = m_rangeButtons->button(range); button && !button->isChecked())
        button->setChecked(true);
    m_chart->setRange(range);
    refreshSpending();
    m_checksStale = true;
    if (m_tabs->currentIndex() == ChecksTab)
        loadChecks();
}

void KeyDetailWindow::reload()
{
    m_status->clear();
    loadKey();
    loadHistory();
    m_checksStale = true;
    if (m_tabs->currentIndex() == ChecksTab)
        loadChecks();
}

void KeyDetailWindow::loadKey()
{
    auto key = m_session.keys().get(m_keyId);
    if (!key && key.error().code != ErrorCode::NotFound) {
        m_status->setText(tr("The key cannot be read: %1").arg(key.error().message));
        return;
    }
    m_key = key ? std::optional<ApiKey>(std::move(*key)) : std::nullopt;
    if (!m_key) {
        setWindowTitle(tr("Key %1").arg(m_keyId));
        m_title->setText(tr("This key no longer exists"));
        m_subtitle->clear();
        m_checkButton->setEnabled(false);
        m_exportButton->setEnabled(false);
        updateHeader();
        return;
    }
    setWindowTitle(tr("%1 — History").arg(m_key->name));

    HistoryService &history = m_session.history();
    auto latest = history.latest(m_keyId);
    if (!latest) {
        m_status->setText(tr("The latest check cannot be read: %1").arg(latest.error().message));
        return;
    }
    m_latest = *latest;
    m_latestOk.reset();
    if (m_latest && m_latest->status == CheckStatus::Ok) {
        m_latestOk = m_latest;
    } else if (m_latest) {
        auto recent =
            history.checks(m_keyId, TimeRange{m_latest->checkedAt.addDays(-kLatestOkLookBackDays), {}});
        if (recent) {
            for (auto it = recent->rbegin(); it != recent->rend() && !m_latestOk; ++it) {
                if (it->status == CheckStatus::Ok)
                    m_latestOk = *it;
            }
        }
    }
    updateHeader();
}

void KeyDetailWindow::loadHistory()
{
    auto points = m_session.history().balanceSeries(m_keyId);
    if (!points) {
        m_status->setText(tr("The history cannot be read: %1").arg(points.error().message));
        return;
    }
    m_chart->setData(std::move(*points), thresholdValue(), m_latestOk ? m_latestOk->unit : QString());
    refreshSpending();
}

void KeyDetailWindow::loadChecks()
{
    auto snapshots = m_session.history().checks(m_keyId, TimeRange{rangeStart(), {}});
    if (!snapshots) {
        m_status->setText(tr("The checks cannot be read: %1").arg(snapshots.error().message));
        return;
    }
    m_checkModel->setSnapshots(std::move(*snapshots));
    m_checksStale = false;
}

void KeyDetailWindow::showTab(int index)
{
    if (index == ChecksTab && m_checksStale)
        loadChecks();
}

void KeyDetailWindow::refreshSpending()
{
    const std::span<const BalancePoint> all = m_chart->points();
    std::span<const BalancePoint> inRange = BalanceChart::pointsFrom(all, rangeStartMs());
    // The point before the range is where the range's first step starts from.
    if (inRange.size() < all.size())
        inRange = all.subspan(all.size() - inRange.size() - 1);
    m_spending->setData(inRange, m_chart->unit());
}

std::optional<qint64> KeyDetailWindow::rangeStartMs() const
{
    return BalanceChart::rangeStartMs(m_chart->range(), m_session.clock().nowUtc().toMSecsSinceEpoch());
}

QDateTime KeyDetailWindow::rangeStart() const
{
    const auto startMs = rangeStartMs();
    return startMs ? QDateTime::fromMSecsSinceEpoch(*startMs, Qt::UTC) : QDateTime();
}

std::optional<double> KeyDetailWindow::thresholdValue() const
{
    if (!m_key)
        return std::nullopt;
    const auto threshold = AlertRules::effectiveThreshold(*m_key, m_latestOk ? *m_latestOk : Snapshot());
    return threshold ? std::optional<double>(threshold->toDouble()) : std::nullopt;
}

void KeyDetailWindow::updateHeader()
{
    if (m_key) {
        m_title->setText(m_key->name);
        const Adapter *adapter = m_session.platforms().find(m_key->platform);
        QStringList parts{adapter ? adapter->name() : m_key->platform, m_key->secretHint};
        if (m_key->threshold) {
            parts << (m_key->thresholdIsPercent
                          ? tr("alert below %1 % of the limit").arg(m_key->threshold->toString())
                          : tr("alert below %1")
                                .arg(DisplayFormat::exactAmount(*m_key->threshold,
                                                                m_latestOk ? m_latestOk->unit : QString())));
        }
        m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    }

    // Rounded to the cent like the key table; every digit in the tooltip and the Checks tab.
    if (m_latestOk && m_latestOk->remaining) {
        m_remaining->setText(DisplayFormat::amount(*m_latestOk->remaining, m_latestOk->unit));
        m_remaining->setToolTip(
            DisplayFormat::literal(DisplayFormat::exactAmount(*m_latestOk->remaining, m_latestOk->unit)));
    } else {
        m_remaining->setText(tr("—"));
        m_remaining->setToolTip(QString());
    }

    const KeyHealth health = m_key ? KeyHealthRules::of(*m_key, m_latest) : KeyHealth::Unknown;
    m_healthIcon->setPixmap(KeyHealthInfo::icon(health).pixmap(16, 16));
    // Empty, and why: the provider refuses the account's requests (HTTP 402), in its own words.
    const bool outOfCredit = health == KeyHealth::Empty && m_latest && m_latest->outOfCredit();
    m_health->setText(outOfCredit ? tr("Out of credit") : KeyHealthInfo::label(health));
    m_health->setToolTip(m_latest && m_latest->status != CheckStatus::Ok
                             ? DisplayFormat::literal(CheckErrorText::describe(*m_latest))
                         : outOfCredit ? DisplayFormat::literal(m_latest->error)
                                       : QString());

    const QString checkedBy = m_key && m_session.team().isTeamMode()
                                  ? TeamText::checkedBy(m_key->lastCheckedBy, m_session.instance().name())
                                  : QString();
    m_checkedBy->setText(checkedBy);
    m_checkedBy->setVisible(!checkedBy.isEmpty());

    if (!m_latest) {
        m_lastChecked->setText(tr("Never checked"));
        return;
    }
    const QString when = QLocale().toString(m_latest->checkedAt.toLocalTime(), QLocale::ShortFormat);
    m_lastChecked->setText(
        m_latest->status == CheckStatus::Ok
            ? tr("Last checked %1").arg(when)
            : tr("Last check %1 failed: %2").arg(when, DisplayFormat::checkStatus(m_latest->status)));
}

void KeyDetailWindow::checkNow()
{
    if (!m_key)
        return;
    m_checkButton->setEnabled(false);
    m_status->setText(tr("Checking…"));
    m_session.engine().checks().check(m_keyId);
}

void KeyDetailWindow::onSnapshotStored(qint64 keyId, const Snapshot &snapshot)
{
    if (keyId != m_keyId)
        return;
    m_latest = snapshot;
    if (snapshot.status == CheckStatus::Ok) {
        const bool unitChanged = m_latestOk && m_latestOk->unit != snapshot.unit;
        m_latestOk = snapshot;
        if (unitChanged || m_chart->points().empty()) {
            loadHistory(); // a new series (or the first point): read it whole, with its unit
        } else if (snapshot.remaining) {
            m_chart->addPoint({snapshot.checkedAt.toMSecsSinceEpoch(), snapshot.remaining->micros()});
            m_chart->setThreshold(thresholdValue());
            refreshSpending();
        }
    }
    if (!m_checksStale)
        m_checkModel->prepend(snapshot);
    updateHeader();
}

void KeyDetailWindow::onCheckFinished(qint64 keyId, const Snapshot &snapshot, bool stored)
{
    if (keyId != m_keyId)
        return;
    m_checkButton->setEnabled(m_key.has_value());
    if (!stored)
        m_status->setText(tr("The check could not be stored: %1").arg(snapshot.error));
    else if (snapshot.status != CheckStatus::Ok)
        m_status->setText(CheckErrorText::describe(snapshot));
    else if (snapshot.remaining)
        m_status->setText(
            tr("Checked: %1 remaining.").arg(DisplayFormat::amount(*snapshot.remaining, snapshot.unit)));
    else
        m_status->setText(tr("Checked."));
}

Result<void> KeyDetailWindow::exportCsv(const QString &path)
{
    auto snapshots = m_session.history().checks(m_keyId, TimeRange{rangeStart(), {}});
    if (!snapshots)
        return tl::unexpected(snapshots.error());
    return HistoryCsv::write(path, *snapshots);
}

void KeyDetailWindow::exportWithDialog()
{
    if (!m_key)
        return;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString name = m_key->name;
    name.replace(unsafe, QStringLiteral("-"));
    const QString suggested =
        QDir(Preferences::exportFolder())
            .filePath(
                QStringLiteral("quotawatch-%1-%2.csv").arg(name, QDate::currentDate().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export checks"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    Preferences::setExportFolder(QFileInfo(path).absolutePath());
    if (auto written = exportCsv(path); !written)
        m_status->setText(tr("The export failed: %1").arg(written.error().message));
    else
        m_status->setText(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
}

QString KeyDetailWindow::remainingText() const
{
    return m_remaining->text();
}

QString KeyDetailWindow::healthText() const
{
    return m_health->text();
}

QString KeyDetailWindow::statusText() const
{
    return m_status->text();
}

} // namespace qw::ui
