// Runs the event loop until a condition holds or a safety timeout passes, so a bug fails the
// test instead of hanging the suite.
#pragma once

#include <QEventLoop>
#include <QTimer>
#include <functional>

namespace qw::test {

inline constexpr int kSafetyMs = 10000;

inline bool waitFor(const std::function<bool()> &done, int timeoutMs = kSafetyMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(2);
    safety.start(timeoutMs);
    loop.exec();
    return done();
}

} // namespace qw::test
