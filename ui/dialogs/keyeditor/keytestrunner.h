// The key editor's "Test": one check of a key as the form describes it, run without storing
// anything, and what it found in words. A newer test overtakes a running one.
#pragma once

#include "core/model/apikey.h"
#include "core/poll/keytester.h"

#include <QObject>
#include <QString>

namespace qw {
class Session;
}

namespace qw::ui {

class KeyTestRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyTestRunner)

public:
    explicit KeyTestRunner(Session &session, QObject *parent = nullptr);
    ~KeyTestRunner() override;

    // Checks `key` once with `secret`; finished() follows, unless a newer start() or cancel()
    // comes first.
    void start(const ApiKey &key, SecureBytes secret);
    // The running test reports to nobody.
    void cancel();

    // What a check found, in words: the reading, or why it failed.
    [[nodiscard]] static QString describe(const Snapshot &snapshot);

signals:
    void finished(bool ok, const QString &message);

private:
    KeyTester m_tester;
    int m_run = 0; // a result is reported only while it is the latest one
};

} // namespace qw::ui
