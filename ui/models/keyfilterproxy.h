// What the key table shows after the search box and the platform, status and tag filters, in
// the order the user picked: numbers sort as numbers, unknown values last in either direction,
// remaining amounts grouped by unit, and the status worst first when ascending.
#pragma once

#include "ui/keyhealth.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <optional>

namespace qw::ui {

class KeyFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyFilterProxy)

public:
    explicit KeyFilterProxy(QObject *parent = nullptr);

    // Words separated by spaces, each found (case-insensitively) in the name, the platform's
    // name or id, the key hint or a tag. Empty: every key.
    void setSearchText(const QString &text);
    [[nodiscard]] QString searchText() const { return m_searchText; }
    // A platform id such as "deepseek"; empty: every platform.
    void setPlatformFilter(const QString &platformId);
    [[nodiscard]] QString platformFilter() const { return m_platform; }
    // nullopt: every state.
    void setHealthFilter(std::optional<KeyHealth> health);
    [[nodiscard]] std::optional<KeyHealth> healthFilter() const { return m_health; }
    // One tag, compared case-insensitively; empty: every key.
    void setTagFilter(const QString &tag);
    [[nodiscard]] QString tagFilter() const { return m_tag; }
    // Keys left out whatever the filters say: those deleted but still within their undo time.
    void setHiddenKeys(const QSet<qint64> &keyIds);
    [[nodiscard]] const QSet<qint64> &hiddenKeys() const { return m_hidden; }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_searchText;
    QStringList m_words; // case-folded
    QString m_platform;
    std::optional<KeyHealth> m_health;
    QString m_tag;
    QSet<qint64> m_hidden;
};

} // namespace qw::ui
