#include "core/rest/authcontroller.h"

#include "core/crypto/securewipe.h"
#include "core/rest/jsonbody.h"
#include "core/session/session.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <QUrlQuery>
#include <openssl/crypto.h>

namespace qw::rest {

namespace {

QJsonObject userJson(const User &user)
{
    return QJsonObject{
        {QStringLiteral("id"), user.id},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("is_admin"), user.isAdmin},
    };
}

const QString kWrongCredentials = QStringLiteral("incorrect username or password");

bool isForm(const RestRequest &request)
{
    const QByteArray type = request.header("Content-Type").trimmed().toLower();
    return type.startsWith("application/x-www-form-urlencoded");
}

} // namespace

AuthController::AuthController(Session &session, qint64 tokenLifetimeSeconds)
    : m_session(session)
    , m_tokenLifetimeSeconds(tokenLifetimeSeconds)
    , m_throttle(session.clock())
    , m_alive(std::make_unique<QObject>())
{}

AuthController::~AuthController() = default;

void AuthController::addRoutes(Router &router)
{
    router.add(Method::Post, QStringLiteral("/api/auth/register"), Access::Public,
               handler(this, &AuthController::registerAccount));
    router.add(Method::Post, QStringLiteral("/api/auth/login"), Access::Public,
               handler(this, &AuthController::login));
    router.add(Method::Get, QStringLiteral("/api/auth/me"), Access::Authenticated,
               handler(this, &AuthController::me));
}

template<typename Work, typename Done> void AuthController::offThread(Work work, Done done)
{
    // The answer comes back through a relay object of this thread that lives until it has
    // delivered, so the worker never posts to an object that may already be gone; whether the
    // controller is still there is asked on this thread, where the QPointer is safe to read.
    auto *relay = new QObject;
    QPointer<QObject> alive(m_alive.get());
    QThreadPool::globalInstance()->start(
        [relay, alive, work = std::move(work), done = std::move(done)]() mutable {
            auto result = work();
            // Password hashing left OpenSSL state in this pool thread; freed here, in the thread
            // that made it, not left to the thread's exit, which may come after OpenSSL's own
            // cleanup when the global pool is torn down at process exit (and then leaks).
            OPENSSL_thread_stop();
            QMetaObject::invokeMethod(
                relay,
                [relay, alive, done = std::move(done), result = std::move(result)]() mutable {
                    relay->deleteLater();
                    if (alive)
                        done(std::move(result));
                },
                Qt::QueuedConnection);
        });
}

void AuthController::registerAccount(const RestRequest &request, RestReply reply)
{
    const auto body = JsonBody::parse(request.body);
    if (!body)
        return reply.error(StatusCode::BadRequest, JsonBody::notAnObject());
    auto username = body->requiredString(QStringLiteral("username"));
    if (!username)
        return reply.error(username.error());
    auto password = body->requiredString(QStringLiteral("password"));
    if (!password)
        return reply.error(password.error());
    AccountService &accounts = m_session.accounts();
    if (auto allowed = accounts.checkRegistration(*username, *password); !allowed)
        return reply.error(allowed.error());

    auto shared = std::make_shared<RestReply>(std::move(reply));
    offThread(
        [password = *password]() mutable {
            auto hashed = AccountService::hashPassword(password);
            secureWipe(password);
            return hashed;
        },
        [this, shared, username = *username](Result<QString> hashed) {
            if (!hashed)
                return shared->error(hashed.error());
            auto user = m_session.accounts().insertRegistered(username, *hashed);
            if (!user)
                return shared->error(user.error());
            shared->json(StatusCode::Created, userJson(*user));
        });
}

