#include "ui/widgets/checkallprogress.h"

#include "core/poll/scheduler.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace qw::ui {

CheckAllProgress::CheckAllProgress(Scheduler &scheduler, QWidget *parent)
    : QWidget(parent)
    , m_scheduler(scheduler)
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("checkAllProgress"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    // Room for "9999 / 10000" without taking the status bar's messages away.
    m_bar->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("99999 / 99999")) * 2);
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, &m_scheduler, &Scheduler::cancelCheckAll);
    connect(&m_scheduler, &Scheduler::checkAllProgress, this, &CheckAllProgress::onProgress);
    connect(&m_scheduler, &Scheduler::checkAllEnded, this, [this](bool cancelled) {
        hide();
        emit ended(cancelled);
    });
    retranslate();
    setVisible(m_scheduler.checkAllRunning());
}

void CheckAllProgress::retranslate()
{
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop checking every key: the checks already running finish and are kept"));
    // %v and %m: QProgressBar's value and maximum.
    m_bar->setFormat(tr("Checked %v of %m"));
}

void CheckAllProgress::onProgress(int done, int total)
{
    if (total <= 0) {
        hide();
        return;
    }
    m_bar->setRange(0, total);
    m_bar->setValue(done);
    show();
}

} // namespace qw::ui
