#include "ui/tray/attentionlist.h"

#include "core/analytics/overview.h"
#include "ui/format/displayformat.h"
#include "ui/keyhealth.h"
#include "ui/models/keytablemodel.h"

#include <algorithm>

namespace qw::ui {

bool AttentionList::needsAttention(KeyHealth health)
{
    // By severity rather than by name, so a state added between Low and Failing counts too.
    return KeyHealthRules::severity(health) >= KeyHealthRules::severity(KeyHealth::Low);
}

QString AttentionList::entryText(const ApiKey &key, const std::optional<Snapshot> &latest, KeyHealth health)
{
    QString state;
    switch (health) {
    case KeyHealth::Low:
        state = tr("low");
        break;
    case KeyHealth::Failing:
        state = tr("failing");
        break;
    case KeyHealth::Empty:
        state = tr("empty");
        break;
    default:
        state = KeyHealthInfo::label(health);
        break;
    }
    if (const auto remaining = Overview::shownRemaining(latest))
        return tr("%1 — %2 (%3)").arg(key.name, DisplayFormat::amount(*remaining, latest->unit), state);
    return tr("%1 (%2)").arg(key.name, state);
}

AttentionList AttentionList::of(const KeyTableModel &model, const QSet<qint64> &leaving)
{
    struct Candidate
    {
        int row;
        int severity;
    };
    std::vector<Candidate> candidates;
    for (int row = 0; row < model.rowCount(); ++row) {
        const KeyHealth health = model.healthAt(row);
        if (needsAttention(health) && !leaving.contains(model.keyAt(row)->id))
            candidates.push_back({row, KeyHealthRules::severity(health)});
    }
    // Worst first; within a state, in the table's name order.
    std::stable_sort(candidates.begin(), candidates.end(), [&model](const Candidate &a, const Candidate &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return model.nameRankAt(a.row) < model.nameRankAt(b.row);
    });
    AttentionList list;
    for (const Candidate &candidate : candidates) {
        if (int(list.entries.size()) == kMaxShown) {
            ++list.more;
            continue;
        }
        const ApiKey *key = model.keyAt(candidate.row);
        if (!key)
            continue;
        list.entries.push_back(AttentionEntry{
            key->id, entryText(*key, model.latestAt(candidate.row), model.healthAt(candidate.row))});
    }
    return list;
}

} // namespace qw::ui
