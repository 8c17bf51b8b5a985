// How team mode (several instances on one PostgreSQL) reads on screen: who checked a key last and
// which other instances are connected, in one place for the key table, the history window and the
// status bar.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace qw::ui {

class TeamText final
{
    Q_DECLARE_TR_FUNCTIONS(TeamText)

public:
    // "Last checked by serve@db1:4411-3fa2 (another instance)", or "… by this QuotaWatch" when
    // `checker` is `self`; empty when nobody is recorded.
    [[nodiscard]] static QString checkedBy(const QString &checker, const QString &self);
    // "Team: 2 other instances connected (serve@a…, desktop@b…)"; the first few names only, the
    // rest in connectedDetails().
    [[nodiscard]] static QString connected(const QStringList &others);
    // Every name, one a line, and how they were found (for the tooltip).
    [[nodiscard]] static QString connectedDetails(const QStringList &others);

    // connected() names at most this many instances.
    static constexpr qsizetype kNamesShown = 3;
};

} // namespace qw::ui
