#include "tests/support/secretscan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <utility>
#include <vector>

namespace qw::test {

namespace {

constexpr qsizetype kMinSecretBytes = 6;

// The base64 characters that depend on `secret` alone when it starts `shift` bytes into the
// encoded data (0, 1 or 2): the characters shared with the prefix and the padded last one are
// cut, so the pattern matches wherever the secret sits inside a larger encoded value (a basic
// auth header, a JWT, a base64 blob).
QByteArray base64Core(const QByteArray &secret, int shift, QByteArray::Base64Options options)
{
    const QByteArray encoded =
        QByteArray(QByteArray(shift, '\0') + secret).toBase64(options | QByteArray::OmitTrailingEquals);
    static constexpr int kLeadingCut[] = {0, 2, 3};
    const qsizetype fullChars = (qsizetype(shift) + secret.size()) * 8 / 6;
    const qsizetype cut = kLeadingCut[shift];
    return encoded.mid(cut, fullChars - cut);
}

QByteArray jsonString(const QByteArray &secret)
{
    QByteArray text = QJsonDocument(QJsonArray{QString::fromUtf8(secret)}).toJson(QJsonDocument::Compact);
    return text.mid(2, text.size() - 4); // ["..."] -> ...
}

std::vector<std::pair<QByteArray, const char *>> encodingsOf(const QByteArray &secret)
{
    std::vector<std::pair<QByteArray, const char *>> forms{{secret, "plain"}};
    auto add = [&forms](QByteArray form, const char *name) {
        if (form.size() >= kMinSecretBytes) {
            for (const auto &existing : forms) {
                if (existing.first == form)
                    return;
            }
            forms.emplace_back(std::move(form), name);
        }
    };
    add(QUrl::toPercentEncoding(QString::fromUtf8(secret)), "percent-encoded");
    add(QUrl::toPercentEncoding(QString::fromUtf8(secret), " ").replace(' ', '+'), "form-encoded");
    add(jsonString(secret), "JSON string");
    for (int shift = 0; shift < 3; ++shift) {
        add(base64Core(secret, shift, QByteArray::Base64Encoding), "base64");
        add(base64Core(secret, shift, QByteArray::Base64UrlEncoding), "base64url");
    }
    return forms;
}

} // namespace

QStringList findSecrets(const QByteArrayList &secrets, const QByteArray &blob)
{
    QStringList findings;
    for (qsizetype index = 0; index < secrets.size(); ++index) {
        const QByteArray &secret = secrets.at(index);
        if (secret.size() < kMinSecretBytes) {
            findings << QStringLiteral("secret #%1 is shorter than %2 bytes: too short to scan for")
                            .arg(index)
                            .arg(kMinSecretBytes);
            continue;
        }
        for (const auto &[form, name] : encodingsOf(secret)) {
            for (qsizetype at = blob.indexOf(form); at >= 0; at = blob.indexOf(form, at + 1))
                findings << QStringLiteral("secret #%1 (%2) at byte %3")
                                .arg(index)
                                .arg(QLatin1String(name))
                                .arg(at);
        }
    }
    return findings;
}

::testing::AssertionResult holdsNoSecret(const QByteArrayList &secrets, const QByteArray &blob,
                                         const QString &what)
{
    const QStringList findings = findSecrets(secrets, blob);
    if (findings.isEmpty())
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << what.toStdString() << " holds a secret: " << findings.join(QStringLiteral("; ")).toStdString();
}

} // namespace qw::test
