// The names of this machine's saved settings (QSettings), spelled once for every reader:
// Configuration, the desktop's Preferences and the tests.
#pragma once

namespace qw::SettingKeys {

inline constexpr char kDatabaseUrl[] = "database/url";
inline constexpr char kLanguage[] = "ui/language";
inline constexpr char kStartMinimized[] = "ui/startMinimized";
inline constexpr char kCloseToTray[] = "ui/closeToTray";
inline constexpr char kTrayHintShown[] = "ui/trayHintShown";
inline constexpr char kDisplayCurrency[] = "display/currency";
inline constexpr char kExchangeRates[] = "display/rates";
inline constexpr char kDefaultIntervalS[] = "checks/defaultIntervalS";
inline constexpr char kMaxConcurrent[] = "checks/maxConcurrent";
inline constexpr char kMaxPerHost[] = "checks/maxPerHost";
inline constexpr char kRestEnabled[] = "rest/enabled";
inline constexpr char kRestAddress[] = "rest/address";
inline constexpr char kRestPort[] = "rest/port";
inline constexpr char kRestAllowRemote[] = "rest/allowRemote";
inline constexpr char kRestTlsCert[] = "rest/tlsCert";
inline constexpr char kRestTlsKey[] = "rest/tlsKey";
inline constexpr char kRestAllowedOrigins[] = "rest/allowedOrigins";
inline constexpr char kRestTokenMinutes[] = "rest/tokenMinutes";
inline constexpr char kRestMetricsPublic[] = "rest/metricsPublic";
inline constexpr char kLastPlatform[] = "ui/lastPlatform";
inline constexpr char kLastExportFolder[] = "ui/lastExportFolder";

} // namespace qw::SettingKeys
