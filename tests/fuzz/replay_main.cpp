// Without libFuzzer (the normal GCC build), replays every platform over its recorded fixtures
// and systematic damage to them — every prefix cut and single-byte corruption — so the inputs
// that found bugs keep being run by ctest. Exit code 0 when every run ended by the rules.
#include "adapters/platformregistry.h"
#include "tests/fuzz/adapterfuzz.h"

#include <QDir>
#include <QFile>
#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s FIXTURES_DIR\n", argv[0]);
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    const qw::PlatformRegistry registry = qw::PlatformRegistry::builtin();
    long runs = 0;
    for (const auto &adapter : registry.all()) {
        const QByteArray platform = adapter->id().toLatin1();
        QList<QByteArray> seeds{QByteArrayLiteral("{}"), QByteArrayLiteral("[]"), QByteArrayLiteral("null"),
                                QByteArrayLiteral("<html></html>"), QByteArray()};
        // A region of a platform (moonshot-intl, siliconflow-intl) shares its recorded answers.
        QString folder = adapter->id();
        if (!root.exists(folder) && folder.endsWith(QLatin1String("-intl")))
            folder.chop(5);
        const QDir dir(root.filePath(folder));
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                seeds << file.readAll();
        }
        for (const QByteArray &seed : std::as_const(seeds)) {
            for (std::uint8_t status = 0; status < 10; ++status) {
                QByteArray input = QByteArray(1, char(status)) + seed;
                qw::fuzz::runAdapter(platform.constData(),
                                     reinterpret_cast<const std::uint8_t *>(input.constData()),
                                     std::size_t(input.size()));
                ++runs;
            }
            for (qsizetype cut = 1; cut < seed.size(); cut += 3) {
                const QByteArray input = QByteArray(1, '\0') + seed.left(cut);
                qw::fuzz::runAdapter(platform.constData(),
                                     reinterpret_cast<const std::uint8_t *>(input.constData()),
                                     std::size_t(input.size()));
                ++runs;
            }
            for (qsizetype at = 0; at < seed.size(); at += 5) {
                for (const char replacement : {'"', '0', '-', '}', 'x'}) {
                    QByteArray input = QByteArray(1, '\0') + seed;
                    input[at + 1] = replacement;
                    qw::fuzz::runAdapter(platform.constData(),
                                         reinterpret_cast<const std::uint8_t *>(input.constData()),
                                         std::size_t(input.size()));
                    ++runs;
                }
            }
        }
    }
    std::printf("%ld adapter runs over %lld platforms ended by the rules\n", runs,
                qlonglong(registry.all().size()));
    return 0;
}
