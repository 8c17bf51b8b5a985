// The checks of one key as a table, newest first: time, status, remaining, used, limit, unit,
// the reading's details (a plan's windows, gift and paid pots), latency and the error, for the
// history window's "Checks" tab.
#pragma once

#include "core/model/snapshot.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <vector>

namespace qw::ui {

class CheckTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckTableModel)

public:
    enum Column
    {
        Time,
        Status,
        Remaining,
        Used,
        Limit,
        Unit,
        Details,
        Latency,
        Error,
        ColumnCount
    };

    explicit CheckTableModel(QObject *parent = nullptr);

    // `snapshots` oldest first, as SnapshotRepository::range() returns them.
    void setSnapshots(std::vector<Snapshot> snapshots);
    // A new check goes on top.
    void prepend(const Snapshot &snapshot);
    // Row 0 is the newest.
    [[nodiscard]] const Snapshot &snapshotAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // Oldest first, so that a new check is a push_back and row r maps to size - 1 - r.
    std::vector<Snapshot> m_snapshots;
    // Drawn once: KeyHealthInfo::icon paints pixmaps, too slow for every data() call.
    QIcon m_okIcon;
    QIcon m_failedIcon;
};

} // namespace qw::ui
