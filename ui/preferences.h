// This machine's desktop preferences (QSettings): language, window behaviour, the display
// currency and the exchange rates the user set (QuotaWatch has no built-in rates). Settings that
// every client of a database shares (alert settings, channels) live in the database instead.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <optional>

namespace qw::ui {

class Preferences final
{
public:
    // "" = follow the system; else "en" or "zh_CN".
    [[nodiscard]] static QString language();
    static void setLanguage(const QString &language);

    [[nodiscard]] static bool startMinimized();
    static void setStartMinimized(bool on);
    [[nodiscard]] static bool closeToTray(); // default true
    static void setCloseToTray(bool on);
    // Whether the one-time "still running in the tray" hint was shown.
    [[nodiscard]] static bool trayHintShown();
    static void setTrayHintShown(bool shown);

    // The database URL to use when neither --db nor QUOTAWATCH_DB is given; empty: the default.
    [[nodiscard]] static QString databaseUrl();
    static void setDatabaseUrl(const QString &url);

    // E.g. "USD"; empty: no converted total.
    [[nodiscard]] static QString displayCurrency();
    static void setDisplayCurrency(const QString &currency);
    // How many units of the display currency one unit of each other currency is worth, as the
    // user entered them: {"CNY": 0.14, "EUR": 1.08}.
    [[nodiscard]] static QMap<QString, double> exchangeRates();
    static void setExchangeRates(const QMap<QString, double> &rates);
    // `amount` of `unit` in the display currency, or nullopt when no rate is set for it.
    [[nodiscard]] static std::optional<double> toDisplayCurrency(double amount, const QString &unit);

    // The main window's size and place, and its key table's columns (widths, order, sort), as
    // QWidget::saveGeometry() and QHeaderView::saveState() give them; empty before the first close.
    [[nodiscard]] static QByteArray mainWindowGeometry();
    static void setMainWindowGeometry(const QByteArray &geometry);
    [[nodiscard]] static QByteArray keyTableState();
    static void setKeyTableState(const QByteArray &state);

    // "" (or anything else) = follow the system, "light" or "dark".
    [[nodiscard]] static QString theme();
    static void setTheme(const QString &theme);

    // Default interval (seconds) and concurrency for new keys / the scheduler.
    [[nodiscard]] static int defaultIntervalS();
    static void setDefaultIntervalS(int seconds);
    [[nodiscard]] static int maxConcurrent();
    static void setMaxConcurrent(int checks);

    // REST API served by the desktop (DesktopRestServer reads them through Configuration):
    // enabled, address, port, reachable from other machines, HTTPS files, public /metrics.
    [[nodiscard]] static bool restEnabled();
    static void setRestEnabled(bool on);
    [[nodiscard]] static QString restAddress();
    static void setRestAddress(const QString &address);
    [[nodiscard]] static int restPort();
    static void setRestPort(int port);
    [[nodiscard]] static bool restAllowRemote();
    static void setRestAllowRemote(bool on);
    [[nodiscard]] static QString restTlsCertificate();
    static void setRestTlsCertificate(const QString &file);
    [[nodiscard]] static QString restTlsKey();
    static void setRestTlsKey(const QString &file);
    [[nodiscard]] static bool restMetricsPublic();
    static void setRestMetricsPublic(bool on);

    // The platform of the key last saved in the editor, which a new key starts on; empty: none.
    [[nodiscard]] static QString lastPlatform();
    static void setLastPlatform(const QString &platform);
    // Where an export was last saved; the documents folder before the first.
    [[nodiscard]] static QString exportFolder();
    static void setExportFolder(const QString &folder);
};

} // namespace qw::ui
