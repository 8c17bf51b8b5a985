#include "ui/alerts/alerttablemodel.h"

#include "core/session/session.h"
#include "ui/format/displayformat.h"

#include <QColor>
#include <QLocale>

namespace qw::ui {

namespace {

// An index's internal id: 0 for an alert's row, the alert's row + 1 for a delivery's.
constexpr quintptr kAlertRow = 0;

constexpr int kReloadSoonMs = 50;

} // namespace

AlertTableModel::AlertTableModel(Session &session, QObject *parent)
    : QAbstractItemModel(parent)
    , m_session(session)
{
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(kReloadSoonMs);
    connect(&m_reloadSoon, &QTimer::timeout, this, [this] {
        if (auto loaded = reload(); !loaded)
            emit reloadFailed(loaded.error().message);
    });
    connect(&m_poll, &QTimer::timeout, this, &AlertTableModel::scheduleReload);
    m_poll.start(kPollMs);
    if (m_session.isUnlocked()) {
        Engine &engine = m_session.engine();
        connect(&engine.alerts(), &AlertEngine::alertRaised, this, &AlertTableModel::scheduleReload);
        connect(&engine, &Engine::alertRaisedElsewhere, this, &AlertTableModel::scheduleReload);
        connect(&engine.outbox(), &OutboxDispatcher::delivered, this, &AlertTableModel::scheduleReload);
        connect(&engine.outbox(), &OutboxDispatcher::attemptFailed, this, &AlertTableModel::scheduleReload);
    }
}

AlertTableModel::~AlertTableModel() = default;

void AlertTableModel::scheduleReload()
{
    if (!m_reloadSoon.isActive())
        m_reloadSoon.start();
}

Result<void> AlertTableModel::reload()
{
    auto alerts = m_session.alerts().recent(0, kShown);
    if (!alerts)
        return tl::unexpected(alerts.error());
    auto failing = m_session.alerts().failingDeliveries();
    if (!failing)
        return tl::unexpected(failing.error());
    auto keys = m_session.keys().list();
    if (!keys)
        return tl::unexpected(keys.error());
    auto channels = m_session.channels().list();
    if (!channels)
        return tl::unexpected(channels.error());

    QHash<qint64, QString> keyNames;
    for (const ApiKey &key : *keys)
        keyNames.insert(key.id, key.name);
    QHash<qint64, QString> channelNames;
    for (const Channel &channel : *channels)
        channelNames.insert(channel.id, channel.name);
    // The 30 s tick mostly finds nothing new: no reset then, so the view keeps its scroll
    // position and selection without flicker.
    if (!sameRows(*alerts) || keyNames != m_keyNames || channelNames != m_channelNames) {
        beginResetModel();
        m_rows = std::move(*alerts);
        m_keyNames = std::move(keyNames);
        m_channelNames = std::move(channelNames);
        endResetModel();
    }
    if (*failing != m_failing) {
        m_failing = *failing;
        emit failingCountChanged(m_failing);
    }
    return {};
}

bool AlertTableModel::sameRows(const std::vector<AlertWithDeliveries> &rows) const
{
    // What a cell shows: an alert never changes once stored, its deliveries do.
    const auto sameDelivery = [](const OutboxEntry &a, const OutboxEntry &b) {
        return a.id == b.id && a.channelId == b.channelId && a.status == b.status &&
               a.attempts == b.attempts && a.nextAttemptAt == b.nextAttemptAt && a.lastError == b.lastError &&
               a.sentAt == b.sentAt;
    };
    return std::equal(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(),
                      [&sameDelivery](const AlertWithDeliveries &a, const AlertWithDeliveries &b) {
                          return a.alert.id == b.alert.id &&
                                 std::equal(a.deliveries.begin(), a.deliveries.end(), b.deliveries.begin(),
                                            b.deliveries.end(), sameDelivery);
                      });
}

bool AlertTableModel::isFailing(const OutboxEntry &delivery)
{
    switch (delivery.status) {
    case OutboxEntry::Status::Failed:
        return true;
    case OutboxEntry::Status::Pending:
    case OutboxEntry::Status::Sending:
        return !delivery.lastError.isEmpty();
    case OutboxEntry::Status::Sent:
        break;
    }
    return false;
}

bool AlertTableModel::canRetry(const QModelIndex &index) const
{
    if (!index.isValid())
        return false;
    if (index.internalId() == kAlertRow) {
        const auto &deliveries = m_rows[std::size_t(index.row())].deliveries;
        return std::any_of(deliveries.begin(), deliveries.end(), [](const OutboxEntry &delivery) {
            return isFailing(delivery) && delivery.status != OutboxEntry::Status::Sending;
        });
    }
    const OutboxEntry &delivery =
        m_rows[std::size_t(index.internalId() - 1)].deliveries[std::size_t(index.row())];
    return isFailing(delivery) && delivery.status != OutboxEntry::Status::Sending;
}

Result<void> AlertTableModel::retry(const QModelIndex &index)
{
    if (!canRetry(index))
        return fail(ErrorCode::InvalidInput, tr("Nothing to retry here: it was delivered or is being sent."));
    std::vector<qint64> ids;
    if (index.internalId() == kAlertRow) {
        for (const OutboxEntry &delivery : m_rows[std::size_t(index.row())].deliveries) {
            if (isFailing(delivery) && delivery.status != OutboxEntry::Status::Sending)
                ids.push_back(delivery.id);
        }
    } else {
        ids.push_back(m_rows[std::size_t(index.internalId() - 1)].deliveries[std::size_t(index.row())].id);
    }
    Result<void> outcome;
    for (qint64 id : ids) {
        if (auto retried = m_session.alerts().retryDelivery(id); !retried && outcome)
            outcome = retried; // the first error; the other deliveries are still retried
    }
    scheduleReload();
    return outcome;
}

QModelIndex AlertTableModel::indexOfAlert(qint64 alertId, int column) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].alert.id == alertId)
            return index(int(row), column);
    }
    return {};
}

