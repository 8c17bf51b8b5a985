#include "core/rest/keyscontroller.h"

#include "core/crypto/securewipe.h"
#include "core/json/modeljson.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/keytester.h"
#include "core/session/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <memory>

namespace qw::rest {

namespace {

const QString kApiKey = QStringLiteral("api_key");

// The validator's error, its message led by the field it refused, as JsonBody's errors are.
Error namingField(const Error &error, const QString &field)
{
    if (field.isEmpty() || error.code != ErrorCode::InvalidInput)
        return error;
    return Error{error.code, QStringLiteral("%1: %2").arg(field, error.message)};
}

// A KeyDraft's text for a number or a string in the body ("threshold": 5 or "20%").
Result<std::optional<QString>> numberOrString(const JsonBody &body, const QString &field, bool integer)
{
    if (!body.has(field))
        return std::optional<QString>();
    const QJsonValue value = body.object().value(field);
    if (value.isString())
        return std::optional<QString>(value.toString());
    if (integer) {
        auto number = body.optionalInteger(field);
        if (!number)
            return tl::unexpected(JsonBody::wrongType(field, "an integer or a string"));
        return std::optional<QString>(QString::number(**number));
    }
    auto number = body.optionalNumber(field);
    if (!number)
        return tl::unexpected(JsonBody::wrongType(field, "a number or a string"));
    return std::optional<QString>(QString::number(**number, 'f', 6));
}

// The secret as the vault takes it; "api_key: ..." when it is no usable secret.
Result<SecureBytes> secretOf(const JsonBody &body)
{
    auto text = body.requiredString(kApiKey);
    if (!text)
        return tl::unexpected(text.error());
    QByteArray utf8 = text->toUtf8();
    SecureBytes secret = SecureBytes::copyOf(utf8);
    secureWipe(utf8);
    secureWipe(*text);
    if (auto problem = KeyValidator::checkSecret(secret.view()))
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1: %2").arg(kApiKey, *problem));
    return secret;
}

QJsonObject checkJson(const Snapshot &snapshot)
{
    QJsonObject object = ModelJson::check(snapshot);
    if (snapshot.keyId == 0)
        object.insert(QStringLiteral("key_id"), QJsonValue(QJsonValue::Null)); // nothing stored
    return object;
}

} // namespace

KeysController::KeysController(Session &session)
    : m_session(session)
    , m_lists(session)
{}

void KeysController::addRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/api/keys"), Access::Authenticated,
               handler(this, &KeysController::list));
    router.add(Method::Post, QStringLiteral("/api/keys"), Access::Authenticated,
               handler(this, &KeysController::create));
    // Before /api/keys/{id}: "test" is no id.
    router.add(Method::Post, QStringLiteral("/api/keys/test"), Access::Authenticated,
               handler(this, &KeysController::test));
    router.add(Method::Get, QStringLiteral("/api/keys/{id}"), Access::Authenticated,
               handler(this, &KeysController::get));
    router.add(Method::Patch, QStringLiteral("/api/keys/{id}"), Access::Authenticated,
               handler(this, &KeysController::patch));
    router.add(Method::Delete, QStringLiteral("/api/keys/{id}"), Access::Authenticated,
               handler(this, &KeysController::remove));
    router.add(Method::Post, QStringLiteral("/api/keys/{id}/trigger-check"), Access::Authenticated,
               handler(this, &KeysController::triggerCheck));
    router.add(Method::Get, QStringLiteral("/api/keys/{id}/balance-history"), Access::Authenticated,
               handler(this, &KeysController::balanceHistory));
}

