// The lines `quotawatch serve` writes on stderr, in the form their reader wants: on a terminal or
// in a file a timestamp in front of what happened at a known time; in the systemd journal (stderr
// connected to it, JOURNAL_STREAM) the syslog priority in front, "<3>" … "<6>" as sd-daemon(3)
// describes, and no timestamp, since the journal stamps every line itself.
#pragma once

#include <QDateTime>
#include <QString>
#include <QTextStream>

namespace qw::cli {

class ServeLog final
{
public:
    // Syslog priorities (sd-daemon.h's SD_ERR, SD_WARNING, SD_NOTICE, SD_INFO).
    enum class Priority
    {
        Error = 3,
        Warning = 4,
        Notice = 5,
        Info = 6,
    };

    ServeLog(QTextStream &err, bool journal);

    // Whether this process's stderr is the journal: JOURNAL_STREAM holds the device and inode
    // of the stream systemd connected, and they are still those of file descriptor 2 (a child
    // whose stderr was redirected elsewhere inherits the variable but must not use the prefix).
    [[nodiscard]] static bool stderrIsJournal();

    // One line; `at` (when valid) is written in front of it outside the journal.
    void write(Priority priority, const QString &line, const QDateTime &at = {});

private:
    QTextStream &m_err;
    bool m_journal;
};

} // namespace qw::cli
