#include "tests/fuzz/adapterfuzz.h"

#include "adapters/platformregistry.h"

#include <QByteArray>
#include <cstdio>
#include <cstdlib>

namespace qw::fuzz {

namespace {

// What each platform needs to be usable at all.
QJsonObject optionsFor(QStringView platform)
{
    if (platform == u"newapi-user")
        return {{QStringLiteral("user_id"), QStringLiteral("1")}};
    if (platform == u"xai")
        return {{QStringLiteral("team_id"), QStringLiteral("team")}};
    if (platform == u"custom")
        return {{QStringLiteral("path"), QStringLiteral("/balance")},
                {QStringLiteral("remaining_pointer"), QStringLiteral("/data/0/remaining")},
                {QStringLiteral("used_pointer"), QStringLiteral("/used")},
                {QStringLiteral("success_pointer"), QStringLiteral("/ok")},
                {QStringLiteral("divisor"), QStringLiteral("100")}};
    return {};
}

constexpr int kStatuses[] = {200, 200, 200, 200, 401, 403, 404, 429, 500, 502};

[[noreturn]] void finding(const char *platform, const char *what)
{
    std::fprintf(stderr, "adapter %s: %s\n", platform, what);
    std::abort();
}

} // namespace

void runAdapter(const char *platform, const std::uint8_t *data, std::size_t size)
{
    static const PlatformRegistry registry = PlatformRegistry::builtin();
    const Adapter *adapter = registry.find(QString::fromLatin1(platform));
    if (!adapter)
        finding(platform, "unknown platform");

    HttpReply reply;
    reply.status = size > 0 ? kStatuses[data[0] % std::size(kStatuses)] : 200;
    if (size > 1)
        reply.body = QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    reply.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")));

    AdapterContext context;
    context.baseUrl = QStringLiteral("https://provider.example");
    context.options = optionsFor(QString::fromLatin1(platform));
    context.secret = "sk-fuzz-secret-0000";
    context.now = QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);
    if (adapter->checkOptions(context.options))
        finding(platform, "the fuzz options are refused");

    auto query = adapter->begin(context);
    QueryStep step = query->next(nullptr);
    // A cost report may page; the same reply every time must still end.
    for (int requests = 1; std::holds_alternative<HttpRequestSpec>(step); ++requests) {
        const auto &request = std::get<HttpRequestSpec>(step);
        if (request.query.toString().contains(QLatin1String("sk-fuzz")) ||
            request.path.contains(QLatin1String("sk-fuzz")))
            finding(platform, "the secret is in a URL");
        if (requests > 60)
            finding(platform, "the conversation never ends");
        step = query->next(&reply);
    }
    const CheckOutcome &outcome = std::get<CheckOutcome>(step);
    if (!outcome) {
        if (outcome.error().message.isEmpty())
            finding(platform, "an error without a message");
        if (outcome.error().status == CheckStatus::Ok)
            finding(platform, "an error with status ok");
    } else if (!outcome->remaining && !outcome->used) {
        finding(platform, "a reading with neither remaining nor used");
    }
}

} // namespace qw::fuzz
