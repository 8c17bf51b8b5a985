#include "ui/translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

// Outside any namespace, as Q_INIT_RESOURCE requires: the .qm files (qw_translations) sit in this
// static library's archive and are linked in only when something refers to them.
static void initTranslationResource()
{
    Q_INIT_RESOURCE(translations);
}

namespace qw::ui {

namespace {

// A translator loaded for `locale` from `folder`, or null when there is none; "zh_CN" falls
// back to "zh" and so on, as QTranslator::load(QLocale, ...) does.
std::unique_ptr<QTranslator> loaded(const QLocale &locale, const QString &name, const QString &folder)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), folder))
        return nullptr;
    return translator;
}

} // namespace

UiTranslator::UiTranslator(QString searchPath)
    : m_searchPath(std::move(searchPath))
{
    initTranslationResource();
}

UiTranslator::~UiTranslator()
{
    removeInstalled();
}

bool UiTranslator::setLanguage(const QString &language)
{
    m_language = language.trimmed();
    removeInstalled();
    const QLocale locale = m_language.isEmpty() ? QLocale::system() : QLocale(m_language);
    // Dates, times and numbers follow the chosen language too, not only the words.
    QLocale::setDefault(locale);
    m_qt = loaded(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    m_app = loaded(locale, QStringLiteral("quotawatch"), m_searchPath);
    // English is the source language, but its plural forms ("1 delivery failing") live in
    // quotawatch_en.qm: a language QuotaWatch does not speak (fr, or the "C" locale) shows English
    // texts, and so gets the English plurals too.
    if (!m_app)
        m_englishPlurals = loaded(QLocale(QLocale::English), QStringLiteral("quotawatch"), m_searchPath);
    // Installed last, QuotaWatch's own texts win where both translate the same source text.
    for (QTranslator *translator : {m_qt.get(), m_englishPlurals.get(), m_app.get()}) {
        if (translator)
            QCoreApplication::installTranslator(translator);
    }
    return m_app != nullptr;
}

void UiTranslator::removeInstalled()
{
    for (auto *translator : {&m_app, &m_englishPlurals, &m_qt}) {
        if (*translator) {
            if (QCoreApplication::instance()) // gone already when this outlives the application
                QCoreApplication::removeTranslator(translator->get());
            translator->reset();
        }
    }
}

} // namespace qw::ui
