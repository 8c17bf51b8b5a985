// The keys the tray menu lists because they need attention (running low, empty, failing — every
// state at least as severe as Low), worst first, each with its amount: "OpenAI prod — 3.20 USD
// (low)". At most kMaxShown; how many more there are.
#pragma once

#include "core/analytics/keyhealth.h"
#include "core/model/apikey.h"
#include "core/model/snapshot.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>
#include <optional>
#include <vector>

namespace qw::ui {

class KeyTableModel;

struct AttentionEntry
{
    qint64 keyId = 0;
    QString text;

    friend bool operator==(const AttentionEntry &, const AttentionEntry &) = default;
};

class AttentionList final
{
    Q_DECLARE_TR_FUNCTIONS(AttentionList)

public:
    static constexpr int kMaxShown = 10;

    [[nodiscard]] static bool needsAttention(KeyHealth health);
    // From the key table's rows, as they are now, but for the keys in `leaving` (deleted, still
    // undoable).
    [[nodiscard]] static AttentionList of(const KeyTableModel &model, const QSet<qint64> &leaving = {});
    // "OpenAI prod — 3.20 USD (low)"; without the amount when the latest check has none.
    [[nodiscard]] static QString entryText(const ApiKey &key, const std::optional<Snapshot> &latest,
                                           KeyHealth health);

    std::vector<AttentionEntry> entries;
    int more = 0; // keys that need attention beyond entries

    friend bool operator==(const AttentionList &, const AttentionList &) = default;
};

} // namespace qw::ui