Result<void> KeysController::readDraft(const JsonBody &body, KeyDraft &draft)
{
    const auto text = [&body](const QString &field, QString &into) -> Result<void> {
        auto value = body.optionalString(field);
        if (!value)
            return tl::unexpected(value.error());
        if (*value)
            into = **value;
        return {};
    };
    if (auto read = text(QStringLiteral("name"), draft.name); !read)
        return read;
    if (auto read = text(QStringLiteral("platform"), draft.platform); !read)
        return read;
    // null: back to the platform's default.
    if (body.object().contains(QStringLiteral("base_url")) &&
        body.object().value(QStringLiteral("base_url")).isNull())
        draft.baseUrl.clear();
    if (auto read = text(QStringLiteral("base_url"), draft.baseUrl); !read)
        return read;

    // null: no threshold.
    if (body.object().contains(QStringLiteral("threshold")) &&
        body.object().value(QStringLiteral("threshold")).isNull())
        draft.threshold.clear();
    auto threshold = numberOrString(body, QStringLiteral("threshold"), false);
    if (!threshold)
        return tl::unexpected(threshold.error());
    if (*threshold)
        draft.threshold = **threshold;
    auto interval = numberOrString(body, QStringLiteral("interval"), true);
    if (!interval)
        return tl::unexpected(interval.error());
    if (*interval)
        draft.interval = **interval;

    auto options = body.optionalObject(QStringLiteral("options"));
    if (!options)
        return tl::unexpected(options.error());
    if (*options) {
        draft.options.clear();
        for (auto it = (*options)->begin(); it != (*options)->end(); ++it) {
            if (!it.value().isString())
                return tl::unexpected(JsonBody::wrongType(QStringLiteral("options"), "an object of strings"));
            draft.options << it.key() + u'=' + it.value().toString();
        }
    }
    auto tags = body.optionalStringList(QStringLiteral("tags"));
    if (!tags)
        return tl::unexpected(tags.error());
    if (*tags)
        draft.tags = **tags;
    auto allowInsecure = body.optionalBool(QStringLiteral("allow_insecure"));
    if (!allowInsecure)
        return tl::unexpected(allowInsecure.error());
    if (*allowInsecure)
        draft.allowInsecure = **allowInsecure;
    return {};
}

QByteArray KeysController::cursorAfter(qint64 lastId)
{
    return QByteArray("after:" + QByteArray::number(lastId))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<qint64> KeysController::keyBefore(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith("after:"))
        return std::nullopt;
    const QByteArray digits = decoded.decoded.mid(6);
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok || id < 0 || QByteArray::number(id) != digits)
        return std::nullopt;
    return id;
}

void KeysController::list(const RestRequest &request, RestReply reply)
{
    const qint64 userId = request.user->id;
    const bool firstPage = !request.query.hasQueryItem(QStringLiteral("limit")) &&
                           !request.query.hasQueryItem(QStringLiteral("cursor"));
    // The next page, in a Link header (RFC 8288) and, for clients that would rather not parse
    // one, X-Next-Cursor. The body stays a JSON array, as the old web app's clients expect.
    const auto sendPage = [&reply](const QByteArray &body, const QByteArray &next, int limit) {
        if (!next.isEmpty()) {
            reply.addHeader("Link", "</api/keys?limit=" + QByteArray::number(limit) + "&cursor=" + next +
                                        ">; rel=\"next\"");
            reply.addHeader("X-Next-Cursor", next);
        }
        reply.send(StatusCode::Ok, body, "application/json");
    };
    if (firstPage) {
        if (const QByteArray *cached = m_lists.find(userId))
            return sendPage(*cached, m_firstPageNext.value(userId), kDefaultPageSize);
    }
    int limit = kDefaultPageSize;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > kMaxPageSize)
            return reply.error(
                StatusCode::UnprocessableEntity,
                QStringLiteral("limit: must be a whole number from 1 to %1").arg(kMaxPageSize));
    }
    qint64 afterId = 0;
    if (request.query.hasQueryItem(QStringLiteral("cursor"))) {
        const auto after = keyBefore(request.query.queryItemValue(QStringLiteral("cursor")));
        if (!after)
            return reply.error(StatusCode::BadRequest,
                               QStringLiteral("cursor: not a cursor of this list; use the one the previous "
                                              "page gave in its Link or X-Next-Cursor header"));
        afterId = *after;
    }
    auto page = m_session.keysOf(userId).listWithLatest(afterId, limit);
    if (!page)
        return reply.error(page.error());
    QJsonArray array;
    for (const KeyWithLatest &key : page->rows)
        array.append(ModelJson::key(key));
    const QByteArray next = page->more ? cursorAfter(page->rows.back().key.id) : QByteArray();
    QByteArray body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    if (firstPage) {
        m_firstPageNext.insert(userId, next);
        return sendPage(m_lists.store(userId, std::move(body)), next, limit);
    }
    sendPage(body, next, limit);
}

