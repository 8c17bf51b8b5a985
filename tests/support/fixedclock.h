// A clock that says what the test wants: checks, alerts and tokens are dated from it, and the
// test moves it on with set().
#pragma once

#include "core/clock.h"

#include <QDateTime>

namespace qw::test {

class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime now)
        : m_now(std::move(now))
    {}
    [[nodiscard]] QDateTime nowUtc() const override { return m_now; }
    void set(QDateTime now) { m_now = std::move(now); }

private:
    QDateTime m_now;
};

} // namespace qw::test
