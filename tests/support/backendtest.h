// Base fixture for tests that run on the backend named by QW_TEST_BACKEND ("sqlite" when
// unset): each test gets a fresh migrated database, or is skipped with the reason when the
// backend is not available here.
#pragma once

#include "tests/support/testdatabase.h"

#include <gtest/gtest.h>
#include <memory>

namespace qw::test {

QString currentBackend();

class BackendTest : public ::testing::Test
{
protected:
    void SetUp() override;

    [[nodiscard]] bool isPostgres() const { return currentBackend() == QLatin1String("postgres"); }

    std::unique_ptr<TestDatabase> m_testDb;
    std::unique_ptr<Database> m_db;
};

// A BackendTest whose database already holds the local owner account, for tests that store
// keys or channels (both belong to a user).
class OwnedBackendTest : public BackendTest
{
protected:
    void SetUp() override;

    qint64 m_owner = 0;
};

} // namespace qw::test
