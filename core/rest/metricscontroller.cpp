#include "core/rest/metricscontroller.h"

#include "core/session/session.h"

#include <QLocale>

namespace qw::rest {

namespace {

constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

// `name{labels} value`; `labels` already escaped and joined.
void sample(QByteArray &out, const char *name, const QByteArray &labels, double value)
{
    out.append(name);
    if (!labels.isEmpty())
        out.append('{').append(labels).append('}');
    out.append(' ').append(number(value)).append('\n');
}

QByteArray keyLabels(const KeyGauge &gauge)
{
    // The id keeps two keys of the same name apart (one series each); the name is what people read.
    return "key_id=\"" + QByteArray::number(gauge.key.id) + "\",key=\"" +
           MetricsController::escapeLabel(gauge.key.name) + '"';
}

} // namespace

MetricsController::MetricsController(Session &session, bool isPublic)
    : m_session(session)
    , m_public(isPublic)
    , m_keyMetrics(session.keyMetrics())
    , m_keysText(session)
{
    // Every status from the start, so a rate() over the counter has no gaps.
    for (CheckStatus status : {CheckStatus::Ok, CheckStatus::AuthError, CheckStatus::RateLimited,
                               CheckStatus::NetworkError, CheckStatus::ProviderError, CheckStatus::ParseError,
                               CheckStatus::Unsupported, CheckStatus::IntegrityError})
        m_checks.insert(toString(status), 0);
    m_clock.start();
    if (m_session.isUnlocked()) {
        QObject::connect(
            &m_session.engine().checks(), &CheckService::checkFinished, &m_context,
            [this](qint64, const Snapshot &snapshot, bool) { ++m_checks[toString(snapshot.status)]; });
    }
}

void MetricsController::addRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/metrics"), m_public ? Access::Public : Access::Authenticated,
               handler(this, &MetricsController::metrics));
}

QByteArray MetricsController::escapeLabel(const QString &value)
{
    QByteArray escaped;
    const QByteArray utf8 = value.toUtf8();
    escaped.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            escaped.append("\\\\");
        else if (c == '"')
            escaped.append("\\\"");
        else if (c == '\n')
            escaped.append("\\n");
        else
            escaped.append(c);
    }
    return escaped;
}

QByteArray MetricsController::render(const std::vector<KeyGauge> &keys, const QMap<QString, qint64> &checks,
                                     const ProcessMetrics &process)
{
    return renderKeys(keys) + renderProcess(checks, process);
}

QByteArray MetricsController::renderKeys(const std::vector<KeyGauge> &keys)
{
    QByteArray out;
    out.reserve(1024 + qsizetype(keys.size()) * 400);
    // Each key's labels once, not once per family: with 10,000 keys escaping and joining them
    // four times was a good part of a scrape.
    std::vector<QByteArray> labels;
    labels.reserve(keys.size());
    for (const KeyGauge &gauge : keys)
        labels.push_back(keyLabels(gauge));

    family(out, "quotawatch_balance", "gauge",
           "What is left on the key by its latest successful check, in the unit named by the unit label.");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const KeyGauge &gauge = keys[i];
        if (!gauge.latest || gauge.latest->status != CheckStatus::Ok)
            continue;
        const QByteArray balanceLabels =
            labels[i] + ",platform=\"" + escapeLabel(gauge.key.platform) + "\",unit=\"";
        if (!gauge.latest->balances.empty()) {
            for (const Balance &balance : gauge.latest->balances)
                sample(out, "quotawatch_balance", balanceLabels + escapeLabel(balance.unit) + '"',
                       balance.amount.toDouble());
        } else if (gauge.latest->remaining) {
            sample(out, "quotawatch_balance", balanceLabels + escapeLabel(gauge.latest->unit) + '"',
                   gauge.latest->remaining->toDouble());
        }
    }

    family(out, "quotawatch_check_ok", "gauge", "1 when the key's latest check succeeded, 0 when it failed.");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].latest)
            sample(out, "quotawatch_check_ok", labels[i], keys[i].latest->status == CheckStatus::Ok ? 1 : 0);
    }

    family(out, "quotawatch_last_check_timestamp_seconds", "gauge",
           "When the key was last checked, in seconds since the Unix epoch.");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].latest)
            sample(out, "quotawatch_last_check_timestamp_seconds", labels[i],
                   double(keys[i].latest->checkedAt.toMSecsSinceEpoch()) / 1000.0);
    }

    family(out, "quotawatch_days_until_empty", "gauge",
           "Days until the key's balance runs out at the spending rate of the last week.");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].daysUntilEmpty)
            sample(out, "quotawatch_days_until_empty", labels[i], *keys[i].daysUntilEmpty);
    }

    return out;
}

QByteArray MetricsController::renderProcess(const QMap<QString, qint64> &checks,
                                            const ProcessMetrics &process)
{
    QByteArray out;
    family(out, "quotawatch_checks_total", "counter",
           "Checks made by this process since it started, by result.");
    for (auto it = checks.begin(); it != checks.end(); ++it)
        sample(out, "quotawatch_checks_total", "status=\"" + escapeLabel(it.key()) + '"', double(it.value()));

    if (process.residentMemoryBytes) {
        family(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        sample(out, "process_resident_memory_bytes", {}, *process.residentMemoryBytes);
    }
    if (process.cpuSeconds) {
        family(out, "process_cpu_seconds_total", "counter",
               "Total user and system CPU time spent in seconds.");
        sample(out, "process_cpu_seconds_total", {}, *process.cpuSeconds);
    }
    if (process.startTimeSeconds) {
        family(out, "process_start_time_seconds", "gauge",
               "Start time of the process since unix epoch in seconds.");
        sample(out, "process_start_time_seconds", {}, *process.startTimeSeconds);
    }
    if (process.openFds) {
        family(out, "process_open_fds", "gauge", "Number of open file descriptors.");
        sample(out, "process_open_fds", {}, *process.openFds);
    }
    return out;
}

void MetricsController::metrics(const RestRequest &request, RestReply reply)
{
    // Public: every account's keys (the operator chose so); otherwise only the caller's.
    const std::optional<qint64> owner =
        m_public ? std::nullopt : std::optional<qint64>(request.user ? request.user->id : -1);
    const qint64 cacheKey = owner.value_or(-1);
    const QByteArray *keysText = m_keysText.find(cacheKey);
    if (!keysText) {
        auto keys = m_keyMetrics.collect(owner, m_session.clock().nowUtc());
        if (!keys)
            return reply.error(keys.error());
        keysText = &m_keysText.store(cacheKey, renderKeys(*keys));
    }
    const qint64 nowMs = m_clock.elapsed();
    if (m_processReadAtMs < 0 || nowMs - m_processReadAtMs >= kProcessReadEveryMs) {
        m_process = ProcessMetrics::read();
        m_processReadAtMs = nowMs;
    }
    // The counters are always fresh.
    reply.send(StatusCode::Ok, *keysText + renderProcess(m_checks, m_process), kContentType);
}

} // namespace qw::rest