std::optional<AuthController::Credentials> AuthController::readLogin(const RestRequest &request,
                                                                     RestReply &reply)
{
    Credentials credentials;
    if (isForm(request)) {
        // OAuth2's password grant: username=..&password=..[&grant_type=password]. A form encodes
        // a space as '+', which QUrlQuery would keep.
        QByteArray body = request.body;
        body.replace('+', "%20");
        const QUrlQuery form(QString::fromUtf8(body));
        secureWipe(body);
        const auto field = [&form](const QString &name) -> std::optional<QString> {
            if (!form.hasQueryItem(name))
                return std::nullopt;
            return form.queryItemValue(name, QUrl::FullyDecoded);
        };
        const auto grantType = field(QStringLiteral("grant_type"));
        if (grantType && *grantType != QLatin1String("password")) {
            reply.error(StatusCode::UnprocessableEntity, QStringLiteral("grant_type: must be \"password\""));
            return std::nullopt;
        }
        for (const QString &name : {QStringLiteral("username"), QStringLiteral("password")}) {
            const auto value = field(name);
            if (!value) {
                reply.error(JsonBody::missing(name));
                return std::nullopt;
            }
            (name == QLatin1String("username") ? credentials.username : credentials.password) = *value;
        }
        return credentials;
    }
    const auto body = JsonBody::parse(request.body);
    if (!body) {
        reply.error(StatusCode::BadRequest, JsonBody::notAnObject());
        return std::nullopt;
    }
    auto username = body->requiredString(QStringLiteral("username"));
    if (!username) {
        reply.error(username.error());
        return std::nullopt;
    }
    auto password = body->requiredString(QStringLiteral("password"));
    if (!password) {
        reply.error(password.error());
        return std::nullopt;
    }
    credentials.username = std::move(*username);
    credentials.password = std::move(*password);
    return credentials;
}

void AuthController::login(const RestRequest &request, RestReply reply)
{
    auto credentials = readLogin(request, reply);
    if (!credentials)
        return;
    const QString address = request.peer.toString();
    if (const auto wait = m_throttle.begin(credentials->username, address)) {
        secureWipe(credentials->password);
        reply.addHeader("Retry-After", QByteArray::number(*wait));
        return reply.error(
            StatusCode::TooManyRequests,
            QStringLiteral("too many failed sign-in attempts; try again in %1 seconds").arg(*wait));
    }
    auto candidate = m_session.accounts().signInCandidate(credentials->username);
    if (!candidate) {
        secureWipe(credentials->password);
        m_throttle.cancel(credentials->username, address);
        return reply.error(candidate.error());
    }
    const qint64 userId = *candidate ? (*candidate)->id : 0;
    const QString stored = *candidate ? (*candidate)->passwordHash : QString();

    auto shared = std::make_shared<RestReply>(std::move(reply));
    offThread(
        [password = std::move(credentials->password), stored]() mutable {
            const bool same = AccountService::verifyPassword(password, stored);
            secureWipe(password);
            return same;
        },
        [this, shared, username = credentials->username, address, userId](bool same) {
            finishLogin(username, address, userId, same, *shared);
        });
}

void AuthController::finishLogin(const QString &username, const QString &address, qint64 userId,
                                 bool passwordOk, RestReply &reply)
{
    if (!passwordOk) {
        m_throttle.finish(username, address, false);
        return reply.error(StatusCode::Unauthorized, kWrongCredentials);
    }
    // The account may have been removed while its password was being checked.
    auto user = m_session.accounts().find(userId);
    if (!user) {
        if (user.error().code != ErrorCode::NotFound) {
            m_throttle.cancel(username, address);
            return reply.error(user.error());
        }
        m_throttle.finish(username, address, false);
        return reply.error(StatusCode::Unauthorized, kWrongCredentials);
    }
    m_throttle.finish(username, address, true);
    auto tokens = m_session.loginTokens();
    if (!tokens)
        return reply.error(tokens.error());
    auto issued = (*tokens)->issue(*user, m_tokenLifetimeSeconds);
    if (!issued)
        return reply.error(issued.error());
    reply.markPrivate();
    reply.json(StatusCode::Ok, QJsonObject{
                                   {QStringLiteral("access_token"), issued->accessToken},
                                   {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                   {QStringLiteral("expires_in"), issued->expiresIn},
                               });
}

void AuthController::me(const RestRequest &request, RestReply reply)
{
    reply.json(StatusCode::Ok, userJson(*request.user));
}

} // namespace qw::rest
