#include "ui/preferences.h"

#include "core/model/apikey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace qw::ui {

namespace {

QVariant value(const char *key, const QVariant &fallback = {})
{
    return QSettings().value(QLatin1String(key), fallback);
}

void store(const char *key, const QVariant &value)
{
    QSettings().setValue(QLatin1String(key), value);
}

} // namespace

QString Preferences::language()
{
    return value("ui/language").toString();
}

void Preferences::setLanguage(const QString &language)
{
    store("ui/language", language);
}

bool Preferences::startMinimized()
{
    return value("ui/startMinimized", false).toBool();
}

void Preferences::setStartMinimized(bool on)
{
    store("ui/startMinimized", on);
}

bool Preferences::closeToTray()
{
    return value("ui/closeToTray", true).toBool();
}

void Preferences::setCloseToTray(bool on)
{
    store("ui/closeToTray", on);
}

bool Preferences::trayHintShown()
{
    return value("ui/trayHintShown", false).toBool();
}

void Preferences::setTrayHintShown(bool shown)
{
    store("ui/trayHintShown", shown);
}

QString Preferences::databaseUrl()
{
    return value("database/url").toString();
}

void Preferences::setDatabaseUrl(const QString &url)
{
    store("database/url", url);
}

QString Preferences::displayCurrency()
{
    return value("display/currency").toString();
}

void Preferences::setDisplayCurrency(const QString &currency)
{
    store("display/currency", currency.trimmed().toUpper());
}

QMap<QString, double> Preferences::exchangeRates()
{
    QMap<QString, double> rates;
    const QJsonObject object = QJsonDocument::fromJson(value("display/rates").toByteArray()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isDouble() && it.value().toDouble() > 0)
            rates.insert(it.key(), it.value().toDouble());
    }
    return rates;
}

void Preferences::setExchangeRates(const QMap<QString, double> &rates)
{
    QJsonObject object;
    for (auto it = rates.begin(); it != rates.end(); ++it)
        object.insert(it.key().trimmed().toUpper(), it.value());
    store("display/rates", QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<double> Preferences::toDisplayCurrency(double amount, const QString &unit)
{
    const QString display = displayCurrency();
    if (display.isEmpty())
        return std::nullopt;
    if (unit.compare(display, Qt::CaseInsensitive) == 0)
        return amount;
    const QMap<QString, double> rates = exchangeRates();
    const auto rate = rates.constFind(unit.toUpper());
    if (rate == rates.constEnd())
        return std::nullopt;
    return amount * *rate;
}

int Preferences::defaultIntervalS()
{
    const int seconds = value("checks/defaultIntervalS", ApiKey::kDefaultIntervalS).toInt();
    return std::clamp(seconds, ApiKey::kMinIntervalS, ApiKey::kMaxIntervalS);
}

void Preferences::setDefaultIntervalS(int seconds)
{
    store("checks/defaultIntervalS", seconds);
}

int Preferences::maxConcurrent()
{
    return std::clamp(value("checks/maxConcurrent", 8).toInt(), 1, 64);
}

void Preferences::setMaxConcurrent(int checks)
{
    store("checks/maxConcurrent", checks);
}

bool Preferences::restEnabled()
{
    return value("rest/enabled", false).toBool();
}

void Preferences::setRestEnabled(bool on)
{
    store("rest/enabled", on);
}

QString Preferences::restAddress()
{
    return value("rest/address", QStringLiteral("127.0.0.1")).toString();
}

void Preferences::setRestAddress(const QString &address)
{
    store("rest/address", address);
}

int Preferences::restPort()
{
    return value("rest/port", 8765).toInt();
}

void Preferences::setRestPort(int port)
{
    store("rest/port", port);
}

} // namespace qw::ui
