#include "ui/dialogs/accesstokendialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qw::ui {

AccessTokenDialog::AccessTokenDialog(const QString &name, const QString &token, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("accessTokenDialog"));
    setWindowTitle(tr("Access token “%1”").arg(name));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Scripts and Prometheus sign in with this token, sent as "
                                "“Authorization: Bearer <token>”."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_token = new QLineEdit(token, this);
    m_token->setObjectName(QStringLiteral("tokenValue"));
    m_token->setReadOnly(true);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_token->setMinimumWidth(m_token->fontMetrics().horizontalAdvance(token) + 24);
    row->addWidget(m_token, 1);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyToken"));
    row->addWidget(m_copy);
    layout->addLayout(row);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_token->text());
        m_copy->setText(tr("Copied"));
    });

    auto *note = new QLabel(tr("Copy it now: it is stored only as a hash and will not be shown again. "
                               "If it is lost, revoke it and create another."),
                            this);
    note->setObjectName(QStringLiteral("tokenNote"));
    note->setWordWrap(true);
    QFont bold = note->font();
    bold.setBold(true);
    note->setFont(bold);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
    m_token->selectAll();
}

AccessTokenDialog::~AccessTokenDialog()
{
    // The plain token lives no longer than the window.
    m_token->clear();
}

} // namespace qw::ui