QModelIndex AlertTableModel::indexOfDelivery(qint64 outboxId, int column) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        const auto &deliveries = m_rows[row].deliveries;
        for (std::size_t child = 0; child < deliveries.size(); ++child) {
            if (deliveries[child].id == outboxId)
                return index(int(child), column, index(int(row), 0));
        }
    }
    return {};
}

QModelIndex AlertTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_rows.size()) ? createIndex(row, column, kAlertRow) : QModelIndex();
    if (parent.internalId() != kAlertRow || parent.row() >= int(m_rows.size()))
        return {};
    if (row >= int(m_rows[std::size_t(parent.row())].deliveries.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex AlertTableModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kAlertRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kAlertRow);
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != kAlertRow || parent.column() != 0)
        return 0;
    return int(m_rows[std::size_t(parent.row())].deliveries.size());
}

int AlertTableModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString AlertTableModel::localTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

QString AlertTableModel::utcTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kAlertRow)
        return alertData(m_rows[std::size_t(index.row())], index.column(), role);
    const AlertWithDeliveries &row = m_rows[std::size_t(index.internalId() - 1)];
    return deliveryData(row, row.deliveries[std::size_t(index.row())], index.column(), role);
}

QVariant AlertTableModel::alertData(const AlertWithDeliveries &row, int column, int role) const
{
    const Alert &alert = row.alert;
    switch (role) {
    case AlertIdRole:
        return alert.id;
    case KeyIdRole:
        return alert.keyId;
    case OutboxIdRole:
        return qint64(0);
    case FailingRole:
        return std::any_of(row.deliveries.begin(), row.deliveries.end(), &AlertTableModel::isFailing);
    case Qt::DisplayRole:
        switch (column) {
        case When:
            return localTime(alert.createdAt);
        case Key:
            return m_keyNames.value(alert.keyId, tr("Removed key"));
        case Message:
            return alert.message;
        case Delivery:
            return deliverySummary(row);
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case When:
            return utcTime(alert.createdAt);
        case Message:
            return DisplayFormat::literal(alert.title + u'\n' + alert.message);
        case Key:
            return DisplayFormat::literal(m_keyNames.value(alert.keyId, tr("Removed key")));
        }
        break;
    case Qt::ForegroundRole:
        if (column == Delivery && alertData(row, column, FailingRole).toBool())
            return QColor(Qt::red).darker(120);
        break;
    }
    return {};
}

