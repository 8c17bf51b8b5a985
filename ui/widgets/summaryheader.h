// The strip above the key table: what remains per currency, one total in the display currency
// (converted only with the rates the user set), how many keys run low, are empty or fail, and when the next
// check is due.
#pragma once

#include <QDateTime>
#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace qw::ui {

struct HeaderFigures
{
    QMap<QString, double> perUnit; // remaining summed per unit, from keys whose last check worked
    int total = 0;
    int low = 0;
    int empty = 0;
    int failing = 0;
    int paused = 0;
    QDateTime nextCheck; // UTC; null when nothing is planned
    // Checks running now: with nothing else planned (the only key is being checked), the header
    // says so rather than "No check planned".
    bool checking = false;
    bool polling = true;
};

class SummaryHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryHeader)

public:
    explicit SummaryHeader(QWidget *parent = nullptr);

    void setFigures(const HeaderFigures &figures);
    // "1 key", "12 keys" (English needs no translation file for it).
    [[nodiscard]] static QString keyCount(int count);
    // The texts shown, for tests: totals (whole, and as shown after eliding), converted total,
    // counts, next check.
    [[nodiscard]] QString totalsText() const;
    [[nodiscard]] QString shownTotalsText() const;
    [[nodiscard]] QString convertedText() const;
    [[nodiscard]] QString countsText() const;
    [[nodiscard]] QString nextCheckText() const;
    // Whether the figures take two lines (too narrow for one).
    [[nodiscard]] bool isTwoLines() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // One line of figures when they fit, else two; `force` lays them out even when unchanged.
    void arrange(bool force);
    void render();
    void elideTotals();

    HeaderFigures m_figures;
    QString m_totalsText;
    QLabel *m_totals = nullptr;
    QLabel *m_converted = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_next = nullptr;
    QGridLayout *m_layout = nullptr;
    bool m_twoLines = false;
};

} // namespace qw::ui
