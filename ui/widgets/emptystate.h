// What the main window shows instead of an empty key table: a sentence or two on what QuotaWatch
// does, and the two ways to start, adding a first key or importing a CSV file of keys.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace qw::ui {

class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)

public:
    explicit EmptyState(QWidget *parent = nullptr);

    [[nodiscard]] QPushButton &addButton() { return *m_add; }
    [[nodiscard]] QPushButton &importButton() { return *m_import; }

signals:
    void addKeyRequested();
    void importRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace qw::ui
