// Delivers one alert to one webhook channel: formats it for the service, posts it through the
// shared HttpClient and reads the service's verdict, with every error scrubbed of the URL's
// path and query (which hold the token) and of the signing secret.
#pragma once

#include "core/alerts/webhookformatter.h"
#include "core/poll/httpclient.h"

#include <functional>

namespace qw {

class WebhookSender final
{
    Q_DISABLE_COPY_MOVE(WebhookSender)

public:
    explicit WebhookSender(HttpClient &http);

    using Done = std::function<void(Result<void>)>;

    // `done` runs exactly once, later (never inside send), on the HttpClient's thread — unless
    // the HttpClient is destroyed first, which drops it like any other pending request.
    // InvalidInput for a target validate() refuses, Io when the message did not get through.
    void send(const WebhookTarget &target, const AlertNotice &notice, const QDateTime &now, Done done);

private:
    HttpClient &m_http;
};

} // namespace qw
