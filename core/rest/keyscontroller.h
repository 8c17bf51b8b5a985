// /api/keys: the caller's keys over HTTP — list, add, read, edit, remove, test a key without
// storing it, check one now and read its history. Each handler is one call of the caller's
// KeyService (Session::keysOf), so another account's key is a 404 like a missing one, and bodies
// go through the same KeyDraft and KeyValidator as the command line's flags.
#pragma once

#include "core/keys/keydraft.h"
#include "core/rest/calleranswercache.h"
#include "core/rest/jsonbody.h"
#include "core/rest/restcontroller.h"

#include <QObject>

namespace qw {
class Session;
}

namespace qw::rest {

class KeysController final : public RestController
{
public:
    // Limits of GET /api/keys/{id}/balance-history.
    static constexpr int kDefaultHistoryLimit = 1000;

    explicit KeysController(Session &session);
    void addRoutes(Router &router) override;

private:
    void list(const RestRequest &request, RestReply reply);
    void create(const RestRequest &request, RestReply reply);
    void get(const RestRequest &request, RestReply reply);
    void patch(const RestRequest &request, RestReply reply);
    void remove(const RestRequest &request, RestReply reply);
    void test(const RestRequest &request, RestReply reply);
    void triggerCheck(const RestRequest &request, RestReply reply);
    void balanceHistory(const RestRequest &request, RestReply reply);

    // The fields of `body` that are present, over `draft`. InvalidInput naming the field.
    [[nodiscard]] static Result<void> readDraft(const JsonBody &body, KeyDraft &draft);

    Session &m_session;
    // Parent of the key tests in flight: they go (their callbacks unrun) with the controller.
    QObject m_inFlight;
    // GET /api/keys is the busiest route (dashboards poll it): each caller's list as JSON.
    CallerAnswerCache m_lists;
};

} // namespace qw::rest