void KeysController::create(const RestRequest &request, RestReply reply)
{
    const auto body = JsonBody::parse(request.body);
    if (!body)
        return reply.error(StatusCode::BadRequest, JsonBody::notAnObject());
    for (const QString &field : {QStringLiteral("name"), QStringLiteral("platform")}) {
        if (!body->has(field))
            return reply.error(JsonBody::missing(field));
    }
    KeyDraft draft;
    if (auto read = readDraft(*body, draft); !read)
        return reply.error(read.error());
    auto secret = secretOf(*body);
    if (!secret)
        return reply.error(secret.error());
    QString field;
    auto key = KeyValidator(m_session.platforms()).validate(draft, &field);
    if (!key)
        return reply.error(namingField(key.error(), field));
    if (auto enabled = body->optionalBool(QStringLiteral("enabled")); !enabled)
        return reply.error(enabled.error());
    else if (*enabled)
        key->enabled = **enabled;

    KeyService keys = m_session.keysOf(request.user->id);
    auto id = keys.add(PendingKey{std::move(*key), std::move(*secret)});
    if (!id)
        return reply.error(id.error());
    auto stored = keys.getWithLatest(*id);
    if (!stored)
        return reply.error(stored.error());
    reply.json(StatusCode::Created, ModelJson::key(*stored));
}

void KeysController::get(const RestRequest &request, RestReply reply)
{
    const auto id = request.idArgument();
    if (!id)
        return reply.error(StatusCode::NotFound, QStringLiteral("no such key"));
    auto key = m_session.keysOf(request.user->id).getWithLatest(*id);
    if (!key)
        return reply.error(key.error());
    reply.json(StatusCode::Ok, ModelJson::key(*key));
}

void KeysController::patch(const RestRequest &request, RestReply reply)
{
    const auto id = request.idArgument();
    if (!id)
        return reply.error(StatusCode::NotFound, QStringLiteral("no such key"));
    const auto body = JsonBody::parse(request.body);
    if (!body)
        return reply.error(StatusCode::BadRequest, JsonBody::notAnObject());
    KeyService keys = m_session.keysOf(request.user->id);
    auto stored = keys.get(*id);
    if (!stored)
        return reply.error(stored.error());

    KeyDraft draft = KeyValidator::draftOf(*stored);
    // Options belong to a platform: moving the key to another one without new options drops them.
    if (body->has(QStringLiteral("platform")) &&
        body->object().value(QStringLiteral("platform")).toString().trimmed() != stored->platform)
        draft.options.clear();
    if (auto read = readDraft(*body, draft); !read)
        return reply.error(read.error());
    std::optional<SecureBytes> secret;
    if (body->object().contains(kApiKey)) {
        auto given = secretOf(*body);
        if (!given)
            return reply.error(given.error());
        secret = std::move(*given);
    }
    auto enabled = body->optionalBool(QStringLiteral("enabled"));
    if (!enabled)
        return reply.error(enabled.error());
    // Moving the key to another platform or origin without its secret must be said outright.
    auto confirmed = body->optionalBool(QStringLiteral("confirm_destination"));
    if (!confirmed)
        return reply.error(confirmed.error());
    QString field;
    auto key = KeyValidator(m_session.platforms()).validate(draft, &field);
    if (!key)
        return reply.error(namingField(key.error(), field));
    key->id = stored->id;
    key->enabled = enabled->value_or(stored->enabled);
    key->createdAt = stored->createdAt;
    key->nextCheckAt = stored->nextCheckAt;
    if (auto updated = keys.update(*key, secret ? &*secret : nullptr, confirmed->value_or(false)); !updated) {
        if (updated.error().code == ErrorCode::Conflict)
            return reply.error(
                Error{ErrorCode::Conflict,
                      updated.error().message +
                          QStringLiteral(" (send \"api_key\" or \"confirm_destination\": true)")});
        return reply.error(updated.error());
    }
    auto after = keys.getWithLatest(*id);
    if (!after)
        return reply.error(after.error());
    reply.json(StatusCode::Ok, ModelJson::key(*after));
}

