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

} // namespace qw::test
