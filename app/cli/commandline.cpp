#include "app/cli/commandline.h"

#include "app/cli/alertscommand.h"
#include "app/cli/channelscommand.h"
#include "app/cli/checkcommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/dbcommand.h"
#include "app/cli/historycommand.h"
#include "app/cli/keyscommand.h"
#include "app/cli/masterkeycommand.h"
#include "app/cli/platformscommand.h"
#include "app/cli/servecommand.h"
#include "app/cli/tokencommand.h"
#include "app/cli/usercommand.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace qw::cli {

namespace {

const char *const kUsage =
    "Usage: quotawatch [--db URL] COMMAND [options]\n"
    "Watches the balance, credit and quota of AI API keys. Without a command, starts the desktop app.\n"
    "\n"
    "Commands:\n"
    "  platforms [--json]            list the platforms a key can belong to\n"
    "  keys add --name N --platform P [--base-url URL] [--threshold X] [--interval 30m] [--option k=v]...\n"
    "                                add a key (secret on standard input); prints its id\n"
    "  keys edit ID [--name N] [--platform P] [--base-url URL] [--option k=v]... [--secret-stdin] "
    "[--rebind]\n"
    "                                change a key; another platform or server needs --secret-stdin or "
    "--rebind\n"
    "  keys list [--json]            list the keys (never their secrets)\n"
    "  keys remove ID                remove a key and its history\n"
    "  keys import FILE.csv          add many keys from a CSV file, all or none\n"
    "  keys test --platform P [--base-url URL] [--option k=v]...\n"
    "                                check a key once without saving it (secret on standard input)\n"
    "  check [ID...] [--json] [--concurrency N] [--per-host N]\n"
    "                                check keys now (default: every enabled key) and store the results\n"
    "  history ID [--from T] [--to T] [--csv|--json]\n"
    "                                a key's stored checks (T: 2026-01-31, 2026-01-31T08:00:00Z, 7d, 24h)\n"
    "  channels add --kind K --name N ...   add where alerts go: email (SMTP) or webhook, slack, discord,\n"
    "                                telegram, feishu, dingtalk, wecom (secrets on standard input)\n"
    "  channels list [--json] | channels test ID | channels remove ID\n"
    "  alerts [--key ID] [--json]    the alerts raised, newest first, and where they were delivered\n"
    "  alerts settings [--failing-after 1h] [--forecast-days 3] [--spike-factor 5]\n"
    "                                show or change when key_failing, forecast_empty, spend_spike fire\n"
    "  user add NAME [--admin] | user passwd NAME   (password on standard input)\n"
    "  user list [--json] | user remove NAME | user registration [open|close]\n"
    "                                accounts of the REST API; registration: self-service sign-up\n"
    "  token create NAME [--user U] | token list [--user U] [--json] | token revoke ID [--user U]\n"
    "                                personal access tokens for scripts and Prometheus (shown once)\n"
    "  master-key export | master-key import [--replace] | master-key rotate\n"
    "                                share the master key between instances (import reads stdin)\n"
    "  db stats [--json] | db compact | db retention [DAYS]\n"
    "                                the database's size and rows; roll old checks up now and VACUUM;\n"
    "                                how many days raw checks are kept (default 90)\n"
    "  serve --no-rest [--concurrency N] [--per-host N]\n"
    "                                check every enabled key on its schedule until SIGINT/SIGTERM\n"
    "\n"
    "Global options:\n"
    "  --db URL      sqlite:///path.db, a file path, or postgresql://user:pass@host:port/db\n"
    "                (default: $QUOTAWATCH_DB, else a SQLite file in the app-data folder)\n"
    "  --version     print the version\n"
    "  -h, --help    show this help\n"
    "\n"
    "Environment: QUOTAWATCH_DB, QUOTAWATCH_MASTER_KEY (a Fernet key used instead of the OS keychain),\n"
    "  QUOTAWATCH_MASTER_KEY_FILE (a file holding that key, not readable by others); under systemd the\n"
    "  credential master-key (LoadCredential=) is used the same way.\n"
    "Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 master key problem, 4 database problem.\n";

// The command table: every command `quotawatch` knows, by the word that calls it.
std::vector<std::unique_ptr<Command>> commands()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<PlatformsCommand>());
    list.push_back(std::make_unique<KeysCommand>());
    list.push_back(std::make_unique<CheckCommand>());
    list.push_back(std::make_unique<AlertsCommand>());
    list.push_back(std::make_unique<ChannelsCommand>());
    list.push_back(std::make_unique<HistoryCommand>());
    list.push_back(std::make_unique<ServeCommand>());
    list.push_back(std::make_unique<UserCommand>());
    list.push_back(std::make_unique<TokenCommand>());
    list.push_back(std::make_unique<MasterKeyCommand>());
    list.push_back(std::make_unique<DbCommand>());
    return list;
}

} // namespace

GlobalOptions extractGlobalOptions(const QStringList &args)
{
    GlobalOptions options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("--db") || arg == QLatin1String("-db")) {
            options.db = i + 1 < args.size() ? args[++i] : QString();
        } else if (arg.startsWith(QLatin1String("--db="))) {
            options.db = arg.mid(5);
        } else {
            options.commandArgs << arg;
            continue;
        }
        // A missing or empty value is a mistake (an unset shell variable, say), never "use the
        // default database".
        if (options.db.trimmed().isEmpty()) {
            options.error = QStringLiteral("--db needs a value, e.g. --db sqlite:///path/to/quotawatch.db");
            return options;
        }
    }
    return options;
}

int runCommandLine(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return runCommandLine(args, out, err, nullptr);
}

int runCommandLine(const QStringList &args, QTextStream &out, QTextStream &err, QIODevice *in)
{
    const GlobalOptions global = extractGlobalOptions(args);
    if (global.error) {
        err << "quotawatch: " << *global.error << Qt::endl;
        return kExitUsage;
    }
    CliContext context(global.db, out, err, in);
    const QString command = global.commandArgs.value(0);
    const QStringList rest = global.commandArgs.mid(1);

    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out << "quotawatch " << QW_VERSION << Qt::endl;
        return kExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        out << kUsage << Qt::flush;
        return kExitOk;
    }
    for (const auto &entry : commands()) {
        if (entry->name() == command)
            return entry->execute(context, rest);
    }

    err << "quotawatch: unknown command “" << command << "”. Run “quotawatch --help” for the list."
        << Qt::endl;
    return kExitUsage;
}

} // namespace qw::cli
