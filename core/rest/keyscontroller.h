// /api/keys: the caller's keys over HTTP — list, add, read, edit, remove, test a key without
// storing it, check one now and read its history. Each handler is one call of the caller's
// KeyService (Session::keysOf), so another account's key is a 404 like a missing one, and bodies
// go through the same KeyDraft and KeyValidator as the command line's flags.
#pragma once

#include "core/keys/keydraft.h"
#include "core/rest/calleranswercache.h"
#include "core/rest/jsonbody.h"
#include "core/rest/restcontroller.h"

#include <QHash>
#include <QObject>
#include <optional>

namespace qw {
class Session;
}

namespace qw::rest {

class KeysController final : public RestController
{
public:
    // Limits of GET /api/keys/{id}/balance-history.
    static constexpr int kDefaultHistoryLimit = 1000;
    // Pages of GET /api/keys (?limit=).
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 1000;

    // The opaque ?cursor= of the page after key `lastId`, and back; nullopt for what this server
    // never gave (then the request is a 400).
    [[nodiscard]] static QByteArray cursorAfter(qint64 lastId);
    [[nodiscard]] static std::optional<qint64> keyBefore(const QString &cursor);

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
    // GET /api/keys is the busiest route (dashboards poll it): each caller's first page (no
    // ?limit= or ?cursor=) as JSON, and the cursor of the page after it (empty: none).
    CallerAnswerCache m_lists;
    QHash<qint64, QByteArray> m_firstPageNext;
};

} // namespace qw::rest