QVariant AlertTableModel::deliveryData(const AlertWithDeliveries &row, const OutboxEntry &delivery,
                                       int column, int role) const
{
    const QDateTime when =
        delivery.status == OutboxEntry::Status::Sent ? delivery.sentAt : delivery.nextAttemptAt;
    switch (role) {
    case AlertIdRole:
        return row.alert.id;
    case KeyIdRole:
        return row.alert.keyId;
    case OutboxIdRole:
        return delivery.id;
    case FailingRole:
        return isFailing(delivery);
    case Qt::DisplayRole:
        switch (column) {
        case When:
            return delivery.status == OutboxEntry::Status::Failed ? QString() : localTime(when);
        case Key:
            return m_channelNames.value(delivery.channelId, tr("Removed channel"));
        case Message:
            return delivery.status == OutboxEntry::Status::Sent ? QString() : delivery.lastError;
        case Delivery:
            return deliveryState(delivery);
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case When:
            return delivery.status == OutboxEntry::Status::Failed ? QVariant() : QVariant(utcTime(when));
        case Message:
            return delivery.status == OutboxEntry::Status::Sent
                       ? QVariant()
                       : QVariant(DisplayFormat::literal(delivery.lastError));
        }
        break;
    case Qt::ForegroundRole:
        if (column == Delivery || column == Message) {
            if (isFailing(delivery))
                return QColor(Qt::red).darker(120);
        }
        break;
    }
    return {};
}

QString AlertTableModel::deliveryState(const OutboxEntry &delivery) const
{
    switch (delivery.status) {
    case OutboxEntry::Status::Sent:
        return tr("Delivered %1").arg(localTime(delivery.sentAt));
    case OutboxEntry::Status::Failed:
        return tr("Not delivered: gave up after %1 attempts").arg(delivery.attempts);
    case OutboxEntry::Status::Sending:
        return tr("Sending…");
    case OutboxEntry::Status::Pending:
        if (delivery.lastError.isEmpty())
            return tr("Waiting to be sent");
        return tr("Not delivered yet: attempt %1 failed, retrying %2")
            .arg(delivery.attempts)
            .arg(localTime(delivery.nextAttemptAt));
    }
    return {};
}

QString AlertTableModel::deliverySummary(const AlertWithDeliveries &row) const
{
    if (row.deliveries.empty())
        return tr("No channel to deliver to");
    const auto total = int(row.deliveries.size());
    const auto failing = int(std::count_if(row.deliveries.begin(), row.deliveries.end(), &isFailing));
    const auto sent =
        int(std::count_if(row.deliveries.begin(), row.deliveries.end(), [](const OutboxEntry &delivery) {
            return delivery.status == OutboxEntry::Status::Sent;
        }));
    if (failing > 0)
        return tr("%1 of %2 failing").arg(failing).arg(total);
    if (sent == total)
        return total == 1 ? tr("Delivered") : tr("Delivered to all %1").arg(total);
    return tr("Delivered to %1 of %2").arg(sent).arg(total);
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Key:
        return tr("Key / channel");
    case Message:
        return tr("Message / error");
    case Delivery:
        return tr("Delivery");
    }
    return {};
}

} // namespace qw::ui
