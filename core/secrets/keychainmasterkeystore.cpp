#include "core/secrets/keychainmasterkeystore.h"

#include "core/crypto/securewipe.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <chrono>
#include <memory>
#include <qt6keychain/keychain.h>

namespace qw {

namespace {

// A D-Bus peer that accepts the connection but never answers would otherwise block the CLI
// forever: the Secret Service call has no timeout of its own that we control.
constexpr std::chrono::seconds kJobTimeout{15};

constexpr auto kContext = "KeychainMasterKeyStore";

template<typename JobType> std::unique_ptr<JobType> makeJob(const QString &service, const QString &key)
{
    auto job = std::make_unique<JobType>(service);
    // We own the job: QtKeychain's default deleteLater() would free it while we still read
    // its result, and the plain-text file fallback would put the master key on disk.
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

// Starts `job` and waits for it on a local event loop (the CLI has no running loop of its own).
// Returns why it did not finish, or nullopt when it did (its error() then tells how).
// A job that does not answer in time is handed over to itself: the backend (libsecret, QtDBus)
// still holds a pointer to it and may call back later, so it must outlive this call and delete
// itself once it finishes.
template<typename JobType> [[nodiscard]] std::optional<QString> runJob(std::unique_ptr<JobType> &job)
{
    if (!QCoreApplication::instance())
        return QCoreApplication::translate(kContext, "no application object to wait on");

    QEventLoop loop;
    bool finished = false;
    QObject::connect(job.get(), &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    timeout.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(kJobTimeout);
    job->start();
    if (!finished)
        loop.exec();
    if (finished)
        return std::nullopt;

    JobType *abandoned = job.release();
    QObject::connect(abandoned, &QKeychain::Job::finished, abandoned, &QObject::deleteLater);
    return QCoreApplication::translate(kContext, "no answer within %1 seconds").arg(kJobTimeout.count());
}

QString errorDetail(const QKeychain::Job &job)
{
    // QtKeychain's error strings come from the backend (D-Bus, libsecret) and name the failure,
    // never the secret, so they are safe to show.
    const QString text = job.errorString().trimmed();
    if (!text.isEmpty())
        return text;
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
        return QCoreApplication::translate(kContext, "no keychain service is running");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QCoreApplication::translate(kContext, "access was denied");
    case QKeychain::CouldNotDeleteEntry:
        return QCoreApplication::translate(kContext, "the entry could not be deleted");
    case QKeychain::NotImplemented:
        return QCoreApplication::translate(kContext, "not supported on this platform");
    default:
        return QCoreApplication::translate(kContext, "unknown error");
    }
}

} // namespace

KeychainMasterKeyStore::KeychainMasterKeyStore(QString service, QString key)
    : m_service(std::move(service))
    , m_key(std::move(key))
{}

// Error messages read "<description()> cannot be … (detail)", so that VaultUnlocker can go on
// with the ways out in the same sentence.
Result<std::optional<SecureBytes>> KeychainMasterKeyStore::read()
{
    auto job = makeJob<QKeychain::ReadPasswordJob>(m_service, m_key);
    if (const auto detail = runJob(job))
        return fail(
            ErrorCode::MasterKeyUnavailable,
            QCoreApplication::translate(kContext, "%1 cannot be reached (%2)").arg(description(), *detail));

    switch (job->error()) {
    case QKeychain::NoError: {
        QByteArray raw = job->binaryData();
        // Once the job is gone `raw` is the only holder of the bytes, so SecureBytes takes them
        // over without a copy, and that one buffer is wiped when the key is dropped.
        job.reset();
        return std::optional<SecureBytes>(SecureBytes(std::move(raw)));
    }
    case QKeychain::EntryNotFound:
        return std::optional<SecureBytes>();
    default:
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext, "%1 cannot be reached (%2)")
                        .arg(description(), errorDetail(*job)));
    }
}

Result<void> KeychainMasterKeyStore::write(const SecureBytes &key)
{
    auto job = makeJob<QKeychain::WritePasswordJob>(m_service, m_key);
    // Stored as text: the key is url-safe base64, and a user can then copy it from the keychain
    // (Seahorse, KWallet) into QUOTAWATCH_MASTER_KEY on another machine.
    QString text = QString::fromLatin1(key.view());
    job->setTextData(text);
    // The job keeps its own copy of the text; ours is wiped (when no one shares it) and dropped.
    secureWipe(text);
    text.clear();

    const auto detail = runJob(job);
    if (detail || job->error() != QKeychain::NoError)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext, "%1 cannot be written (%2)")
                        .arg(description(), detail ? *detail : errorDetail(*job)));
    return {};
}

Result<void> KeychainMasterKeyStore::remove()
{
    auto job = makeJob<QKeychain::DeletePasswordJob>(m_service, m_key);
    const auto detail = runJob(job);
    // EntryNotFound: already gone is what the caller wanted.
    if (detail || (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound))
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext, "%1 cannot be changed (%2)")
                        .arg(description(), detail ? *detail : errorDetail(*job)));
    return {};
}

QString KeychainMasterKeyStore::description() const
{
    return QCoreApplication::translate(kContext, "the OS keychain (service “%1”, entry “%2”)")
        .arg(m_service, m_key);
}

} // namespace qw
