// Switches the language of the running desktop app: installs QuotaWatch's own translation
// (quotawatch_<lang>.qm, compiled in under :/i18n by qw_translations) and Qt's (qtbase_<lang>.qm
// from Qt's translations folder), replacing the ones it installed before. Qt then sends every widget
// QEvent::LanguageChange, on which windows and dialogs call their retranslateUi().
#pragma once

#include <QString>
#include <QtGlobal>
#include <memory>

class QTranslator;

namespace qw::ui {

class UiTranslator final
{
    Q_DISABLE_COPY_MOVE(UiTranslator)

public:
    // `searchPath`: the folder holding quotawatch_<lang>.qm; qw_ui carries them compiled in under
    // ":/i18n" (qw_translations), and tests may point elsewhere.
    explicit UiTranslator(QString searchPath = QStringLiteral(":/i18n"));
    // Removes what it installed.
    ~UiTranslator();

    // `language`: "" = the system's, else "en" or "zh_CN" (Preferences::language()). Removes
    // the previous translations, then installs what exists for `language`. False when QuotaWatch
    // has no translation for it (its texts then stay English, with English plurals); not an error
    // worth more than that.
    bool setLanguage(const QString &language);

    // As last given to setLanguage().
    [[nodiscard]] QString language() const { return m_language; }
    // Whether QuotaWatch's own texts, and Qt's, are translated now.
    [[nodiscard]] bool hasAppTranslation() const { return m_app != nullptr; }
    [[nodiscard]] bool hasQtTranslation() const { return m_qt != nullptr; }

private:
    void removeInstalled();

    QString m_searchPath;
    QString m_language;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_englishPlurals; // only when m_app is null
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace qw::ui
