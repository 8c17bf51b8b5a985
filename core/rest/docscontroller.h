// GET /api/openapi.json: the OpenAPI 3 description of the API (core/rest/openapi.json, compiled in
// as a resource), public so that clients and code generators can read it before they sign in.
#pragma once

#include "core/rest/restcontroller.h"

#include <QByteArray>

namespace qw::rest {

class DocsController final : public RestController
{
public:
    // Where the document lives among the Qt resources.
    static constexpr char kResourcePath[] = ":/quotawatch/rest/openapi.json";

    DocsController();
    void addRoutes(Router &router) override;

private:
    void document(const RestRequest &request, RestReply reply) const;

    QByteArray m_document; // read once: it cannot change while the program runs
};

} // namespace qw::rest
