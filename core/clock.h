// The time, passed in rather than read from the system, so tests can step it (schedules,
// month boundaries, alert windows) without sleeping.
#pragma once

#include <QDateTime>

namespace qw {

class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual QDateTime nowUtc() const = 0;
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace qw
