#include "ui/keytablemodel.h"

namespace qw::ui {

KeyTableModel::KeyTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void KeyTableModel::setKeys(std::vector<ApiKey> keys)
{
    beginResetModel();
    m_keys = std::move(keys);
    endResetModel();
}

int KeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int KeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_keys.size()))
        return {};
    const ApiKey &key = m_keys[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return key.name;
        case Platform:
            return key.platform;
        case Hint:
            return key.secretHint;
        case Threshold:
            return key.threshold ? key.threshold->toString() : QString();
        case Interval:
            return tr("%n min", nullptr, key.intervalS / 60);
        case Enabled:
            return key.enabled ? tr("Yes") : tr("No");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Threshold)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Platform:
        return tr("Platform");
    case Hint:
        return tr("Key");
    case Threshold:
        return tr("Threshold");
    case Interval:
        return tr("Every");
    case Enabled:
        return tr("Enabled");
    default:
        return {};
    }
}

} // namespace qw::ui
