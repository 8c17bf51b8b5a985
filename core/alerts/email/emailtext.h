// Small text rules the e-mail composer and the SMTP transport share: control characters never
// reach a header or a message line, user input is quoted when shown.
#pragma once

#include <QChar>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace qw {

class EmailText final
{
public:
    [[nodiscard]] static bool isControl(QChar c);
    [[nodiscard]] static bool hasControl(QStringView text);
    [[nodiscard]] static bool isPrintableAscii(QStringView text);
    // Line breaks and other control characters become spaces, so a header value stays on its line.
    [[nodiscard]] static QString withoutControls(QString text);
    // Shows user input inside a message without letting it break the message's line.
    [[nodiscard]] static QString quoted(const QString &text);
    // The entries that are not blank (a trailing empty recipient line is not a recipient).
    [[nodiscard]] static QStringList nonBlank(const QStringList &list);
};

} // namespace qw
