// Answers built from the keys and their checks (a caller's key list, the keys' part of a scrape),
// kept per caller so that a dashboard polling many times a second does not rebuild them. An answer
// is forgotten at once when a key changes or a check is stored through this process, and is
// never used once it is kMaxAgeMs old, which bounds what no signal reports (another process's
// edit before the engine sees it).
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace qw {
class Session;
}

namespace qw::rest {

class CallerAnswerCache final
{
public:
    static constexpr qint64 kMaxAgeMs = 1000;

    // `session` must outlive the cache.
    explicit CallerAnswerCache(Session &session);
    Q_DISABLE_COPY_MOVE(CallerAnswerCache)

    // The answer kept for `caller`, or null when there is none that is fresh enough.
    [[nodiscard]] const QByteArray *find(qint64 caller) const;
    const QByteArray &store(qint64 caller, QByteArray answer);

private:
    struct Entry
    {
        QByteArray answer;
        qint64 madeAtMs = 0;
    };

    QHash<qint64, Entry> m_entries;
    QElapsedTimer m_clock;
    QObject m_context; // ends the connections to the session with the cache
};

} // namespace qw::rest
