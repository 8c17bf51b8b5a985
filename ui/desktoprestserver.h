// The REST API inside the desktop app: the same rest::RestApi as `quotawatch serve`, on the
// desktop's Session, with its options from the same rest::RestConfiguration. Started when
// Settings → REST API enables it, restarted when its settings change, stopped when they disable
// it. What it listens on, or why it could not start (port in use, a TLS file), is kept for the
// status bar and the settings page; a failure never stops the app.
#pragma once

#include "core/session/configuration.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace qw {
class Session;
}

namespace qw::rest {
class RestApi;
}

namespace qw::ui {

class DesktopRestServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopRestServer)

public:
    enum class State
    {
        Off,       // not enabled in the settings
        Listening, // url() answers
        Failed,    // enabled, but problem() says why it does not listen
    };

    // `session` must outlive this object. `configuration` is the desktop's (its saved settings are
    // read afresh on every applySettings()).
    DesktopRestServer(Session &session, Configuration configuration, QObject *parent = nullptr);
    ~DesktopRestServer() override;

    // Brings the server in line with the saved settings: starts, restarts (only when an option
    // changed, so open clients are not cut off by an unrelated OK) or stops it.
    void applySettings();
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QUrl url() const { return m_url; }
    // Why it is not listening although enabled (State::Failed).
    [[nodiscard]] QString problem() const { return m_problem; }
    // One line for the status bar and the settings page, in the current language; empty when off.
    [[nodiscard]] QString statusText() const;

signals:
    void stateChanged();

private:
    void setState(State state, const QUrl &url, const QString &problem);

    Session &m_session;
    Configuration m_configuration;
    std::unique_ptr<rest::RestApi> m_api;
    QString m_runningOptions; // the options the server listens with, to see whether they changed
    State m_state = State::Off;
    QUrl m_url;
    QString m_problem;
};

} // namespace qw::ui
