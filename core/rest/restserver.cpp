#include "core/rest/restserver.h"

#include "core/rest/requestauthenticator.h"

#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <exception>

namespace qw::rest {

namespace {

// Room for the request line and headers on top of the body cap.
constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
constexpr char kUnansweredBytesProperty[] = "qw_unanswered_bytes";

// Qt's parser keeps a whole request in memory before handing it over, so an oversized body is
// refused here, as its bytes arrive: every connection counts what it received since its last
// answered request, and one that goes past the cap gets a 413 and is closed. The counting slot
// is connected before Qt's own, so it sees each chunk before the parser takes it.
void guardRequestSize(QTcpSocket *socket)
{
    socket->setProperty(kUnansweredBytesProperty, qint64(0));
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
        const qint64 received =
            socket->property(kUnansweredBytesProperty).toLongLong() + socket->bytesAvailable();
        socket->setProperty(kUnansweredBytesProperty, received);
        if (received <= RestServer::kMaxBodyBytes + kMaxHeaderBytes ||
            socket->state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray body = R"({"detail":"the request body is larger than 64 KiB"})";
        socket->write(
            "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nConnection: close\r\n"
            "X-Content-Type-Options: nosniff\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
}

class GuardedTcpServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = QTcpServer::nextPendingConnection();
        if (socket)
            guardRequestSize(socket);
        return socket;
    }
};

class GuardedSslServer final : public QSslServer
{
public:
    using QSslServer::QSslServer;
    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = QSslServer::nextPendingConnection();
        if (socket)
            guardRequestSize(socket);
        return socket;
    }
};

RestRequest toRestRequest(const QHttpServerRequest &request)
{
    RestRequest copy;
    copy.method = request.method();
    copy.path = request.url().path();
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = request.remoteAddress();
    return copy;
}

QByteArray bearerToken(const RestRequest &request)
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    constexpr QByteArrayView scheme = "Bearer ";
    if (authorization.size() <= scheme.size() ||
        QByteArrayView(authorization).first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return {};
    return authorization.mid(scheme.size()).trimmed();
}

} // namespace

RestServer::RestServer(const Router &router, RequestAuthenticator &authenticator, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_authenticator(authenticator)
{}

Result<quint16> RestServer::listen(const QHostAddress &address, quint16 port,
                                   const std::optional<QSslConfiguration> &tls)
{
    std::unique_ptr<QTcpServer> server;
    if (tls) {
        auto sslServer = std::make_unique<GuardedSslServer>();
        sslServer->setSslConfiguration(*tls);
        server = std::move(sslServer);
    } else {
        server = std::make_unique<GuardedTcpServer>();
    }
    if (!server->listen(address, port)) {
        return fail(ErrorCode::Io, QStringLiteral("cannot listen on %1 port %2: %3")
                                       .arg(address.toString())
                                       .arg(port)
                                       .arg(server->errorString()));
    }
    const quint16 listening = server->serverPort();
    bind(server.release()); // parented to this server from here on
    return listening;
}

bool RestServer::isAllowedOrigin(const QByteArray &origin) const
{
    return !origin.isEmpty() && m_allowedOrigins.contains(QString::fromUtf8(origin));
}

QList<Header> RestServer::commonHeaders(const RestRequest &request) const
{
    QList<Header> headers{
        {"X-Content-Type-Options", "nosniff"},
        {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
    const QByteArray origin = request.header("Origin");
    if (isAllowedOrigin(origin)) {
        headers.append(Header("Access-Control-Allow-Origin", origin));
        headers.append(Header("Vary", "Origin"));
    }
    return headers;
}

bool RestServer::handleRequest(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    // The connection starts counting afresh for its next request.
    socket->setProperty(kUnansweredBytesProperty, qint64(0));
    // An answer larger than one segment (a list of keys, a scrape) would otherwise wait for the
    // client's delayed ACK under Nagle's algorithm: tens of milliseconds per response.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    RestRequest request = toRestRequest(qtRequest);
    QElapsedTimer timer;
    timer.start();
    QPointer<RestServer> self(this);
    RestReply reply(
        makeResponder(qtRequest, socket), socket, commonHeaders(request),
        [self, timer, method = Router::methodName(request.method), path = request.path](StatusCode status) {
            if (self)
                emit self->requestHandled(method, path, int(status), timer.elapsed());
        });
    if (request.body.size() > kMaxBodyBytes) {
        reply.error(StatusCode::PayloadTooLarge, QStringLiteral("the request body is larger than 64 KiB"));
        return true;
    }
    dispatch(std::move(request), std::move(reply));
    return true;
}

void RestServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Unreachable: handleRequest() answers everything. Kept honest all the same.
    RestReply reply(makeResponder(request, socket), socket, {}, {});
    reply.error(StatusCode::NotFound, QStringLiteral("not found"));
}

void RestServer::answerPreflight(RestReply reply)
{
    reply.addHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE");
    reply.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    reply.addHeader("Access-Control-Max-Age", "600");
    reply.noContent();
}

void RestServer::dispatch(RestRequest request, RestReply reply)
{
    if (request.method == Method::Options && isAllowedOrigin(request.header("Origin")))
        return answerPreflight(std::move(reply));

    Router::Match match = m_router.match(request.method, request.path);
    if (!match.route) {
        if (match.allowed.isEmpty())
            return reply.error(StatusCode::NotFound, QStringLiteral("not found"));
        QByteArrayList names;
        for (Method method : std::as_const(match.allowed))
            names.append(Router::methodName(method));
        reply.addHeader("Allow", names.join(", "));
        return reply.error(StatusCode::MethodNotAllowed, QStringLiteral("method not allowed"));
    }
    request.pathArguments = std::move(match.arguments);

    if (match.route->access == Access::Authenticated) {
        const QByteArray token = bearerToken(request);
        if (token.isEmpty())
            return reply.error(StatusCode::Unauthorized, QStringLiteral("not authenticated"));
        auto user = m_authenticator.authenticate(token);
        if (!user) {
            if (user.error().code == ErrorCode::Unauthorized)
                return reply.error(StatusCode::Unauthorized,
                                   QStringLiteral("could not validate credentials"));
            return reply.error(user.error());
        }
        request.user = std::move(*user);
        reply.markPrivate();
    }

    try {
        match.route->handler(request, std::move(reply));
    } catch (const std::exception &) {
        // A handler must not throw; if one does, its reply (already moved into it) answers 500
        // as it unwinds, and the server goes on serving.
    }
}

} // namespace qw::rest
