// Shows a personal access token just created, the only time its plain text exists: read-only,
// with a Copy button and the note that it will not be shown again.
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace qw::ui {

class AccessTokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessTokenDialog)

public:
    AccessTokenDialog(const QString &name, const QString &token, QWidget *parent = nullptr);
    ~AccessTokenDialog() override;

private:
    QLineEdit *m_token = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace qw::ui
