#include "ui/dialogs/keyeditor/formmessages.h"

#include "ui/widgets/statuspalette.h"

#include <QColor>
#include <QLabel>
#include <QPalette>

namespace qw::ui::formmessages {

namespace {

QColor blend(const QColor &base, const QColor &tint, float share)
{
    return QColor::fromRgbF(base.redF() * (1 - share) + tint.redF() * share,
                            base.greenF() * (1 - share) + tint.greenF() * share,
                            base.blueF() * (1 - share) + tint.blueF() * share);
}

} // namespace

QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message.at(0).toUpper();
    return message;
}

void paintAsError(QLabel *label, bool error)
{
    if (!error) {
        label->setPalette(QPalette());
        return;
    }
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, StatusPalette::error(palette));
    label->setPalette(palette);
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    paintAsError(label, true);
    label->hide();
    return label;
}

void markInvalid(QWidget *editor, const QString &message, bool invalid)
{
    if (editor->property("invalid").toBool() == invalid)
        return;
    editor->setProperty("invalid", invalid);
    editor->setAccessibleDescription(invalid ? message : QString());
    if (invalid) {
        QPalette palette = editor->palette();
        palette.setColor(QPalette::Base,
                         blend(palette.color(QPalette::Base), StatusPalette::error(palette), 0.18f));
        editor->setPalette(palette);
    } else {
        editor->setPalette(QPalette());
    }
}

} // namespace qw::ui::formmessages