void KeysController::remove(const RestRequest &request, RestReply reply)
{
    const auto id = request.idArgument();
    if (!id)
        return reply.error(StatusCode::NotFound, QStringLiteral("no such key"));
    auto removed = m_session.keysOf(request.user->id).remove(*id);
    if (!removed)
        return reply.error(removed.error());
    reply.noContent();
}

void KeysController::test(const RestRequest &request, RestReply reply)
{
    const auto body = JsonBody::parse(request.body);
    if (!body)
        return reply.error(StatusCode::BadRequest, JsonBody::notAnObject());
    if (!body->has(QStringLiteral("platform")))
        return reply.error(JsonBody::missing(QStringLiteral("platform")));
    KeyDraft draft;
    draft.name = QStringLiteral("test");
    if (auto read = readDraft(*body, draft); !read)
        return reply.error(read.error());
    auto secret = secretOf(*body);
    if (!secret)
        return reply.error(secret.error());
    QString field;
    auto key = KeyValidator(m_session.platforms()).validate(draft, &field);
    if (!key)
        return reply.error(namingField(key.error(), field));

    // The check runs on the event loop; the reply goes along and answers when it is done.
    auto *tester = new KeyTester(m_session.engine().runner(), &m_inFlight);
    auto pending = std::make_shared<RestReply>(std::move(reply));
    tester->test(std::move(*key), std::move(*secret), [tester, pending](const Snapshot &snapshot) {
        pending->json(StatusCode::Ok, checkJson(snapshot));
        tester->deleteLater();
    });
}

void KeysController::triggerCheck(const RestRequest &request, RestReply reply)
{
    const auto id = request.idArgument();
    if (!id)
        return reply.error(StatusCode::NotFound, QStringLiteral("no such key"));
    if (auto key = m_session.keysOf(request.user->id).get(*id); !key)
        return reply.error(key.error());
    auto pending = std::make_shared<RestReply>(std::move(reply));
    const qint64 keyId = *id;
    m_session.checkNow({keyId}, [pending, keyId](const std::vector<CheckBatch::Result> &results) {
        if (results.empty())
            return pending->error(KeyService::notFound(keyId));
        if (!results.front().stored)
            // The provider may have answered, but nothing was recorded: not a 200 for a check
            // the history will never show.
            return pending->error(
                Error{ErrorCode::Database, QStringLiteral("the check could not be stored: %1; try again "
                                                          "when the database is reachable")
                                               .arg(results.front().snapshot.error)});
        pending->json(StatusCode::Ok, checkJson(results.front().snapshot));
    });
}

void KeysController::balanceHistory(const RestRequest &request, RestReply reply)
{
    const auto id = request.idArgument();
    if (!id)
        return reply.error(StatusCode::NotFound, QStringLiteral("no such key"));
    const QDateTime now = m_session.clock().nowUtc();
    TimeRange range;
    for (const auto &[name, bound] :
         {std::pair{QStringLiteral("from"), &range.from}, std::pair{QStringLiteral("to"), &range.to}}) {
        if (!request.query.hasQueryItem(name))
            continue;
        const QString text = request.query.queryItemValue(name, QUrl::FullyDecoded);
        const auto time = TimeRange::parseTime(text, now);
        if (!time)
            return reply.error(
                StatusCode::UnprocessableEntity,
                QStringLiteral("%1: “%2” is not a time; use ISO 8601 like 2026-01-31T08:00:00Z")
                    .arg(name, text));
        *bound = *time;
    }
    int limit = kDefaultHistoryLimit;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok)
            return reply.error(StatusCode::UnprocessableEntity, QStringLiteral("limit: must be an integer"));
    }
    auto checks = m_session.keysOf(request.user->id).recentChecks(*id, range, limit);
    if (!checks)
        return reply.error(checks.error());
    QJsonArray array;
    for (const Snapshot &snapshot : *checks)
        array.append(ModelJson::check(snapshot));
    reply.json(StatusCode::Ok, array);
}

} // namespace qw::rest
