#include "app/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace qw {

QString chosenLanguage(const QString &override)
{
    return override.trimmed().isEmpty() ? QLocale::system().name() : override.trimmed();
}

bool installTranslations(QCoreApplication &app, const QString &language)
{
    // Owned by the application, which keeps using it until it quits.
    auto *translator = new QTranslator(&app);
    const QLocale locale(language);
    if (!translator->load(locale, QStringLiteral("quotawatch"), QStringLiteral("_"),
                          QStringLiteral(":/i18n"))) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

} // namespace qw
