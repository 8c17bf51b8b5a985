#include "tests/support/backendtest.h"

#include "core/storage/userrepository.h"

namespace qw::test {

QString currentBackend()
{
    const QString backend = qEnvironmentVariable("QW_TEST_BACKEND");
    return backend.isEmpty() ? QStringLiteral("sqlite") : backend;
}

void BackendTest::SetUp()
{
    m_testDb = std::make_unique<TestDatabase>(currentBackend());
    if (!m_testDb->available())
        GTEST_SKIP() << m_testDb->skipReason().toStdString();
    m_db = m_testDb->open();
    ASSERT_NE(m_db, nullptr);
}

void OwnedBackendTest::SetUp()
{
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
        return;
    auto owner = UserRepository(*m_db).ensureOwner();
    ASSERT_TRUE(owner) << owner.error().message.toStdString();
    m_owner = *owner;
}

} // namespace qw::test
