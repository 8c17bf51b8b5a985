#include "core/alerts/email/emailtext.h"

#include <algorithm>

namespace qw {

bool EmailText::isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7f;
}

bool EmailText::hasControl(QStringView text)
{
    return std::any_of(text.begin(), text.end(), isControl);
}

bool EmailText::isPrintableAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

QString EmailText::withoutControls(QString text)
{
    for (QChar &c : text) {
        if (isControl(c))
            c = u' ';
    }
    return text;
}

QString EmailText::quoted(const QString &text)
{
    return u'"' + withoutControls(text) + u'"';
}

QStringList EmailText::nonBlank(const QStringList &list)
{
    QStringList result;
    for (const QString &entry : list) {
        if (!entry.trimmed().isEmpty())
            result.append(entry);
    }
    return result;
}

} // namespace qw
