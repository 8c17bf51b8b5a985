// One point of a key's remaining-amount history: what charts, burn rates and forecasts read.
#pragma once

#include <QtGlobal>

namespace qw {

struct BalancePoint
{
    qint64 atMs = 0; // checked_at, UTC milliseconds
    qint64 remainingMicros = 0;
};

} // namespace qw
