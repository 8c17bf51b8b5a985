// The REST API for tests/bench/rest_bench.sh, in a process of its own: a fresh SQLite database
// with one account owning --keys keys, each with a week of 30-minute checks (so every key has a
// latest check and a forecast), served on a free loopback port. Writes "PORT TOKEN" (a personal
// access token of that throwaway account) to --out-file, then serves until its standard input
// closes or it is told to stop.
#include "core/crypto/fernet.h"
#include "core/rest/restapi.h"
#include "core/session/session.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace qw;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption keysOption(QStringLiteral("keys"), QStringLiteral("Keys of the account."),
                                        QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption outFile(QStringLiteral("out-file"), QStringLiteral("Where to write PORT TOKEN."),
                                     QStringLiteral("FILE"));
    parser.addOptions({keysOption, outFile});
    parser.process(app);
    const int keyCount = parser.value(keysOption).toInt();

    QTemporaryDir dir;
    auto url = DatabaseUrl::parse(dir.filePath(QStringLiteral("rest-bench.db")));
    if (!url)
        return 1;
    auto db = Database::open(*url, QStringLiteral("rest-bench"));
    auto fernet = Fernet::fromKey(Fernet::generateKey().view());
    if (!db || !fernet) {
        std::fprintf(stderr, "cannot open the database or make a master key\n");
        return 1;
    }
    const SystemClock clock;
    Session session(std::move(*db), Vault(std::move(*fernet)), clock);
    auto user = session.accounts().registerUser(QStringLiteral("bench"), QStringLiteral("bench-password"));
    if (!user) {
        std::fprintf(stderr, "%s\n", qPrintable(user.error().message));
        return 1;
    }
    KeyService keys = session.keysOf(user->id);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<Snapshot> snapshots;
    for (int i = 0; i < keyCount; ++i) {
        ApiKey key;
        key.name = QStringLiteral("key %1").arg(i);
        key.platform = QStringLiteral("deepseek");
        key.baseUrl = QStringLiteral("http://127.0.0.1:9"); // never checked: the engine is not started
        key.tags = {QStringLiteral("bench")};
        auto id = keys.add(PendingKey{key, SecureBytes::copyOf("sk-bench-0123456789abcdef")});
        if (!id) {
            std::fprintf(stderr, "%s\n", qPrintable(id.error().message));
            return 1;
        }
        for (int check = 0; check < 48 * 7; ++check) {
            Snapshot snapshot;
            snapshot.keyId = *id;
            snapshot.checkedAt = now.addSecs(-1800LL * (48 * 7 - check));
            snapshot.kind = ReadingKind::Balance;
            snapshot.remaining = Amount::fromMicros(500'000'000LL - check * 10'000LL);
            snapshot.unit = QStringLiteral("CNY");
            snapshot.balances = {{*snapshot.remaining, QStringLiteral("CNY")}};
            snapshots.push_back(snapshot);
        }
    }
    if (!SnapshotRepository(session.database()).insertMany(snapshots)) {
        std::fprintf(stderr, "cannot store the checks\n");
        return 1;
    }
    auto token = session.accounts().createToken(user->id, QStringLiteral("bench"));
    if (!token) {
        std::fprintf(stderr, "%s\n", qPrintable(token.error().message));
        return 1;
    }

    rest::RestApi api(session);
    rest::RestOptions options;
    options.endpoint.host = QStringLiteral("127.0.0.1");
    options.endpoint.port = 0;
    auto listening = api.start(options);
    if (!listening) {
        std::fprintf(stderr, "%s\n", qPrintable(listening.error().message));
        return 1;
    }
    QFile out(parser.value(outFile));
    if (!out.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write the out file\n");
        return 1;
    }
    out.write(QByteArray::number(listening->port()) + ' ' + token->token.toUtf8() + '\n');
    out.close();

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
