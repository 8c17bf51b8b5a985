// Installs the translation of QuotaWatch's own texts (alert messages, and the desktop's) for
// the chosen language: QUOTAWATCH_LANGUAGE when set ("en", "zh_CN"), else the system's.
#pragma once

#include <QString>

class QCoreApplication;

namespace qw {

// The language to use: `override` when not empty, else the system locale's name.
[[nodiscard]] QString chosenLanguage(const QString &override);
// Loads ":/i18n/quotawatch_<language>.qm" (falling back from "zh_CN" to "zh") into the
// application. False when there is no translation for it: English is then used.
bool installTranslations(QCoreApplication &app, const QString &language);

} // namespace qw
