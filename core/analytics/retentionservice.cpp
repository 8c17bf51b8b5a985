#include "core/analytics/retentionservice.h"

#include "core/clock.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrolluprepository.h"

#include <QElapsedTimer>

namespace qw {

namespace {

const QString kRawDaysSetting = QStringLiteral("retention.raw_days");

} // namespace

Result<RetentionSettings> RetentionService::settings()
{
    auto stored = SettingsRepository(m_db).value(kRawDaysSetting);
    if (!stored)
        return tl::unexpected(stored.error());
    RetentionSettings settings;
    bool ok = false;
    const int days = stored->value_or(QString()).toInt(&ok);
    // A damaged value falls back to the default rather than to rolling everything away.
    if (ok && days >= RetentionSettings::kMinRawDays && days <= RetentionSettings::kMaxRawDays)
        settings.rawDays = days;
    return settings;
}

Result<void> RetentionService::setRawDays(int days)
{
    if (days < RetentionSettings::kMinRawDays || days > RetentionSettings::kMaxRawDays)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the retention must be from %1 to %2 days")
                                                 .arg(RetentionSettings::kMinRawDays)
                                                 .arg(RetentionSettings::kMaxRawDays));
    return SettingsRepository(m_db).setValue(kRawDaysSetting, QString::number(days));
}

Result<qint64> RetentionService::sizeBytes()
{
    return SnapshotRollupRepository(m_db).sizeBytes();
}

Result<DatabaseStats> RetentionService::stats()
{
    DatabaseStats stats;
    auto retention = settings();
    if (!retention)
        return tl::unexpected(retention.error());
    stats.retention = *retention;
    SnapshotRollupRepository rollups(m_db);
    auto rows = rollups.stats();
    if (!rows)
        return tl::unexpected(rows.error());
    stats.rows = *rows;
    auto size = rollups.sizeBytes();
    if (!size)
        return tl::unexpected(size.error());
    stats.sizeBytes = *size;
    return stats;
}

Result<RollupProgress> RetentionService::rollUp(std::chrono::milliseconds budget)
{
    auto retention = settings();
    if (!retention)
        return tl::unexpected(retention.error());
    const qint64 nowMs = m_clock.nowUtc().toMSecsSinceEpoch();
    const qint64 rawCutoffMs = nowMs - qint64(retention->rawDays) * SnapshotRollupRepository::kDayMs;
    const qint64 hourlyCutoffMs = nowMs - qint64(retention->hourlyDays) * SnapshotRollupRepository::kDayMs;
    SnapshotRollupRepository rollups(m_db);
    QElapsedTimer elapsed;
    elapsed.start();
    // At least one step per call, however small the budget, so that slices always progress.
    bool first = true;
    const auto timeLeft = [&] { return first || budget.count() < 0 || elapsed.elapsed() < budget.count(); };
    RollupProgress progress;
    while (timeLeft()) {
        auto keys = rollups.keyIds(m_afterKey, 1);
        if (!keys)
            return tl::unexpected(keys.error());
        if (keys->empty()) {
            m_afterKey = 0;
            m_hourlyDone = false;
            progress.finished = true;
            return progress;
        }
        const qint64 keyId = keys->front();
        // The key's hours, then its days, one bucket per step, checking the time between them.
        while (timeLeft()) {
            auto step = m_hourlyDone ? rollups.rollNextDay(keyId, hourlyCutoffMs)
                                     : rollups.rollNextHour(keyId, rawCutoffMs);
            if (!step)
                return tl::unexpected(step.error());
            first = false;
            if (!step->found) {
                if (m_hourlyDone) {
                    m_afterKey = keyId;
                    m_hourlyDone = false;
                    break;
                }
                m_hourlyDone = true;
                continue;
            }
            ++progress.buckets;
            if (!m_hourlyDone)
                progress.checksRolled += step->checksRolled;
        }
    }
    return progress;
}

Result<RollupProgress> RetentionService::compact()
{
    m_afterKey = 0;
    m_hourlyDone = false;
    auto rolled = rollUp(std::chrono::milliseconds(-1));
    if (!rolled)
        return rolled;
    if (auto vacuumed = SnapshotRollupRepository(m_db).vacuum(); !vacuumed)
        return tl::unexpected(vacuumed.error());
    return rolled;
}

} // namespace qw
