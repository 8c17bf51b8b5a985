// Acting on a modal dialog from a widget test: QInputDialog::getText, QMessageBox::question and
// exec() block the test until the dialog closes, so the answer is given from a timer.
#pragma once

#include <QApplication>
#include <QTimer>
#include <QWidget>
#include <functional>

namespace qw::test {

// Runs `act` on the next modal dialog of type T once it is open.
template<typename T> void whenModal(std::function<void(T *)> act)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, act] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
            dialog && dialog->isVisible()) {
            timer->stop();
            timer->deleteLater();
            act(dialog);
        }
    });
    timer->start();
}

} // namespace qw::test
