// Interoperability with Python's cryptography.fernet (Debian python3-cryptography), which the
// web predecessor used: databases and keys move between the two, so each must read the other.
#include "core/crypto/fernet.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <gtest/gtest.h>

using qw::Fernet;

namespace {

struct PythonRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a Python snippet with `env` added to the environment. Keys and tokens go through the
// environment, never argv, where other users of the machine could read them.
PythonRun runPython(const QString &script, const QProcessEnvironment &extra = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(extra);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    PythonRun run;
    if (!process.waitForStarted(10'000))
        return run;
    process.closeWriteChannel();
    run.finished = process.waitForFinished(60'000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// Why Python's Fernet cannot be used here, or an empty string when it can.
QString pythonCryptographyMissing()
{
    const PythonRun run = runPython(QStringLiteral("import cryptography.fernet"));
    if (!run.finished)
        return QStringLiteral("python3 could not be started");
    if (run.exitCode != 0)
        return QStringLiteral("python3 has no 'cryptography' module (Debian package python3-cryptography, "
                              "installed by installer/install-deps.sh): ") +
               QString::fromLocal8Bit(run.err).trimmed();
    return {};
}

class PythonInterop : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const QString missing = pythonCryptographyMissing();
        if (!missing.isEmpty())
            GTEST_SKIP() << missing.toStdString();
    }
};

// Binary data with every byte value, so text/encoding slips on either side would show.
QByteArray samplePlaintext()
{
    QByteArray bytes("QuotaWatch \xe2\x86\x92 interop: ");
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    return bytes;
}

} // namespace

TEST_F(PythonInterop, PythonDecryptsOurToken)
{
    const qw::SecureBytes key = Fernet::generateKey();
    auto fernet = Fernet::fromKey(key.view());
    ASSERT_TRUE(fernet.has_value());
    const QByteArray plaintext = samplePlaintext();
    const auto token = fernet->encrypt(plaintext);
    ASSERT_TRUE(token.has_value()) << token.error().message.toStdString();

    QProcessEnvironment env;
    env.insert(QStringLiteral("QW_FERNET_KEY"), QString::fromLatin1(key.view()));
    env.insert(QStringLiteral("QW_FERNET_TOKEN"), QString::fromLatin1(*token));
    const PythonRun run =
        runPython(QStringLiteral("import os, sys\n"
                                 "from cryptography.fernet import Fernet\n"
                                 "f = Fernet(os.environ['QW_FERNET_KEY'].encode())\n"
                                 "data = f.decrypt(os.environ['QW_FERNET_TOKEN'].encode(), ttl=600)\n"
                                 "sys.stdout.write(data.hex())\n"),
                  env);
    ASSERT_TRUE(run.finished);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(QByteArray::fromHex(run.out), plaintext);
}

TEST_F(PythonInterop, WeDecryptPythonsToken)
{
    const QByteArray plaintext = samplePlaintext();
    QProcessEnvironment env;
    env.insert(QStringLiteral("QW_PLAINTEXT_HEX"), QString::fromLatin1(plaintext.toHex()));
    // Python makes both the key and the token; they come back on stdout, one per line.
    const PythonRun run = runPython(
        QStringLiteral("import os, sys\n"
                       "from cryptography.fernet import Fernet\n"
                       "key = Fernet.generate_key()\n"
                       "token = Fernet(key).encrypt(bytes.fromhex(os.environ['QW_PLAINTEXT_HEX']))\n"
                       "sys.stdout.write(key.decode() + '\\n' + token.decode() + '\\n')\n"),
        env);
    ASSERT_TRUE(run.finished);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    ASSERT_EQ(lines.size(), 2) << run.out.toStdString();

    auto fernet = Fernet::fromKey(lines.at(0));
    ASSERT_TRUE(fernet.has_value()) << fernet.error().message.toStdString();
    const auto decrypted = fernet->decrypt(lines.at(1), 600);
    ASSERT_TRUE(decrypted.has_value()) << decrypted.error().message.toStdString();
    EXPECT_EQ(decrypted->view(), QByteArrayView(plaintext));

    // And the token is refused under any other key.
    auto other = Fernet::fromKey(Fernet::generateKey().view());
    ASSERT_TRUE(other.has_value());
    EXPECT_FALSE(other->decrypt(lines.at(1)).has_value());
}

TEST_F(PythonInterop, PythonKeyAndOurKeyAreTheSameFormat)
{
    // A key generated here is accepted by Python as is (44 characters, padded url-safe base64).
    const qw::SecureBytes key = Fernet::generateKey();
    QProcessEnvironment env;
    env.insert(QStringLiteral("QW_FERNET_KEY"), QString::fromLatin1(key.view()));
    const PythonRun run = runPython(QStringLiteral("import os\n"
                                                   "from cryptography.fernet import Fernet\n"
                                                   "Fernet(os.environ['QW_FERNET_KEY'].encode())\n"),
                                    env);
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
}
