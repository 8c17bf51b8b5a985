// A fresh, empty, migrated database on the backend a test asks for ("sqlite" or "postgres"),
// removed again when the object goes away.
#pragma once

#include "core/storage/database.h"

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace qw::test {

class TestDatabase final
{
public:
    explicit TestDatabase(const QString &backend);
    ~TestDatabase();

    // False (with the reason) when the backend is not available here: callers GTEST_SKIP.
    [[nodiscard]] bool available() const { return !m_url.isEmpty(); }
    [[nodiscard]] QString skipReason() const { return m_skipReason; }
    // The URL, as given to --db.
    [[nodiscard]] QString url() const { return m_url; }
    // Opens a connection (a unique connection name per call).
    [[nodiscard]] std::unique_ptr<Database> open() const;

private:
    QString m_backend;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_skipReason;
};

} // namespace qw::test
