#include "ui/history/checktablemodel.h"

#include "core/model/readingnames.h"
#include "ui/format/displayformat.h"
#include "ui/keyhealth.h"

#include <QLocale>

namespace qw::ui {

namespace {

// Every stored digit: the history is where the exact figures are read.
QString amountText(const std::optional<Amount> &amount)
{
    return amount ? DisplayFormat::exactAmount(*amount, QString()) : QString();
}

// Exact figures like the other columns, with the unit named in the user's language.
// "5-hour window 61/200 requests · Weekly window 800/1,000 requests": the whole reading in one
// cell; each detail on its own line, with when it resets, in the tooltip.
QString detailsCell(const Snapshot &snapshot)
{
    QStringList parts;
    for (const ReadingDetail &detail : snapshot.details)
        parts << ReadingNames::detailShort(detail, &DisplayFormat::exactAmount);
    return parts.join(QStringLiteral(" · "));
}

QString detailsTooltip(const Snapshot &snapshot)
{
    QStringList lines;
    for (const ReadingDetail &detail : snapshot.details)
        lines << ReadingNames::detailLine(detail, &DisplayFormat::exactAmount);
    return DisplayFormat::literal(lines.join(u'\n'));
}

} // namespace

CheckTableModel::CheckTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_okIcon(KeyHealthInfo::icon(KeyHealth::Ok))
    , m_failedIcon(KeyHealthInfo::icon(KeyHealth::Failing))
{}

void CheckTableModel::setSnapshots(std::vector<Snapshot> snapshots)
{
    beginResetModel();
    m_snapshots = std::move(snapshots);
    endResetModel();
}

void CheckTableModel::prepend(const Snapshot &snapshot)
{
    beginInsertRows({}, 0, 0);
    m_snapshots.push_back(snapshot);
    endInsertRows();
}

const Snapshot &CheckTableModel::snapshotAt(int row) const
{
    return m_snapshots[m_snapshots.size() - 1 - std::size_t(row)];
}

int CheckTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshots.size());
}

int CheckTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= int(m_snapshots.size()))
        return {};
    const Snapshot &snapshot = snapshotAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QLocale().toString(snapshot.checkedAt.toLocalTime(), QLocale::ShortFormat);
        case Status:
            return DisplayFormat::checkStatus(snapshot.status);
        case Remaining:
            return amountText(snapshot.remaining);
        case Used:
            return amountText(snapshot.used);
        case Limit:
            return amountText(snapshot.limit);
        case Unit:
            return DisplayFormat::unitName(snapshot.unit);
        case Details:
            return detailsCell(snapshot);
        case Latency:
            return tr("%1 ms").arg(snapshot.latencyMs);
        case Error:
            // One line in the table; the whole text is in the tooltip.
            return snapshot.error.simplified();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return QLocale().toString(snapshot.checkedAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Error && !snapshot.error.isEmpty())
            return DisplayFormat::literal(snapshot.error);
        if (index.column() == Details && !snapshot.details.empty())
            return detailsTooltip(snapshot);
        return {};
    case Qt::DecorationRole:
        if (index.column() == Status)
            return snapshot.status == CheckStatus::Ok ? m_okIcon : m_failedIcon;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Remaining || index.column() == Used || index.column() == Limit ||
            index.column() == Latency)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CheckTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Checked at");
    case Status:
        return tr("Status");
    case Remaining:
        return tr("Remaining");
    case Used:
        return tr("Used");
    case Limit:
        return tr("Limit");
    case Unit:
        return tr("Unit");
    case Details:
        return tr("Details");
    case Latency:
        return tr("Latency");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace qw::ui
