// The auth scope: POST /api/auth/register, POST /api/auth/login (JSON, or the form-urlencoded
// body OAuth2 password clients send) and GET /api/auth/me. Hashing and checking a password
// (scrypt, tens of milliseconds) runs on the global thread pool, so the thread the server lives
// on (the desktop's window) never waits for it; the database is only touched on that thread.
#pragma once

#include "core/rest/loginthrottle.h"
#include "core/rest/restcontroller.h"

#include <QObject>
#include <memory>

namespace qw {
class Session;
}

namespace qw::rest {

class AuthController final : public RestController
{
public:
    // `session` must outlive the controller; `tokenLifetimeSeconds` is a login token's expires_in.
    AuthController(Session &session, qint64 tokenLifetimeSeconds);
    ~AuthController() override;
    void addRoutes(Router &router) override;

private:
    struct Credentials
    {
        QString username;
        QString password;
    };

    void registerAccount(const RestRequest &request, RestReply reply);
    void login(const RestRequest &request, RestReply reply);
    void me(const RestRequest &request, RestReply reply);
    void finishLogin(const QString &username, const QString &address, qint64 userId, bool passwordOk,
                     RestReply &reply);

    // The username and password of a login, from JSON or a form; an error reply otherwise.
    [[nodiscard]] static std::optional<Credentials> readLogin(const RestRequest &request, RestReply &reply);
    // Runs `work` on the global thread pool and `done` with its result back on this thread,
    // unless this controller is gone by then.
    template<typename Work, typename Done> void offThread(Work work, Done done);

    Session &m_session;
    qint64 m_tokenLifetimeSeconds;
    LoginThrottle m_throttle;
    // Gone with the controller: work that finishes later sees it null and answers nothing more.
    std::unique_ptr<QObject> m_alive;
};

} // namespace qw::rest
