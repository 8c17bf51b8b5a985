#include "core/rest/processmetrics.h"

#include <QDir>
#include <QFile>
#include <QList>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace qw::rest {

namespace {

QByteArray readProc(const char *path)
{
    QFile file(QString::fromLatin1(path));
    // /proc files report size 0: read until the end rather than by size.
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

ProcessMetrics ProcessMetrics::read()
{
    ProcessMetrics metrics;
#ifdef Q_OS_UNIX
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        metrics.cpuSeconds = double(usage.ru_utime.tv_sec) + double(usage.ru_stime.tv_sec) +
                             (double(usage.ru_utime.tv_usec) + double(usage.ru_stime.tv_usec)) / 1e6;
#endif
#ifdef Q_OS_LINUX
    const long pageSize = sysconf(_SC_PAGESIZE);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    // statm: size resident shared text lib data dt, in pages.
    const QList<QByteArray> statm = readProc("/proc/self/statm").split(' ');
    if (statm.size() > 1 && pageSize > 0)
        metrics.residentMemoryBytes = double(statm.at(1).toLongLong()) * double(pageSize);

    // stat: the command name in parentheses may hold spaces; field 22 (starttime, in clock ticks
    // since boot) counts from the field after the closing parenthesis, which is field 3.
    const QByteArray stat = readProc("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    qint64 bootTime = 0;
    for (const QByteArray &line : readProc("/proc/stat").split('\n')) {
        if (line.startsWith("btime "))
            bootTime = line.mid(6).trimmed().toLongLong();
    }
    if (close > 0 && fields.size() > 19 && bootTime > 0 && ticksPerSecond > 0)
        metrics.startTimeSeconds =
            double(bootTime) + double(fields.at(19).toLongLong()) / double(ticksPerSecond);

    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (fds.exists())
        metrics.openFds =
            double(fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
#endif
    return metrics;
}

} // namespace qw::rest
