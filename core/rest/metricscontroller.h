// GET /metrics: the keys' balances, check results and forecasts, the checks made since the
// process started and the process's own figures, in Prometheus' text format 0.0.4. The caller's
// keys with a token; every account's keys when the server was started with metrics public.
#pragma once

#include "core/analytics/keymetrics.h"
#include "core/rest/calleranswercache.h"
#include "core/rest/processmetrics.h"
#include "core/rest/restcontroller.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>

namespace qw {
class Session;
}

namespace qw::rest {

class MetricsController final : public RestController
{
public:
    // Counts the session engine's checks from now on.
    MetricsController(Session &session, bool isPublic);
    void addRoutes(Router &router) override;

    // The scrape's text: `checks` by status name ("ok", "auth_error", ...).
    [[nodiscard]] static QByteArray render(const std::vector<KeyGauge> &keys,
                                           const QMap<QString, qint64> &checks,
                                           const ProcessMetrics &process);
    // The quotawatch_* families of the keys; the counters' and the process's.
    [[nodiscard]] static QByteArray renderKeys(const std::vector<KeyGauge> &keys);
    [[nodiscard]] static QByteArray renderProcess(const QMap<QString, qint64> &checks,
                                                  const ProcessMetrics &process);
    // A label value as the format wants it: backslash, double quote and line feed escaped.
    [[nodiscard]] static QByteArray escapeLabel(const QString &value);

private:
    void metrics(const RestRequest &request, RestReply reply);

    Session &m_session;
    bool m_public;
    KeyMetrics m_keyMetrics; // kept between scrapes: it remembers the forecasts
    QMap<QString, qint64> m_checks;
    CallerAnswerCache m_keysText; // the keys' families, by account; -1: every account's
    // Reading /proc costs more than the rest of a cached scrape: at most once a second.
    static constexpr qint64 kProcessReadEveryMs = 1000;
    ProcessMetrics m_process;
    qint64 m_processReadAtMs = -1;
    QElapsedTimer m_clock;
    QObject m_context; // ends the connection to the engine's checks with the controller
};

} // namespace qw::rest
