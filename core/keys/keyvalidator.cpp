#include "core/keys/keyvalidator.h"

#include "adapters/platformregistry.h"
#include "core/poll/cleartextpolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace qw {

namespace {

QString knownPlatforms(const PlatformRegistry &platforms)
{
    QStringList ids;
    for (const auto &adapter : platforms.all()) {
        if (adapter->readable())
            ids << adapter->id();
    }
    return ids.join(QStringLiteral(", "));
}

} // namespace

QString KeyValidator::formatInterval(int seconds)
{
    return seconds % 3600 == 0 ? QStringLiteral("%1h").arg(seconds / 3600)
           : seconds % 60 == 0 ? QStringLiteral("%1m").arg(seconds / 60)
                               : QStringLiteral("%1s").arg(seconds);
}

std::optional<qint64> KeyValidator::parseDuration(const QString &text)
{
    // Bounded digit counts keep every sum far from overflowing.
    static const QRegularExpression pattern(
        QStringLiteral("^(?:(\\d{1,3})d)?(?:(\\d{1,3})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s?)?$"));
    const QString trimmed = text.trimmed().toLower();
    const auto match = pattern.match(trimmed);
    if (trimmed.isEmpty() || !match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong() * 86400 + match.captured(2).toLongLong() * 3600 +
           match.captured(3).toLongLong() * 60 + match.captured(4).toLongLong();
}

Result<int> KeyValidator::parseInterval(const QString &text)
{
    const auto seconds = parseDuration(text);
    if (!seconds)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("qw::KeyValidator",
                                                "interval “%1” is not a duration; write e.g. 90s, 30m or 1h")
                        .arg(text));
    if (*seconds < ApiKey::kMinIntervalS || *seconds > ApiKey::kMaxIntervalS)
        return fail(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("qw::KeyValidator",
                                        "interval “%1” is out of range; it must be between %2 and %3")
                .arg(text, formatInterval(ApiKey::kMinIntervalS), formatInterval(ApiKey::kMaxIntervalS)));
    return int(*seconds);
}

std::optional<QString> KeyValidator::checkSecret(QByteArrayView secret)
{
    if (secret.trimmed().isEmpty())
        return QCoreApplication::translate("qw::KeyValidator", "the secret is empty");
    for (const char c : secret) {
        // A secret travels in an HTTP header: a line break or control character cannot be part
        // of a real key and would corrupt the request.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return QCoreApplication::translate(
                "qw::KeyValidator",
                "the secret contains a line break or control character; give one key, on one line");
    }
    return std::nullopt;
}

Result<QJsonObject> KeyValidator::parseOptions(const QStringList &pairs)
{
    QJsonObject options;
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        const QString name = pair.left(equals).trimmed();
        if (equals <= 0 || name.isEmpty())
            return fail(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("qw::KeyValidator", "option “%1” is not of the form name=value")
                    .arg(pair));
        if (options.contains(name))
            return fail(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("qw::KeyValidator", "option “%1” is given twice").arg(name));
        options.insert(name, pair.mid(equals + 1).trimmed());
    }
    return options;
}

