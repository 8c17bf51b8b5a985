#include "tests/support/testdatabase.h"

#include "tests/support/pgtestserver.h"

#include <QUuid>
#include <gtest/gtest.h>

namespace qw::test {

TestDatabase::TestDatabase(const QString &backend)
    : m_backend(backend)
{
    if (backend == QLatin1String("sqlite")) {
        m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("test.db"));
    } else if (!PgTestServer::adminUrl()) {
        m_skipReason = QStringLiteral("PostgreSQL tests skipped: ") + PgTestServer::unavailableReason();
    } else {
        m_url = PgTestServer::createDatabase();
        if (m_url.isEmpty())
            m_skipReason = QStringLiteral("could not create a test database");
    }
}

TestDatabase::~TestDatabase()
{
    if (m_backend == QLatin1String("postgres") && !m_url.isEmpty())
        PgTestServer::dropDatabase(m_url);
}

std::unique_ptr<Database> TestDatabase::open() const
{
    auto parsed = DatabaseUrl::parse(m_url);
    if (!parsed) {
        ADD_FAILURE() << parsed.error().message.toStdString();
        return nullptr;
    }
    auto db = Database::open(*parsed, QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::Id128));
    if (!db) {
        ADD_FAILURE() << db.error().message.toStdString();
        return nullptr;
    }
    return std::move(*db);
}

} // namespace qw::test
