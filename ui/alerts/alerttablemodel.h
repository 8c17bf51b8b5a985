// The Alerts view's model: every alert raised, newest first, with one child row per channel it
// goes to (delivered when, or why not and when it is tried again), and the number of deliveries
// failing now for the badge. It reads through Session::alerts() and reloads itself when an alert
// is raised or a delivery finishes, here or (on a slower tick) in another process.
#pragma once

#include "core/alerts/alertlog.h"
#include "core/result.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QTimer>
#include <vector>

namespace qw {
class Session;
}

namespace qw::ui {

class AlertTableModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertTableModel)

public:
    enum Column
    {
        When,
        Key,      // an alert's key; a delivery's channel
        Message,  // an alert's message; a delivery's error
        Delivery, // an alert's delivery summary; a delivery's state
        ColumnCount
    };

    enum Role : int
    {
        AlertIdRole = Qt::UserRole + 1, // qint64, on both kinds of row
        KeyIdRole,                      // qint64, on both kinds of row
        OutboxIdRole,                   // qint64; 0 on an alert's row
        FailingRole,                    // bool: the delivery (or one of the alert's) is failing
    };

    // How many alerts the view holds: the newest; older ones stay in the database.
    static constexpr int kShown = 500;
    // Deliveries made by other processes show within this time.
    static constexpr int kPollMs = 30'000;

    explicit AlertTableModel(Session &session, QObject *parent = nullptr);
    ~AlertTableModel() override;

    // Reads the alerts, their deliveries, the key and channel names and the failing count again.
    [[nodiscard]] Result<void> reload();
    // The number of deliveries failing now (given up, or waiting for a retry).
    [[nodiscard]] int failingCount() const { return m_failing; }
    // "Retry now": the delivery of a delivery row, or every failing delivery of an alert's row.
    [[nodiscard]] Result<void> retry(const QModelIndex &index);
    [[nodiscard]] bool canRetry(const QModelIndex &index) const;

    [[nodiscard]] QModelIndex indexOfAlert(qint64 alertId, int column = 0) const;
    [[nodiscard]] QModelIndex indexOfDelivery(qint64 outboxId, int column = 0) const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Local time for the cell, UTC for its tooltip.
    [[nodiscard]] static QString localTime(const QDateTime &utc);
    [[nodiscard]] static QString utcTime(const QDateTime &utc);
    [[nodiscard]] static bool isFailing(const OutboxEntry &delivery);

signals:
    void failingCountChanged(int count);
    // A reload failed (the database is unreachable); the rows shown stay as they were.
    void reloadFailed(const QString &message);

private:
    void scheduleReload();
    [[nodiscard]] bool sameRows(const std::vector<AlertWithDeliveries> &rows) const;
    [[nodiscard]] QVariant alertData(const AlertWithDeliveries &row, int column, int role) const;
    [[nodiscard]] QVariant deliveryData(const AlertWithDeliveries &row, const OutboxEntry &delivery,
                                        int column, int role) const;
    [[nodiscard]] QString deliveryState(const OutboxEntry &delivery) const;
    [[nodiscard]] QString deliverySummary(const AlertWithDeliveries &row) const;

    Session &m_session;
    std::vector<AlertWithDeliveries> m_rows;
    QHash<qint64, QString> m_keyNames;
    QHash<qint64, QString> m_channelNames;
    int m_failing = 0;
    // Events come in bursts (an alert, then a delivery per channel): one reload for a burst.
    QTimer m_reloadSoon;
    QTimer m_poll;
};

} // namespace qw::ui