Result<ApiKey> KeyValidator::validate(const KeyDraft &draft, QString *field) const
{
    const auto refuse = [field](const char *name, Error error) {
        if (field)
            *field = QLatin1String(name);
        return tl::unexpected(std::move(error));
    };
    ApiKey key;
    key.name = draft.name.trimmed();
    if (key.name.isEmpty())
        return refuse("name", Error{ErrorCode::InvalidInput,
                                    QCoreApplication::translate("qw::KeyValidator", "the key needs a name")});
    if (key.name.size() > 200)
        return refuse("name", Error{ErrorCode::InvalidInput,
                                    QCoreApplication::translate("qw::KeyValidator",
                                                                "the name is longer than 200 characters")});

    key.platform = draft.platform.trimmed();
    const Adapter *platform = m_platforms.find(key.platform);
    if (!platform)
        return refuse("platform", Error{ErrorCode::InvalidInput,
                                        QCoreApplication::translate(
                                            "qw::KeyValidator", "unknown platform “%1”; known platforms: %2")
                                            .arg(key.platform, knownPlatforms(m_platforms))});
    if (!platform->readable())
        return refuse("platform",
                      Error{ErrorCode::InvalidInput,
                            QCoreApplication::translate("qw::KeyValidator",
                                                        "%1 (“%2”) cannot be watched with an API key. %3")
                                .arg(platform->name(), key.platform,
                                     QCoreApplication::translate("qw::Platforms",
                                                                 platform->help().toUtf8().constData()))});

    key.baseUrl = draft.baseUrl.trimmed();
    if (!key.baseUrl.isEmpty()) {
        const QUrl url(key.baseUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")) ||
            url.host().isEmpty())
            return refuse("base_url",
                          Error{ErrorCode::InvalidInput,
                                QCoreApplication::translate(
                                    "qw::KeyValidator",
                                    "base URL “%1” is not an http(s) URL like https://api.example.com")
                                    .arg(key.baseUrl)});
        if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
            return refuse("base_url",
                          Error{ErrorCode::InvalidInput,
                                QCoreApplication::translate(
                                    "qw::KeyValidator",
                                    "base URL “%1” must not carry credentials, a query or a fragment; the "
                                    "secret is sent in a header")
                                    .arg(url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))});
        while (key.baseUrl.endsWith(u'/'))
            key.baseUrl.chop(1);
    } else if (platform->defaultBaseUrl().isEmpty()) {
        return refuse("base_url",
                      Error{ErrorCode::InvalidInput,
                            QCoreApplication::translate(
                                "qw::KeyValidator",
                                "platform “%1” has no default address; give the relay's or proxy's base URL")
                                .arg(key.platform)});
    }

    if (QString threshold = draft.threshold.trimmed(); !threshold.isEmpty()) {
        // "20%": a percentage of the limit the provider reports, for quotas and capped keys.
        key.thresholdIsPercent = threshold.endsWith(u'%');
        if (key.thresholdIsPercent)
            threshold.chop(1);
        key.threshold = Amount::parse(threshold.trimmed());
        const bool inRange = key.threshold && key.threshold->micros() >= 0 &&
                             (!key.thresholdIsPercent || key.threshold->micros() <= 100'000'000);
        if (!inRange)
            return refuse("threshold",
                          Error{ErrorCode::InvalidInput,
                                QCoreApplication::translate(
                                    "qw::KeyValidator",
                                    "threshold “%1” is not a non-negative number like 5 or 12.50, or a "
                                    "percentage of the limit from 0% to 100%")
                                    .arg(draft.threshold)});
    }

    for (const QString &entry : draft.tags) {
        for (const QString &tag : entry.split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = tag.trimmed();
            if (trimmed.size() > 40)
                return refuse("tags", Error{ErrorCode::InvalidInput,
                                            QCoreApplication::translate(
                                                "qw::KeyValidator", "tag “%1” is longer than 40 characters")
                                                .arg(trimmed)});
            if (!trimmed.isEmpty() && !key.tags.contains(trimmed, Qt::CaseInsensitive))
                key.tags << trimmed;
        }
    }

    if (!draft.interval.trimmed().isEmpty()) {
        auto interval = parseInterval(draft.interval);
        if (!interval)
            return refuse("interval", interval.error());
        key.intervalS = *interval;
    }

    auto options = parseOptions(draft.options);
    if (!options)
        return refuse("options", options.error());
    // Not a platform option: it is about the transport, so every platform takes it.
    bool allowInsecure = false;
    if (const QJsonValue given = options->take(ApiKey::allowInsecureOption()); !given.isUndefined()) {
        const QString value = given.toString().toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return refuse("options",
                          Error{ErrorCode::InvalidInput,
                                QCoreApplication::translate(
                                    "qw::KeyValidator", "option “allow_insecure” must be true or false")});
        allowInsecure = value == QLatin1String("true");
    }
    if (draft.allowInsecure)
        allowInsecure = *draft.allowInsecure;
    if (auto problem = platform->checkOptions(*options))
        return refuse("options", Error{ErrorCode::InvalidInput, *problem});
    key.options = *options;
    if (allowInsecure)
        key.options.insert(ApiKey::allowInsecureOption(), QStringLiteral("true"));

    const QUrl target(key.baseUrl.isEmpty() ? platform->defaultBaseUrl() : key.baseUrl);
    if (CleartextPolicy::isCleartextOffLoopback(target) && !allowInsecure)
        return refuse("base_url",
                      Error{ErrorCode::InvalidInput,
                            QCoreApplication::translate(
                                "qw::KeyValidator",
                                "base URL “%1” is plain http:// to another machine, so the secret would "
                                "cross the network unencrypted; use https://, or allow it explicitly with "
                                "--allow-insecure (REST: \"allow_insecure\": true; editor: “Allow plain "
                                "http”)")
                                .arg(target.toString(QUrl::RemovePath))});
    return key;
}

KeyDraft KeyValidator::draftOf(const ApiKey &key)
{
    KeyDraft draft;
    draft.name = key.name;
    draft.platform = key.platform;
    draft.baseUrl = key.baseUrl;
    if (key.threshold)
        draft.threshold =
            key.threshold->toString() + (key.thresholdIsPercent ? QStringLiteral("%") : QString());
    draft.interval = QString::number(key.intervalS);
    for (auto it = key.options.begin(); it != key.options.end(); ++it) {
        if (it.key() != ApiKey::allowInsecureOption())
            draft.options << it.key() + u'=' + it.value().toString();
    }
    // Its own field, so replacing the options in a PATCH does not drop it.
    draft.allowInsecure = key.allowsInsecure();
    draft.tags = key.tags;
    return draft;
}

} // namespace qw
