#include "ui/alerts/alertsview.h"

#include "ui/alerts/alerttablemodel.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTreeView>
#include <QVBoxLayout>

namespace qw::ui {

AlertsView::AlertsView(AlertTableModel &model, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(model)
{
    setObjectName(QStringLiteral("alertsView"));
    resize(900, 480);
    auto *layout = new QVBoxLayout(this);
    m_tree = new QTreeView(this);
    m_tree->setModel(&m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(AlertTableModel::Message, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    // Wide enough for a delivery's time, in the locale's own format, below its alert's (indented
    // one level, beside the branch arrow).
    const QString widestTime = AlertTableModel::localTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)));
    m_tree->setColumnWidth(AlertTableModel::When,
                           fontMetrics().horizontalAdvance(widestTime) + 2 * m_tree->indentation() + 2 * em);
    m_tree->setColumnWidth(AlertTableModel::Key, 16 * em);
    m_tree->setColumnWidth(AlertTableModel::Delivery, 24 * em);
    layout->addWidget(m_tree, 1);

    auto *row = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    row->addWidget(m_status, 1);
    m_retry = new QPushButton(this);
    connect(m_retry, &QPushButton::clicked, this, &AlertsView::retrySelected);
    row->addWidget(m_retry);
    layout->addLayout(row);

    // A reload replaces every row: the selection and the scroll position are carried over, and
    // the alerts start open, so each delivery shows.
    connect(&m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        m_selectedAlert = current.isValid() ? current.data(AlertTableModel::AlertIdRole).toLongLong() : 0;
        m_selectedDelivery = current.isValid() ? current.data(AlertTableModel::OutboxIdRole).toLongLong() : 0;
        m_scroll = m_tree->verticalScrollBar()->value();
    });
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        const QModelIndex selected = m_selectedDelivery > 0 ? m_model.indexOfDelivery(m_selectedDelivery)
                                                            : m_model.indexOfAlert(m_selectedAlert);
        if (selected.isValid())
            m_tree->setCurrentIndex(selected);
        m_tree->verticalScrollBar()->setValue(m_scroll);
        updateButtons();
        refreshStatus();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &AlertsView::updateButtons);
    connect(&m_model, &AlertTableModel::failingCountChanged, this, &AlertsView::refreshStatus);
    connect(&m_model, &AlertTableModel::reloadFailed, this, [this](const QString &message) {
        m_problem = tr("The alerts cannot be read: %1").arg(message);
        refreshStatus();
    });
    auto *close = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);

    m_tree->expandAll();
    retranslate();
    updateButtons();
}

AlertsView::~AlertsView() = default;

void AlertsView::retrySelected()
{
    const QModelIndex current = m_tree->currentIndex();
    if (auto retried = m_model.retry(current.siblingAtColumn(0)); !retried)
        m_problem = tr("Cannot retry: %1").arg(retried.error().message);
    else
        m_problem.clear();
    refreshStatus();
}

QIcon AlertsView::badgeIcon(int failing)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        // A bell: a dome, a rim and a clapper, in the text colour of a neutral icon.
        const qreal unit = size / 16.0;
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x55, 0x5f, 0x6b));
        QPainterPath bell;
        bell.moveTo(3 * unit, 12 * unit);
        bell.cubicTo(4.5 * unit, 10 * unit, 3.5 * unit, 3 * unit, 8 * unit, 2.5 * unit);
        bell.cubicTo(12.5 * unit, 3 * unit, 11.5 * unit, 10 * unit, 13 * unit, 12 * unit);
        bell.closeSubpath();
        painter.drawPath(bell);
        painter.drawEllipse(QPointF(8 * unit, 13.5 * unit), 1.5 * unit, 1.5 * unit);
        if (failing > 0) {
            painter.setBrush(QColor(0xd9, 0x30, 0x25));
            painter.setPen(QPen(Qt::white, std::max(1.0, unit)));
            painter.drawEllipse(QPointF(12 * unit, 4 * unit), 3.5 * unit, 3.5 * unit);
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void AlertsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AlertsView::retranslate()
{
    setWindowTitle(tr("Alerts — QuotaWatch"));
    m_retry->setText(tr("&Retry now"));
    m_retry->setToolTip(
        tr("Send the selected delivery again now, or every failing delivery of the selected alert"));
    refreshStatus();
}

void AlertsView::refreshStatus()
{
    QString text;
    const int failing = m_model.failingCount();
    if (m_model.rowCount() == 0)
        text = tr("No alert has been raised yet.");
    else if (failing > 0)
        text = tr("%n deliveries failing. Select one to see why, and retry it.", nullptr, failing);
    else
        text = tr("Every delivery went through or is on its way.");
    if (!m_problem.isEmpty())
        text = m_problem + u'\n' + text;
    m_status->setText(text);
}

void AlertsView::updateButtons()
{
    m_retry->setEnabled(m_model.canRetry(m_tree->currentIndex().siblingAtColumn(0)));
}

} // namespace qw::ui
