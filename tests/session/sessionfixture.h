// Base fixture for the Session's use-case tests: a Session with a fresh master key on a fresh
// database of the backend named by QW_TEST_BACKEND, its clock fixed at kSessionNow.
#pragma once

#include "core/session/session.h"
#include "tests/support/backendtest.h"
#include "tests/support/fixedclock.h"

#include <memory>

namespace qw::test {

inline const QDateTime kSessionNow(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);

class SessionFixture : public BackendTest
{
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        auto fernet = Fernet::fromKey(Fernet::generateKey().view());
        ASSERT_TRUE(fernet);
        m_session = std::make_unique<Session>(m_testDb->open(), Vault(std::move(*fernet)), m_clock);
        ASSERT_GT(m_session->ownerId(), 0);
    }
    void TearDown() override { m_session.reset(); }

    FixedClock m_clock{kSessionNow};
    std::unique_ptr<Session> m_session;
};

} // namespace qw::test
