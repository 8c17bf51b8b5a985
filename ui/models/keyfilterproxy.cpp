#include "ui/models/keyfilterproxy.h"

#include "ui/models/keytablemodel.h"

namespace qw::ui {

KeyFilterProxy::KeyFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void KeyFilterProxy::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

void KeyFilterProxy::setPlatformFilter(const QString &platformId)
{
    if (platformId == m_platform)
        return;
    m_platform = platformId;
    invalidateFilter();
}

void KeyFilterProxy::setHealthFilter(std::optional<KeyHealth> health)
{
    if (health == m_health)
        return;
    m_health = health;
    invalidateFilter();
}

void KeyFilterProxy::setTagFilter(const QString &tag)
{
    if (tag == m_tag)
        return;
    m_tag = tag;
    invalidateFilter();
}

void KeyFilterProxy::setHiddenKeys(const QSet<qint64> &keyIds)
{
    if (keyIds == m_hidden)
        return;
    m_hidden = keyIds;
    invalidateFilter();
}

bool KeyFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // The key table straight, without a QVariant per row and role: every keystroke in the
    // search box runs this for each of up to 10,000 keys.
    if (const auto *keys = qobject_cast<const KeyTableModel *>(sourceModel());
        keys && !sourceParent.isValid()) {
        if (!m_hidden.isEmpty() && m_hidden.contains(keys->keyAt(sourceRow)->id))
            return false;
        if (!m_platform.isEmpty() && keys->keyAt(sourceRow)->platform != m_platform)
            return false;
        if (m_health && keys->healthAt(sourceRow) != *m_health)
            return false;
        if (!m_tag.isEmpty() && !keys->keyAt(sourceRow)->tags.contains(m_tag, Qt::CaseInsensitive))
            return false;
        const QString &haystack = keys->searchTextAt(sourceRow);
        for (const QString &word : m_words)
            if (!haystack.contains(word))
                return false;
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_hidden.isEmpty() && m_hidden.contains(index.data(KeyTableModel::KeyIdRole).toLongLong()))
        return false;
    if (!m_platform.isEmpty() && index.data(KeyTableModel::PlatformIdRole).toString() != m_platform)
        return false;
    if (m_health && index.data(KeyTableModel::HealthRole).toInt() != int(*m_health))
        return false;
    if (!m_tag.isEmpty() &&
        !index.data(KeyTableModel::TagsRole).toStringList().contains(m_tag, Qt::CaseInsensitive))
        return false;
    if (!m_words.isEmpty()) {
        const QString haystack = index.data(KeyTableModel::SearchTextRole).toString();
        for (const QString &word : m_words)
            if (!haystack.contains(word))
                return false;
    }
    return true;
}

bool KeyFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Names and platforms by their collation rank, computed once per reload: sorting 10,000
    // rows otherwise collates two strings about 130,000 times.
    const auto *keys = qobject_cast<const KeyTableModel *>(sourceModel());
    if (keys && sortRole() == KeyTableModel::SortRole && left.column() == KeyTableModel::Remaining) {
        // Amounts in different units do not compare (45 CNY is not less than 74.5 USD): the rows
        // group by unit, then go by amount within each.
        const QString &a = keys->remainingUnitAt(left.row());
        const QString &b = keys->remainingUnitAt(right.row());
        if (!a.isEmpty() && !b.isEmpty() && a != b)
            return a < b;
    }
    if (keys && isSortLocaleAware() && sortRole() == KeyTableModel::SortRole) {
        const int column = left.column();
        if (column == KeyTableModel::Platform) {
            const int a = keys->platformRankAt(left.row());
            const int b = keys->platformRankAt(right.row());
            if (a != b)
                return a < b;
        }
        if (column == KeyTableModel::Name || column == KeyTableModel::Platform)
            return keys->nameRankAt(left.row()) < keys->nameRankAt(right.row());
    }
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Rows without a value (never checked, no forecast) go last whichever way the column sorts:
    // descending order asks lessThan(right, left), hence the flip.
    if (a.isValid() != b.isValid())
        return sortOrder() == Qt::AscendingOrder ? a.isValid() : !a.isValid();
    if (a.isValid()) {
        const bool numeric = a.userType() != QMetaType::QString;
        if (numeric) {
            const QPartialOrdering order = QVariant::compare(a, b);
            if (order == QPartialOrdering::Less)
                return true;
            if (order == QPartialOrdering::Greater)
                return false;
        } else if (const int order = isSortLocaleAware()
                                         ? a.toString().localeAwareCompare(b.toString())
                                         : a.toString().compare(b.toString(), sortCaseSensitivity());
                   order != 0) {
            return order < 0;
        }
    }
    // Ties keep a stable, readable order: by name.
    if (keys)
        return keys->nameRankAt(left.row()) < keys->nameRankAt(right.row());
    const QModelIndex leftName = left.siblingAtColumn(KeyTableModel::Name);
    const QModelIndex rightName = right.siblingAtColumn(KeyTableModel::Name);
    return leftName.data(Qt::DisplayRole)
               .toString()
               .localeAwareCompare(rightName.data(Qt::DisplayRole).toString()) < 0;
}

} // namespace qw::ui
