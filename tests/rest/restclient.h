// A small synchronous HTTP client for the REST tests: one real request over loopback with
// QNetworkAccessManager, waiting in a local event loop (which also runs an in-process server).
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace qw::test {

struct HttpResult
{
    int status = 0; // 0: no answer (connection refused, reset, timed out)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString networkError; // empty when an answer came

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QJsonArray jsonArray() const { return QJsonDocument::fromJson(body).array(); }
    [[nodiscard]] QString detail() const { return json().value(QStringLiteral("detail")).toString(); }
};

class RestClient final
{
public:
    // `baseUrl`: "http://127.0.0.1:PORT".
    explicit RestClient(QUrl baseUrl = {});
    void setBaseUrl(QUrl baseUrl) { m_baseUrl = std::move(baseUrl); }
    // Sent as "Authorization: Bearer <token>" from now on (empty: none).
    void setToken(QByteArray token) { m_token = std::move(token); }
    // For HTTPS against a test certificate: errors that are only these are accepted.
    void setExpectedSslErrors(QList<QSslError> errors) { m_expectedSslErrors = std::move(errors); }
    // For HTTPS: trust exactly these certificate authorities (a test's self-signed certificate)
    // instead of the system's; empty: the system's.
    void setCaCertificates(QList<QSslCertificate> certificates)
    {
        m_caCertificates = std::move(certificates);
    }

    // `path` may carry a query ("/api/keys/1/balance-history?limit=5").
    HttpResult get(const QString &path);
    HttpResult del(const QString &path);
    HttpResult post(const QString &path, const QJsonObject &body);
    HttpResult patch(const QString &path, const QJsonObject &body);
    // Any method, raw body and extra headers.
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000);

private:
    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QByteArray m_token;
    QList<QSslError> m_expectedSslErrors;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace qw::test
