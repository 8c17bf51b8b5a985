// Fills a database with keys and a history of checks, for the desktop screenshots (--demo: a
// dozen realistic keys across platforms, some running low, one failing) and for the start-up
// benchmark (--keys 1000 --days 21: about a million snapshots). The master key comes from
// QUOTAWATCH_MASTER_KEY. Every key's next check is set a day ahead, so the app shows the seeded
// state instead of re-checking the fake keys at once. --token-file writes a new personal access
// token of the owner there (mode 0600), for the REST benchmark to call the API as that owner.
#include "adapters/platformregistry.h"
#include "core/accounts/accountservice.h"
#include "core/alerts/alertmessages.h"
#include "core/alerts/channelservice.h"
#include "core/alerts/notificationsender.h"
#include "core/clock.h"
#include "core/crypto/securebytes.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/httpclient.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/unlockeddatabase.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <cmath>
#include <cstdio>
#include <random>

namespace {

using namespace qw;

struct SeedKey
{
    QString name;
    QString platform;
    QString unit;
    double start;   // balance at the start of the history
    double perHour; // typical spending
    QString threshold;
    QStringList tags;
    bool failing = false;
    double topUp = 0; // added once, half way
    // What the reading carries beside its headline (ReadingDetail), so the history and the
    // screenshots show a plan's windows and a wallet's gift and paid pots.
    enum class Details
    {
        None,
        GiftAndPaid,
        PlanWindows,
    } details = Details::None;
};

std::vector<SeedKey> demoKeys()
{
    return {
        {QStringLiteral("Production · OpenRouter"),
         QStringLiteral("openrouter"),
         QStringLiteral("USD"),
         180,
         0.5,
         QStringLiteral("25"),
         {QStringLiteral("prod")}},
        {QStringLiteral("DeepSeek 主账号"),
         QStringLiteral("deepseek"),
         QStringLiteral("CNY"),
         420,
         2.6,
         QStringLiteral("50"),
         {QStringLiteral("prod"), QStringLiteral("团队")},
         false,
         300},
        {QStringLiteral("Kimi 研发"),
         QStringLiteral("moonshot"),
         QStringLiteral("CNY"),
         90,
         0.32,
         QStringLiteral("40"),
         {QStringLiteral("dev")}},
        {QStringLiteral("SiliconFlow batch"),
         QStringLiteral("siliconflow-intl"),
         QStringLiteral("USD"),
         260,
         0.45,
         QStringLiteral("30"),
         {QStringLiteral("batch")},
         false,
         0,
         SeedKey::Details::GiftAndPaid},
        {QStringLiteral("GLM Coding Plan"),
         QStringLiteral("zhipu-coding"),
         QStringLiteral("percent"),
         100,
         0.3,
         QStringLiteral("20"),
         {QStringLiteral("dev")},
         false,
         0,
         SeedKey::Details::PlanWindows},
        {QStringLiteral("Team relay (new-api)"),
         QStringLiteral("newapi"),
         QStringLiteral("USD"),
         75,
         0.25,
         QStringLiteral("10"),
         {QStringLiteral("team-a")}},
        {QStringLiteral("OpenAI org spend"),
         QStringLiteral("openai-admin"),
         QStringLiteral("USD"),
         500,
         1.2,
         QStringLiteral("100"),
         {QStringLiteral("prod")}},
        {QStringLiteral("Anthropic admin"),
         QStringLiteral("anthropic-admin"),
         QStringLiteral("USD"),
         300,
         1.1,
         QStringLiteral("60"),
         {QStringLiteral("prod")}},
        {QStringLiteral("ElevenLabs voices"),
         QStringLiteral("elevenlabs"),
         QStringLiteral("characters"),
         100000,
         420,
         QStringLiteral("20000"),
         {QStringLiteral("media")}},
        {QStringLiteral("Staging OpenRouter"),
         QStringLiteral("openrouter"),
         QStringLiteral("USD"),
         12,
         0.05,
         QStringLiteral("5"),
         {QStringLiteral("staging")}},
        {QStringLiteral("Novita images"),
         QStringLiteral("novita"),
         QStringLiteral("USD"),
         40,
         0.08,
         QStringLiteral("5"),
         {QStringLiteral("media")}},
        {QStringLiteral("Old intern key"),
         QStringLiteral("deepseek"),
         QStringLiteral("CNY"),
         15,
         0.01,
         QStringLiteral("5"),
         {QStringLiteral("dev")},
         true},
    };
}

int failWith(const QString &message)
{
    std::fprintf(stderr, "qw_seed: %s\n", qPrintable(message));
    return 2;
}

// The demo's alert history, for the Alerts window's screenshot: a failing key's alert that
// reached Slack but not Telegram (its robot was removed), and a low balance delivered to both.
// The channels point at a port where nothing listens, so nothing is ever sent from the demo.
Result<void> seedDemoAlerts(Database &db, const Vault &vault, qint64 ownerId,
                            const std::vector<SeedKey> &seeds, const std::vector<qint64> &ids,
                            const std::vector<double> &lastBalance, const PlatformRegistry &platforms,
                            const QDateTime &now)
{
    const SystemClock clock;
    HttpClient http; // sealing a channel's secrets needs a sender; nothing is sent
    NotificationSender sender(vault, http);
    ChannelService channels(db, &vault, &sender, clock, ownerId);
    std::vector<qint64> channelIds;
    for (const auto &[kind, name, url] :
         {std::tuple{ChannelKind::Slack, QStringLiteral("#ops on Slack"),
                     QStringLiteral("http://127.0.0.1:9/services/T0DEMO/B0DEMO/demo-not-a-real-token")},
          std::tuple{ChannelKind::Telegram, QStringLiteral("On-call Telegram"),
                     QStringLiteral("http://127.0.0.1:9/botDEMO:not-a-real-token/sendMessage")}}) {
        ChannelDraft draft;
        draft.kind = kind;
        draft.name = name;
        draft.secrets.insert(QStringLiteral("url"), url);
        if (kind == ChannelKind::Telegram)
            draft.settings.insert(QStringLiteral("options"),
                                  QJsonObject{{QStringLiteral("chat_id"), QStringLiteral("-1001234567")}});
        auto id = channels.add(draft);
        if (!id)
            return tl::unexpected(id.error());
        channelIds.push_back(*id);
    }
    AlertRepository alerts(db);
    OutboxRepository outbox(db);
    const QString owner = QStringLiteral("seed");
    auto raise = [&](std::size_t k, AlertKind kind, const QDateTime &at, bool telegramFails) -> Result<void> {
        const Adapter *adapter = platforms.find(seeds[k].platform);
        const AlertSubject subject{seeds[k].name, adapter ? adapter->name() : seeds[k].platform, at};
        Alert alert;
        alert.keyId = ids[k];
        alert.kind = kind;
        alert.createdAt = at;
        alert.unit = seeds[k].unit;
        if (kind == AlertKind::KeyFailing) {
            AlertMessages::keyFailing(alert, subject,
                                      QStringLiteral("the provider refused the key (HTTP 401): "
                                                     "Authentication Fails"),
                                      true);
        } else {
            const Amount threshold = Amount::parse(seeds[k].threshold).value_or(Amount::fromMicros(0));
            alert.remaining = Amount::fromDouble(std::round(lastBalance[k] * 100) / 100);
            alert.threshold = threshold;
            AlertMessages::lowBalance(alert, subject, threshold);
        }
        auto alertId = alerts.insert(alert);
        if (!alertId)
            return tl::unexpected(alertId.error());
        if (auto queued = outbox.enqueue(*alertId, channelIds, at); !queued)
            return queued;
        auto rows = outbox.forAlert(*alertId);
        if (!rows)
            return tl::unexpected(rows.error());
        for (const OutboxEntry &row : *rows) {
            const bool fails = telegramFails && row.channelId == channelIds[1];
            for (int attempt = 0; attempt < (fails ? 5 : 1); ++attempt) {
                const QDateTime tried = at.addSecs(attempt * 60);
                auto claimed = outbox.claim(row.id, owner, tried, tried.addSecs(30));
                if (!claimed)
                    return tl::unexpected(claimed.error());
                auto verdict = fails ? outbox.markFailed(row.id, owner,
                                                         QStringLiteral("HTTP 403: Forbidden: bot was "
                                                                        "kicked from the group chat"),
                                                         attempt < 4 ? tried.addSecs(60) : QDateTime())
                                     : outbox.markSent(row.id, tried.addSecs(1));
                if (!verdict)
                    return verdict;
            }
        }
        return {};
    };
    for (std::size_t k = 0; k < seeds.size(); ++k) {
        if (seeds[k].failing) {
            if (auto raised = raise(k, AlertKind::KeyFailing, now.addSecs(-25 * 60), true); !raised)
                return raised;
        } else if (const auto threshold = Amount::parse(seeds[k].threshold);
                   threshold && seeds[k].unit != QLatin1String("percent") &&
                   lastBalance[k] < double(threshold->micros()) / 1e6) {
            const QDateTime at = now.addSecs(-qint64(k + 1) * 2400);
            if (auto raised = raise(k, AlertKind::LowBalance, at, false); !raised)
                return raised;
        }
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database URL."),
                                      QStringLiteral("url"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("A dozen realistic demo keys."));
    const QCommandLineOption keysOption(QStringLiteral("keys"),
                                        QStringLiteral("How many keys (not with --demo)."),
                                        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Days of history."),
                                        QStringLiteral("n"), QStringLiteral("21"));
    const QCommandLineOption everyOption(QStringLiteral("every-min"),
                                         QStringLiteral("Minutes between checks."), QStringLiteral("n"),
                                         QStringLiteral("30"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token-file"), QStringLiteral("Write a new personal access token of the owner here."),
        QStringLiteral("path"));
    parser.addOptions({dbOption, demo, keysOption, daysOption, everyOption, tokenOption});
    parser.process(app);

    auto url = DatabaseUrl::parse(parser.value(dbOption));
    if (!url)
        return failWith(url.error().message);
    KeychainMasterKeyStore keychain;
    auto unlocked = UnlockedDatabase::open(*url, QStringLiteral("seed"), keychain);
    if (!unlocked)
        return failWith(unlocked.error().message);
    auto db = std::move(unlocked->db);
    const Vault &vault = unlocked->vault;
    auto owner = UserRepository(*db).ensureOwner();
    if (!owner)
        return failWith(owner.error().message);

    std::vector<SeedKey> seeds = demoKeys();
    if (!parser.isSet(demo)) {
        const int count = parser.value(keysOption).toInt();
        std::vector<SeedKey> many;
        for (int i = 0; i < count; ++i) {
            SeedKey seed = seeds[std::size_t(i) % seeds.size()];
            seed.name = QStringLiteral("%1 #%2").arg(seed.name).arg(i + 1);
            seed.details = SeedKey::Details::None; // the benchmarks' rows stay as they were measured
            many.push_back(seed);
        }
        seeds = std::move(many);
    }

    const PlatformRegistry platforms = PlatformRegistry::builtin();
    KeyValidator validator(platforms);
    std::vector<PendingKey> pending;
    for (const SeedKey &seed : seeds) {
        KeyDraft draft;
        draft.name = seed.name;
        draft.platform = seed.platform;
        draft.baseUrl = QStringLiteral("http://127.0.0.1:9"); // nothing answers: the seeded history stays
        draft.threshold = seed.threshold;
        draft.tags = seed.tags;
        draft.interval = QStringLiteral("30m");
        if (seed.platform == QLatin1String("newapi-user"))
            draft.options << QStringLiteral("user_id=1");
        auto key = validator.validate(draft);
        if (!key)
            return failWith(seed.name + QStringLiteral(": ") + key.error().message);
        pending.push_back(PendingKey{*key, SecureBytes::copyOf("sk-demo-not-a-real-key-0123456789")});
    }
    auto ids = KeyService(*db, &vault, *owner).addAll(pending);
    if (!ids)
        return failWith(ids.error().message);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int days = parser.value(daysOption).toInt();
    const int everyMin = std::max(1, parser.value(everyOption).toInt());
    const qint64 steps = qint64(days) * 24 * 60 / everyMin;
    // perHour is the rate over a week; longer histories spend proportionally slower, so each
    // key ends where the demo wants it (some comfortable, some under their threshold).
    const double rateScale = 7.0 / std::max(1, days);
    std::mt19937 random(7);
    std::normal_distribution<double> noise(1.0, 0.35);
    SnapshotRepository snapshots(*db);
    std::vector<Snapshot> batch;
    std::vector<double> lastBalance(seeds.size()); // where each key ends, for the demo alerts
    for (std::size_t k = 0; k < seeds.size(); ++k) {
        const SeedKey &seed = seeds[k];
        double balance = seed.start;
        for (qint64 step = 0; step <= steps; ++step) {
            Snapshot snapshot;
            snapshot.keyId = (*ids)[k];
            snapshot.checkedAt = now.addSecs(-(steps - step) * everyMin * 60);
            snapshot.latencyMs = 120 + int(step % 90);
            const bool last = step == steps;
            if (seed.failing && last) {
                snapshot.status = CheckStatus::AuthError;
                snapshot.error =
                    QStringLiteral("the provider refused the key (HTTP 401): Authentication Fails");
            } else {
                if (seed.topUp > 0 && step == steps / 2)
                    balance += seed.topUp;
                // Daytime spends more than night; noise keeps the line honest.
                const int hour = snapshot.checkedAt.toLocalTime().time().hour();
                const double daytime = (hour >= 9 && hour <= 21) ? 1.6 : 0.4;
                balance = std::max(0.0, balance - seed.perHour * rateScale * everyMin / 60.0 * daytime *
                                                      std::max(0.0, noise(random)));
                snapshot.status = CheckStatus::Ok;
                snapshot.kind =
                    seed.unit == QLatin1String("characters") || seed.unit == QLatin1String("percent")
                        ? ReadingKind::Quota
                        : ReadingKind::Balance;
                snapshot.remaining = Amount::fromDouble(std::round(balance * 100) / 100);
                snapshot.unit = seed.unit;
                snapshot.balances = {Balance{*snapshot.remaining, seed.unit}};
                if (seed.details == SeedKey::Details::GiftAndPaid) {
                    const double gift = std::min(balance, 14.0);
                    snapshot.details = {{QStringLiteral("gift"),
                                         Amount::fromDouble(std::round(gift * 100) / 100),
                                         std::nullopt,
                                         std::nullopt,
                                         seed.unit,
                                         {}},
                                        {QStringLiteral("paid"),
                                         Amount::fromDouble(std::round((balance - gift) * 100) / 100),
                                         std::nullopt,
                                         std::nullopt,
                                         seed.unit,
                                         {}}};
                } else if (seed.details == SeedKey::Details::PlanWindows) {
                    // The five-hour window refills every five hours; the weekly one is the headline.
                    const qint64 minutesInWindow = (step * everyMin) % 300;
                    const QDateTime windowStart = snapshot.checkedAt.addSecs(-minutesInWindow * 60);
                    const double fiveHourLeft = std::max(0.0, 100.0 - double(minutesInWindow) * 0.25);
                    snapshot.details = {{QStringLiteral("window_5h"),
                                         Amount::fromDouble(std::round(fiveHourLeft)), std::nullopt,
                                         Amount::fromMicros(100'000'000), QStringLiteral("percent"),
                                         windowStart.addSecs(5 * 3600)},
                                        {QStringLiteral("window_weekly"), snapshot.remaining, std::nullopt,
                                         Amount::fromMicros(100'000'000), QStringLiteral("percent"),
                                         now.addDays(7 - now.date().dayOfWeek() + 1)},
                                        {QStringLiteral("mcp_monthly"),
                                         Amount::fromMicros((1000 - step % 1000) * 1'000'000),
                                         Amount::fromMicros((step % 1000) * 1'000'000),
                                         Amount::fromMicros(1000'000'000),
                                         QStringLiteral("requests"),
                                         {}}};
                }
            }
            lastBalance[k] = balance;
            batch.push_back(std::move(snapshot));
        }
        if (batch.size() >= 50'000 || k + 1 == seeds.size()) {
            if (auto stored = snapshots.insertMany(batch); !stored)
                return failWith(stored.error().message);
            batch.clear();
        }
        (void)ApiKeyRepository(*db).setNextCheckAt((*ids)[k], now.addDays(1));
    }
    if (parser.isSet(demo)) {
        if (auto seeded = seedDemoAlerts(*db, vault, *owner, seeds, *ids, lastBalance, platforms, now);
            !seeded)
            return failWith(seeded.error().message);
    }
    if (parser.isSet(tokenOption)) {
        const SystemClock clock;
        auto token = AccountService(*db, clock).createToken(*owner, QStringLiteral("benchmark"));
        if (!token)
            return failWith(token.error().message);
        QFile file(parser.value(tokenOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
            file.write(token->token.toUtf8()) < 0)
            return failWith(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    }
    std::printf("seeded %zu keys with %lld checks each\n", seeds.size(), static_cast<long long>(steps + 1));
    return 0;
}
