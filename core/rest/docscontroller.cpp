#include "core/rest/docscontroller.h"

#include <QFile>

namespace qw::rest {

DocsController::DocsController()
{
    QFile file(QString::fromLatin1(kResourcePath));
    if (file.open(QIODevice::ReadOnly))
        m_document = file.readAll();
}

void DocsController::addRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/api/openapi.json"), Access::Public,
               handler(this, &DocsController::document));
}

void DocsController::document(const RestRequest &, RestReply reply) const
{
    // Only a broken build lacks the resource; say so rather than serve an empty document.
    if (m_document.isEmpty())
        return reply.error(StatusCode::InternalServerError,
                           QStringLiteral("the OpenAPI document is missing from this build"));
    reply.send(StatusCode::Ok, m_document, "application/json");
}

} // namespace qw::rest
