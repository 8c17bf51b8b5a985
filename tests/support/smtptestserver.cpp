#include "tests/support/smtptestserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace qw::test {

namespace {

struct ProcessRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray err;
};

ProcessRun runTool(const QString &program, const QStringList &args, const QString &workDir = {})
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(program, args);
    ProcessRun result;
    if (!process.waitForStarted(10'000))
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(60'000) && process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.err = process.readAllStandardError();
    return result;
}

struct PythonProbe
{
    QString program;
    QString missing;
};

const PythonProbe &pythonProbe()
{
    static const PythonProbe probe = [] {
        QStringList candidates;
        if (const QString forced = qEnvironmentVariable("QW_PYTHON3"); !forced.isEmpty())
            candidates << forced;
        candidates << QStringLiteral("python3") << QStringLiteral("/usr/bin/python3");
        QString reasons;
        for (const QString &candidate : candidates) {
            const ProcessRun probeRun =
                runTool(candidate, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")});
            if (probeRun.finished && probeRun.exitCode == 0)
                return PythonProbe{candidate, {}};
            reasons += QStringLiteral("; ") + candidate +
                       (probeRun.finished ? QStringLiteral(": no aiosmtpd") : QStringLiteral(": cannot run"));
        }
        return PythonProbe{
            {}, QStringLiteral("no python3 with aiosmtpd (Debian package python3-aiosmtpd)") + reasons};
    }();
    return probe;
}

struct TestCertificate
{
    QString certFile;
    QString keyFile;
    QString missing;
};

const TestCertificate &testCertificate()
{
    // Lives as long as the process: clients of every test take the certificate as their CA file.
    static QTemporaryDir dir;
    static const TestCertificate cert = [] {
        if (!dir.isValid())
            return TestCertificate{{}, {}, QStringLiteral("no temporary folder for the certificate")};
        const ProcessRun made =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                     QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                     QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-keyout"), QStringLiteral("key.pem"),
                     QStringLiteral("-out"), QStringLiteral("cert.pem")},
                    dir.path());
        if (!made.finished || made.exitCode != 0)
            return TestCertificate{{},
                                   {},
                                   QStringLiteral("openssl could not make a test certificate: ") +
                                       QString::fromLocal8Bit(made.err).trimmed()};
        return TestCertificate{
            dir.filePath(QStringLiteral("cert.pem")), dir.filePath(QStringLiteral("key.pem")), {}};
    }();
    return cert;
}

QString modeName(SmtpTestServer::Mode mode)
{
    switch (mode) {
    case SmtpTestServer::Mode::Plain:
        return QStringLiteral("plain");
    case SmtpTestServer::Mode::StartTls:
        return QStringLiteral("starttls");
    case SmtpTestServer::Mode::Tls:
        return QStringLiteral("tls");
    }
    return {};
}

} // namespace

QJsonObject SmtpMessage::decoded() const
{
    return meta.value(QLatin1String("decoded")).toObject();
}

QStringList SmtpMessage::recipients() const
{
    QStringList list;
    for (const QJsonValue &entry : meta.value(QLatin1String("rcpt_tos")).toArray())
        list << entry.toString();
    return list;
}

QString SmtpMessage::subject() const
{
    return decoded().value(QLatin1String("subject")).toString();
}

QString SmtpMessage::body() const
{
    return decoded().value(QLatin1String("body")).toString();
}

SmtpTestServer::SmtpTestServer()
{
    // Python tracebacks go straight to the test output.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

SmtpTestServer::~SmtpTestServer()
{
    stop();
}

std::optional<QString> SmtpTestServer::python()
{
    const PythonProbe &probe = pythonProbe();
    if (probe.program.isEmpty())
        return std::nullopt;
    return probe.program;
}

QString SmtpTestServer::certificateFile()
{
    return testCertificate().certFile;
}

QString SmtpTestServer::skipReason(Mode mode)
{
    if (!python())
        return pythonProbe().missing;
    if (mode != Mode::Plain && certificateFile().isEmpty())
        return testCertificate().missing;
    return {};
}

QString SmtpTestServer::maildir() const
{
    return m_dir.filePath(QStringLiteral("mail"));
}

bool SmtpTestServer::start(Mode mode, const QString &user, const QByteArray &password, quint16 port)
{
    stop();
    m_port = 0;
    m_error.clear();
    if (const QString reason = skipReason(mode); !reason.isEmpty()) {
        m_error = reason;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    // The sink numbers messages from 1 in each run; an old run's files would be read as new.
    if (!QDir(maildir()).removeRecursively()) {
        m_error = QStringLiteral("cannot empty the mailbox ") + maildir();
        return false;
    }

    QStringList args{QStringLiteral(QW_FIXTURES_DIR "/smtp_sink.py"), QStringLiteral("--port"),
                     QString::number(port), QStringLiteral("--maildir"), maildir(), QStringLiteral("--mode"),
                     modeName(mode),
                     // It also exits when our end of its stdin closes, so a crashed test leaves
                     // no server behind.
                     QStringLiteral("--watch-stdin")};
    if (mode != Mode::Plain)
        args << QStringLiteral("--cert") << testCertificate().certFile << QStringLiteral("--key")
             << testCertificate().keyFile;
    if (!user.isEmpty())
        args << QStringLiteral("--user") << user << QStringLiteral("--password")
             << QString::fromUtf8(password);
    m_process.start(*python(), args);
    if (!m_process.waitForStarted(10'000)) {
        m_error = QStringLiteral("smtp_sink.py did not start: ") + m_process.errorString();
        return false;
    }
    // The first line on stdout is the port, printed once it listens.
    QElapsedTimer timer;
    timer.start();
    while (!m_process.canReadLine() && timer.elapsed() < 15'000) {
        if (!m_process.waitForReadyRead(500) && m_process.state() == QProcess::NotRunning)
            break;
    }
    bool ok = false;
    const QByteArray line = m_process.readLine().trimmed();
    const quint16 listening = line.toUShort(&ok);
    if (!ok || listening == 0 || (port != 0 && listening != port)) {
        m_error = QStringLiteral("smtp_sink.py did not report its port (got \"%1\", exit code %2)")
                      .arg(QString::fromUtf8(line))
                      .arg(m_process.exitCode());
        stop();
        return false;
    }
    m_port = listening;
    return true;
}

int SmtpTestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (!m_process.waitForFinished(5'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

std::vector<SmtpMessage> SmtpTestServer::messages() const
{
    std::vector<SmtpMessage> messages;
    const QDir dir(maildir());
    for (int n = 1;; ++n) {
        // The .eml is renamed into place last, so once it is there the .json is complete too.
        QFile eml(dir.filePath(QString::number(n) + QStringLiteral(".eml")));
        QFile json(dir.filePath(QString::number(n) + QStringLiteral(".json")));
        if (!eml.open(QIODevice::ReadOnly) || !json.open(QIODevice::ReadOnly))
            break;
        messages.push_back({eml.readAll(), QJsonDocument::fromJson(json.readAll()).object()});
    }
    return messages;
}

} // namespace qw::test
