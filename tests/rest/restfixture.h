// Base fixture for the REST API tests: the SessionFixture's session (fresh database of the
// backend QW_TEST_BACKEND names, fixed clock) served by a real RestApi on a free loopback port,
// and a RestClient pointed at it. Requests cross a real socket; the server answers from the same
// event loop the client waits in.
#pragma once

#include "core/rest/restapi.h"
#include "tests/rest/restclient.h"
#include "tests/session/sessionfixture.h"

#include <memory>

namespace qw::test {

class RestFixture : public SessionFixture
{
protected:
    void SetUp() override
    {
        SessionFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        startApi({});
    }

    void TearDown() override
    {
        m_api.reset();
        SessionFixture::TearDown();
    }

    // (Re)starts the API with `options` on a free loopback port unless they name another.
    void startApi(rest::RestOptions options)
    {
        m_api.reset();
        if (options.endpoint.host == QLatin1String("127.0.0.1") &&
            options.endpoint.port == RestEndpoint::kDefaultPort)
            options.endpoint.port = 0;
        m_api = std::make_unique<rest::RestApi>(*m_session);
        auto url = m_api->start(options);
        ASSERT_TRUE(url) << url.error().message.toStdString();
        m_client.setBaseUrl(*url);
    }

    std::unique_ptr<rest::RestApi> m_api;
    RestClient m_client;
};

} // namespace qw::test
