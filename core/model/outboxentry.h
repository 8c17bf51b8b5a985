// One delivery of one alert to one channel, as the outbox keeps it.
#pragma once

#include <QDateTime>
#include <QString>

namespace qw {

struct OutboxEntry
{
    enum class Status
    {
        Pending, // waiting for its next attempt
        Sending, // claimed by a sender until leaseUntil
        Sent,
        Failed, // given up after the last attempt
    };

    qint64 id = 0;
    qint64 alertId = 0;
    qint64 channelId = 0;
    Status status = Status::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QDateTime leaseUntil;
    QString lastError;
    QDateTime sentAt;
};

[[nodiscard]] QString toString(OutboxEntry::Status status);

} // namespace qw
