#include "ui/preferences.h"

#include "core/model/apikey.h"
#include "core/secrets/privatefiles.h"
#include "core/session/configuration.h"
#include "core/session/settingkeys.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>

namespace qw::ui {

namespace {

QVariant value(const char *key, const QVariant &fallback = {})
{
    return QSettings().value(QLatin1String(key), fallback);
}

void store(const char *key, const QVariant &value)
{
    QSettings settings;
    settings.setValue(QLatin1String(key), value);
    // Saved now, readable by the user only: the database URL and the REST settings are in there.
    if (auto saved = PrivateFiles::saveSettings(settings); !saved)
        qWarning("%s", qPrintable(saved.error().message));
}

// Desktop-only layout and look: no other front end reads them.
constexpr auto kMainWindowGeometry = "ui/mainWindowGeometry";
constexpr auto kKeyTableState = "ui/keyTableState";
constexpr auto kTheme = "ui/theme";

} // namespace

QByteArray Preferences::mainWindowGeometry()
{
    return value(kMainWindowGeometry).toByteArray();
}

void Preferences::setMainWindowGeometry(const QByteArray &geometry)
{
    store(kMainWindowGeometry, geometry);
}

QByteArray Preferences::keyTableState()
{
    return value(kKeyTableState).toByteArray();
}

void Preferences::setKeyTableState(const QByteArray &state)
{
    store(kKeyTableState, state);
}

QString Preferences::theme()
{
    return value(kTheme).toString();
}

void Preferences::setTheme(const QString &theme)
{
    store(kTheme, theme);
}

QString Preferences::language()
{
    return value(SettingKeys::kLanguage).toString();
}

void Preferences::setLanguage(const QString &language)
{
    store(SettingKeys::kLanguage, language);
}

bool Preferences::startMinimized()
{
    return value(SettingKeys::kStartMinimized, false).toBool();
}

void Preferences::setStartMinimized(bool on)
{
    store(SettingKeys::kStartMinimized, on);
}

bool Preferences::closeToTray()
{
    return value(SettingKeys::kCloseToTray, true).toBool();
}

void Preferences::setCloseToTray(bool on)
{
    store(SettingKeys::kCloseToTray, on);
}

bool Preferences::trayHintShown()
{
    return value(SettingKeys::kTrayHintShown, false).toBool();
}

void Preferences::setTrayHintShown(bool shown)
{
    store(SettingKeys::kTrayHintShown, shown);
}

QString Preferences::databaseUrl()
{
    return value(SettingKeys::kDatabaseUrl).toString();
}

void Preferences::setDatabaseUrl(const QString &url)
{
    store(SettingKeys::kDatabaseUrl, url);
}

QString Preferences::displayCurrency()
{
    return value(SettingKeys::kDisplayCurrency).toString();
}

void Preferences::setDisplayCurrency(const QString &currency)
{
    store(SettingKeys::kDisplayCurrency, currency.trimmed().toUpper());
}

QMap<QString, double> Preferences::exchangeRates()
{
    QMap<QString, double> rates;
    const QJsonObject object =
        QJsonDocument::fromJson(value(SettingKeys::kExchangeRates).toByteArray()).object();
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
    store(SettingKeys::kExchangeRates, QJsonDocument(object).toJson(QJsonDocument::Compact));
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
    const int seconds = value(SettingKeys::kDefaultIntervalS, ApiKey::kDefaultIntervalS).toInt();
    return std::clamp(seconds, ApiKey::kMinIntervalS, ApiKey::kMaxIntervalS);
}

void Preferences::setDefaultIntervalS(int seconds)
{
    store(SettingKeys::kDefaultIntervalS, seconds);
}

int Preferences::maxConcurrent()
{
    return std::clamp(value(SettingKeys::kMaxConcurrent, HttpClientLimits{}.maxConcurrent).toInt(),
                      Configuration::kMinChecksInFlight, Configuration::kMaxChecksInFlight);
}

void Preferences::setMaxConcurrent(int checks)
{
    store(SettingKeys::kMaxConcurrent, checks);
}

bool Preferences::restEnabled()
{
    return value(SettingKeys::kRestEnabled, false).toBool();
}

void Preferences::setRestEnabled(bool on)
{
    store(SettingKeys::kRestEnabled, on);
}

QString Preferences::restAddress()
{
    return value(SettingKeys::kRestAddress, RestEndpoint{}.host).toString();
}

void Preferences::setRestAddress(const QString &address)
{
    store(SettingKeys::kRestAddress, address);
}

int Preferences::restPort()
{
    return value(SettingKeys::kRestPort, RestEndpoint::kDefaultPort).toInt();
}

void Preferences::setRestPort(int port)
{
    store(SettingKeys::kRestPort, port);
}

bool Preferences::restAllowRemote()
{
    return value(SettingKeys::kRestAllowRemote, false).toBool();
}

void Preferences::setRestAllowRemote(bool on)
{
    store(SettingKeys::kRestAllowRemote, on);
}

QString Preferences::restTlsCertificate()
{
    return value(SettingKeys::kRestTlsCert, QString()).toString();
}

void Preferences::setRestTlsCertificate(const QString &file)
{
    store(SettingKeys::kRestTlsCert, file);
}

QString Preferences::restTlsKey()
{
    return value(SettingKeys::kRestTlsKey, QString()).toString();
}

void Preferences::setRestTlsKey(const QString &file)
{
    store(SettingKeys::kRestTlsKey, file);
}

bool Preferences::restMetricsPublic()
{
    return value(SettingKeys::kRestMetricsPublic, false).toBool();
}

void Preferences::setRestMetricsPublic(bool on)
{
    store(SettingKeys::kRestMetricsPublic, on);
}

QString Preferences::lastPlatform()
{
    return value(SettingKeys::kLastPlatform).toString();
}

void Preferences::setLastPlatform(const QString &platform)
{
    store(SettingKeys::kLastPlatform, platform);
}

QString Preferences::exportFolder()
{
    const QString folder = value(SettingKeys::kLastExportFolder).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        return folder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void Preferences::setExportFolder(const QString &folder)
{
    store(SettingKeys::kLastExportFolder, folder);
}

} // namespace qw::ui
