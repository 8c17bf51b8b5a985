#include "app/cli/servelog.h"

#include <QByteArray>
#include <QList>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace qw::cli {

ServeLog::ServeLog(QTextStream &err, bool journal)
    : m_err(err)
    , m_journal(journal)
{}

bool ServeLog::stderrIsJournal()
{
#ifdef Q_OS_UNIX
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const QList<QByteArray> parts = stream.split(':');
    if (parts.size() != 2)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts[0].toULongLong(&deviceOk);
    const qulonglong inode = parts[1].toULongLong(&inodeOk);
    struct stat status
    {
    };
    if (!deviceOk || !inodeOk || ::fstat(STDERR_FILENO, &status) != 0)
        return false;
    return qulonglong(status.st_dev) == device && qulonglong(status.st_ino) == inode;
#else
    return false;
#endif
}

void ServeLog::write(Priority priority, const QString &line, const QDateTime &at)
{
    if (m_journal)
        m_err << '<' << int(priority) << '>';
    else if (at.isValid())
        m_err << at.toString(Qt::ISODate) << ' ';
    // A message with a line break would become two journal entries, the second without its
    // priority: one entry per event.
    QString text = line;
    text.replace(u'\n', u' ');
    m_err << text << Qt::endl;
}

} // namespace qw::cli
