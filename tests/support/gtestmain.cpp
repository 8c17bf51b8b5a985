// Shared main() for the test executables: a QCoreApplication exists for the whole run, since
// QtKeychain jobs, QProcess and network objects need an event loop and an application object.
#include <QCoreApplication>
#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("QuotaWatchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("quotawatch-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
