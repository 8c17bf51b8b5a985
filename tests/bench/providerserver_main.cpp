// A provider for benchmarks: answers every GET like DeepSeek's balance endpoint after a fixed
// delay, on 127.0.0.1, until its standard input closes or it is terminated. Writes its port to
// the file given with --port-file.
#include "tests/support/testhttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Latency of each answer."),
                                   QStringLiteral("ms"), QStringLiteral("100"));
    const QCommandLineOption portFile(QStringLiteral("port-file"), QStringLiteral("Where to write the port."),
                                      QStringLiteral("file"));
    parser.addOptions({delay, portFile});
    parser.process(app);

    qw::test::TestHttpServer server;
    qw::test::TestResponse balance = qw::test::TestResponse::json(
        R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"}]})");
    balance.delayMs = parser.value(delay).toInt();
    server.route("GET", "/*", balance);

    QFile file(parser.value(portFile));
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write the port file\n");
        return 2;
    }
    file.write(QByteArray::number(server.port()));
    file.close();

    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    QSocketNotifier stdinClosed(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, &app, [] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::quit();
    });
    return app.exec();
}
