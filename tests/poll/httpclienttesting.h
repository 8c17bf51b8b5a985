// What the HttpClient tests share: one request sent and waited for in the event loop, and an
// answer described for a failure message.
#pragma once

#include "core/poll/httpclient.h"
#include "tests/support/waitfor.h"

#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

namespace qw::test {

// Sends `request` and waits (kSafetyMs) for its callback; a test failure and a ProviderError when
// none came. The results live in shared storage, so a callback arriving after a failed wait
// writes nowhere dangerous.
inline HttpResult sendAndWait(HttpClient &client, const QString &base, HttpRequestSpec request)
{
    auto results = std::make_shared<std::vector<HttpResult>>();
    client.send(base, std::move(request),
                [results](HttpResult result) { results->push_back(std::move(result)); });
    if (!waitFor([&] { return !results->empty(); })) {
        ADD_FAILURE() << "no callback within " << kSafetyMs << " ms";
        return tl::unexpected(
            CheckError{CheckStatus::ProviderError, QStringLiteral("test safety timeout"), {}});
    }
    return results->front();
}

inline std::string describe(const HttpResult &result)
{
    if (result)
        return "HTTP " + std::to_string(result->status) + " " + result->body.left(200).toStdString();
    return "error " + toString(result.error().status).toStdString() + ": " +
           result.error().message.toStdString();
}

} // namespace qw::test
