// The dashboard's figures, the same for the desktop's header, the tray and the REST API: what
// remains per unit (from keys whose latest check worked), how many keys are in each state, and
// when the next check is due.
#pragma once

#include "core/analytics/keyhealth.h"
#include "core/model/snapshot.h"

#include <QDateTime>
#include <map>
#include <optional>

namespace qw {

class Overview final
{
public:
    // Counts one key in.
    void add(const std::optional<Snapshot> &latest, KeyHealth health);
    void setNextCheck(const QDateTime &when) { m_nextCheck = when; }

    // The remaining amount a list shows and sums: only from a check that worked.
    [[nodiscard]] static std::optional<Amount> shownRemaining(const std::optional<Snapshot> &latest);

    [[nodiscard]] const std::map<QString, Amount> &perUnit() const { return m_perUnit; }
    [[nodiscard]] int total() const { return m_total; }
    [[nodiscard]] int count(KeyHealth health) const;
    // The most severe state of any key; Unknown when there are none.
    [[nodiscard]] KeyHealth worst() const { return m_worst; }
    // UTC; null when nothing is planned.
    [[nodiscard]] const QDateTime &nextCheck() const { return m_nextCheck; }

private:
    std::map<QString, Amount> m_perUnit;
    std::map<KeyHealth, int> m_counts;
    int m_total = 0;
    KeyHealth m_worst = KeyHealth::Unknown;
    QDateTime m_nextCheck;
};

} // namespace qw
