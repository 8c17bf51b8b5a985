// QuotaWatch's icon, drawn rather than loaded so it is sharp at every size and needs no image
// plugin: a gauge whose needle colour can show the worst state of the keys (for the tray).
#pragma once

#include "ui/keyhealth.h"

#include <QIcon>

namespace qw::ui {

class AppIcon final
{
public:
    [[nodiscard]] static QIcon make();
    [[nodiscard]] static QIcon withHealth(KeyHealth worst);
};

} // namespace qw::ui
