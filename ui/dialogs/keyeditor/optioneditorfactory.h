// The widget for each kind of platform option (check box, choice list, JSON text, number, text),
// the translated words around it, and the value it holds in the form the validator and the CLI
// take ("name=value" parts; an empty value is left out).
#pragma once

#include "adapters/adapter.h"

#include <QCoreApplication>
#include <QString>
#include <functional>

class QWidget;

namespace qw::ui {

class OptionEditorFactory final
{
    Q_DECLARE_TR_FUNCTIONS(qw::ui::OptionEditorFactory)

public:
    OptionEditorFactory() = delete;

    // An editor showing `value` (empty: the option's default); `edited` runs on every change the
    // user makes.
    [[nodiscard]] static QWidget *create(const OptionSpec &spec, const QString &value,
                                         const std::function<void()> &edited);
    // What `editor` (made by create() for `spec`) holds; empty when the option is left unset.
    [[nodiscard]] static QString value(const OptionSpec &spec, const QWidget *editor);

    // Whether `spec` means anything for `adapter`: the common `currency` option picks a headline
    // currency, which platforms that only report tokens, characters or a share of a usage window
    // (kinds() is Quota alone, or nothing) never have.
    [[nodiscard]] static bool applies(const OptionSpec &spec, const Adapter &adapter);

    // The option's name for people, in the current language, "*" marking a required one.
    [[nodiscard]] static QString label(const OptionSpec &spec);
    [[nodiscard]] static QString help(const OptionSpec &spec);
    // A platform text kept in English by the adapters (the CLI prints them), in the current
    // language: they are marked for translation in the context qw::Platforms.
    [[nodiscard]] static QString platformText(const QString &english);
};

} // namespace qw::ui
