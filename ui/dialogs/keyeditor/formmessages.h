// How the key editor says what is wrong: red-on-any-theme notes under fields and in the status
// lines, and validator messages turned into sentences. Shared by the form and the dialog.
#pragma once

#include <QString>

class QColor;
class QLabel;
class QPalette;
class QWidget;

namespace qw::ui::formmessages {

// Validator messages are written to follow "error:" on a command line; inline they start a sentence.
[[nodiscard]] QString sentence(QString message);
void paintAsError(QLabel *label, bool error);
// A hidden, plain-text, word-wrapped label painted as an error.
[[nodiscard]] QLabel *errorLabel(const QString &objectName, QWidget *parent);
// A field whose value has a problem: its background tinted, the message its accessible description.
void markInvalid(QWidget *editor, const QString &message, bool invalid);

} // namespace qw::ui::formmessages
