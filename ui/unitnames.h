// How a stored unit reads on screen: currency codes (CNY, USD) as they are, the names of counted
// things (characters, tokens, credits) in the user's language.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace qw::ui {

class UnitNames final
{
    Q_DECLARE_TR_FUNCTIONS(UnitNames)

public:
    [[nodiscard]] static QString display(const QString &unit);
};

} // namespace qw::ui
