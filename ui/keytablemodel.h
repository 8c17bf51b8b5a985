// The watched keys as a table model: name, platform, hint, threshold, interval, enabled.
#pragma once

#include "core/model/apikey.h"

#include <QAbstractTableModel>
#include <vector>

namespace qw::ui {

class KeyTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyTableModel)

public:
    enum Column
    {
        Name,
        Platform,
        Hint,
        Threshold,
        Interval,
        Enabled,
        ColumnCount
    };

    explicit KeyTableModel(QObject *parent = nullptr);

    void setKeys(std::vector<ApiKey> keys);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<ApiKey> m_keys;
};

} // namespace qw::ui
