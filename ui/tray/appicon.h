// QuotaWatch's icon (resources/icons, compiled in under :/icons), with a badge drawn over it in
// the tray that shows the worst state of the keys: green fine, amber low, red failing, grey
// paused; none before the first check.
#pragma once

#include "ui/keyhealth.h"

#include <QIcon>
#include <array>

namespace qw::ui {

class AppIcon final
{
public:
    // The sizes resources/icons holds, in pixels.
    static constexpr std::array kSizes{16, 22, 24, 32, 48, 64, 128, 256};

    [[nodiscard]] static QIcon make();
    [[nodiscard]] static QIcon withHealth(KeyHealth worst);
};

} // namespace qw::ui
