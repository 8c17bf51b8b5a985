// The key table: its model against a real database and real checks through the engine, the
// filter proxy, and the two delegates painted offscreen.
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/format/displayformat.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keytablemodel.h"
#include "ui/widgets/balancebardelegate.h"
#include "ui/widgets/sparklinedelegate.h"

#include <QBrush>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QItemSelectionModel>
#include <QPainter>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <algorithm>
#include <functional>
#include <gtest/gtest.h>

namespace qw::test {

namespace {

using ui::KeyFilterProxy;
using ui::KeyTableModel;

constexpr qint64 kHourMs = 60LL * 60 * 1000;

QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

// Names of the proxy's rows, top to bottom.
QStringList names(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << text(model, row, KeyTableModel::Name);
    return result;
}

// How many pixels of `rect` in `image` differ clearly from `background`.
int pixelsUnlike(const QImage &image, const QRect &rect, QColor background)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - background.red()) + std::abs(pixel.green() - background.green()) +
                    std::abs(pixel.blue() - background.blue()) >
                60)
                ++count;
        }
    return count;
}

class KeyTableTest : public UiTest
{
protected:
    QDateTime now() const { return QDateTime::currentDateTimeUtc(); }

    // `count` keys named "key N", each with hourly readings (hoursOf(N) of them, the last an
    // hour ago, 99 left), stored in one batch.
    std::vector<qint64> addKeysWithHours(int count, const std::function<int(int)> &hoursOf)
    {
        std::vector<qint64> ids;
        std::vector<Snapshot> history;
        for (int i = 0; i < count; ++i) {
            ids.push_back(addKey(QStringLiteral("key %1").arg(i)));
            for (int hour = hoursOf(i); hour >= 1; --hour) {
                Snapshot point;
                point.keyId = ids.back();
                point.checkedAt = now().addSecs(-hour * 3600);
                point.status = CheckStatus::Ok;
                point.remaining = Amount::fromDouble(100 - hour);
                point.unit = QStringLiteral("CNY");
                history.push_back(point);
            }
        }
        EXPECT_TRUE(SnapshotRepository(session().database()).insertMany(history));
        return ids;
    }

    // Runs one real check through the engine and waits until it is stored.
    void checkNow(qint64 keyId)
    {
        QSignalSpy finished(&session().engine().checks(), &CheckService::checkFinished);
        session().engine().checks().check(keyId);
        ASSERT_TRUE(waitFor([&] { return finished.count() > 0; }));
        ASSERT_TRUE(finished.first().at(2).toBool()) << "the snapshot was not stored";
    }

    // A failed check stored for `keyId`.
    void addFailure(qint64 keyId, const QDateTime &at, const QString &error)
    {
        Snapshot snapshot;
        snapshot.keyId = keyId;
        snapshot.checkedAt = at;
        snapshot.status = CheckStatus::AuthError;
        snapshot.error = error;
        ASSERT_TRUE(SnapshotRepository(session().database()).insert(snapshot));
    }

    // A key of another platform, stored directly.
    qint64 addOpenRouterKey(const QString &name, const QStringList &tags)
    {
        ApiKey key;
        key.userId = session().ownerId();
        key.name = name;
        key.platform = QStringLiteral("openrouter");
        key.baseUrl = providerUrl(QStringLiteral("ok"));
        key.secretEnc = QByteArrayLiteral("not-a-token");
        key.secretHint = QStringLiteral("sk-or-…9z9z");
        key.tags = tags;
        auto id = ApiKeyRepository(session().database()).insert(key);
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    void setTags(qint64 keyId, const QStringList &tags)
    {
        ApiKeyRepository keys(session().database());
        auto key = keys.find(keyId);
        ASSERT_TRUE(key && *key);
        ApiKey edited = **key;
        edited.tags = tags;
        ASSERT_TRUE(keys.update(edited).value_or(false));
    }

    // Every 3 hours for a week, spending 10 CNY a day from 200: 56 points, ending 2 h ago at
    // 131.25 CNY, which lasts 13.125 days more.
    void addSpendingWeek(qint64 keyId)
    {
        const QDateTime start = now().addMSecs(-7 * 24 * kHourMs + kHourMs);
        for (int i = 0; i < 56; ++i)
            addSnapshot(keyId, start.addMSecs(i * 3 * kHourMs), 200.0 - 1.25 * i);
    }
};

TEST_F(KeyTableTest, ShowsStoredKeysWithTheirLatestSnapshot)
{
    const qint64 alpha = addKey(QStringLiteral("Alpha"));
    const qint64 beta = addKey(QStringLiteral("Beta"));
    setTags(alpha, {QStringLiteral("prod"), QStringLiteral("team-a")});
    addSnapshot(alpha, now().addSecs(-2 * 3600), 50);
    addSnapshot(alpha, now().addSecs(-3 * 60 - 5), 42.25);

    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), KeyTableModel::ColumnCount);

    const int a = model.rowOfKey(alpha);
    const int b = model.rowOfKey(beta);
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    EXPECT_EQ(model.rowOfKey(999999), -1);
    EXPECT_EQ(model.keyAt(a)->name, QStringLiteral("Alpha"));
    EXPECT_EQ(model.keyAt(99), nullptr);
    EXPECT_EQ(model.index(a, 0).data(KeyTableModel::KeyIdRole).toLongLong(), alpha);

    EXPECT_EQ(text(model, a, KeyTableModel::Name), QStringLiteral("Alpha"));
    EXPECT_EQ(text(model, a, KeyTableModel::Platform), QStringLiteral("DeepSeek"));
    EXPECT_EQ(text(model, a, KeyTableModel::Remaining), QStringLiteral("42.25 CNY"));
    EXPECT_EQ(text(model, a, KeyTableModel::LastCheck), QStringLiteral("3 min ago"));
    EXPECT_FALSE(text(model, a, KeyTableModel::LastCheck, Qt::ToolTipRole).isEmpty());
    EXPECT_EQ(text(model, a, KeyTableModel::Status), QStringLiteral("OK"));
    EXPECT_FALSE(model.index(a, KeyTableModel::Status).data(Qt::DecorationRole).value<QIcon>().isNull());
    EXPECT_EQ(text(model, a, KeyTableModel::DaysLeft), QStringLiteral("—"));
    EXPECT_EQ(model.index(a, 0).data(KeyTableModel::HealthRole).toInt(), int(KeyHealth::Ok));
    EXPECT_EQ(model.index(a, 0).data(KeyTableModel::PlatformIdRole).toString(), QStringLiteral("deepseek"));
    EXPECT_EQ(model.index(a, 0).data(KeyTableModel::TagsRole).toStringList(),
              (QStringList{QStringLiteral("prod"), QStringLiteral("team-a")}));
    const QString nameTip = text(model, a, KeyTableModel::Name, Qt::ToolTipRole);
    EXPECT_TRUE(nameTip.contains(model.keyAt(a)->secretHint)) << nameTip.toStdString();
    EXPECT_TRUE(nameTip.contains(QStringLiteral("prod, team-a"))) << nameTip.toStdString();
    ASSERT_TRUE(model.latestAt(a));
    EXPECT_EQ(model.latestAt(a)->remaining, Amount::parse(u"42.25"));
    // No threshold and no limit: nothing to draw a bar against.
    EXPECT_FALSE(model.index(a, 0).data(KeyTableModel::FractionRole).isValid());
    EXPECT_EQ(model.index(a, KeyTableModel::Remaining).data(KeyTableModel::SortRole).toDouble(), 42.25);

    EXPECT_EQ(text(model, b, KeyTableModel::Remaining), QStringLiteral("—"));
    EXPECT_EQ(text(model, b, KeyTableModel::LastCheck), QStringLiteral("Never"));
    EXPECT_EQ(text(model, b, KeyTableModel::Status), QStringLiteral("Not checked yet"));
    EXPECT_FALSE(model.latestAt(b));
    EXPECT_FALSE(model.index(b, KeyTableModel::Remaining).data(KeyTableModel::SortRole).isValid());

    EXPECT_EQ(model.headerData(KeyTableModel::Remaining, Qt::Horizontal).toString(),
              QStringLiteral("Remaining"));
    for (int column = 0; column < KeyTableModel::ColumnCount; ++column)
        EXPECT_FALSE(model.headerData(column, Qt::Horizontal).toString().isEmpty()) << column;
}

TEST_F(KeyTableTest, ARealCheckUpdatesOnlyItsRow)
{
    addKey(QStringLiteral("First"));
    const qint64 id = addKey(QStringLiteral("Second"));
    addKey(QStringLiteral("Third"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const int row = model.rowOfKey(id);
    ASSERT_GE(row, 0);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy summary(&model, &KeyTableModel::summaryChanged);
    checkNow(id);

    EXPECT_EQ(reset.count(), 0);
    EXPECT_EQ(layout.count(), 0);
    ASSERT_GE(changed.count(), 1);
    for (const QList<QVariant> &arguments : changed) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        EXPECT_EQ(topLeft.row(), row);
        EXPECT_EQ(bottomRight.row(), row);
        EXPECT_EQ(topLeft.column(), 0);
        EXPECT_EQ(bottomRight.column(), KeyTableModel::ColumnCount - 1);
    }
    EXPECT_GE(summary.count(), 1);
    EXPECT_EQ(text(model, row, KeyTableModel::Remaining), QStringLiteral("110.50 CNY"));
    EXPECT_EQ(text(model, row, KeyTableModel::LastCheck), QStringLiteral("just now"));
    EXPECT_EQ(model.healthAt(row), KeyHealth::Ok);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("OK"));
    for (int other = 0; other < model.rowCount(); ++other) {
        if (other != row) {
            EXPECT_EQ(text(model, other, KeyTableModel::Remaining), QStringLiteral("—"));
        }
    }
}

TEST_F(KeyTableTest, KeysUnderTheirThresholdRunLow)
{
    const qint64 id = addKey(QStringLiteral("Low"), QStringLiteral("ok"), QStringLiteral("200"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    checkNow(id);

    const int row = model.rowOfKey(id);
    EXPECT_EQ(model.healthAt(row), KeyHealth::Low);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Running low"));
    EXPECT_EQ(text(model, row, KeyTableModel::Status, Qt::ToolTipRole),
              QStringLiteral("Below the threshold of 200 CNY"));
    // The threshold sits in the middle of the bar: 110.5 / 400.
    EXPECT_NEAR(model.index(row, 0).data(KeyTableModel::FractionRole).toDouble(), 110.5 / 400, 1e-9);
    // Tinted in every cell, so the state shows at a glance.
    for (int column = 0; column < KeyTableModel::ColumnCount; ++column)
        EXPECT_TRUE(model.index(row, column).data(Qt::BackgroundRole).isValid()) << column;
    EXPECT_EQ(model.overview().worst(), KeyHealth::Low);
}

TEST_F(KeyTableTest, MarkupInAnErrorOrANameShowsLiterallyInTheToolTips)
{
    // What a hostile provider (or whoever named the key) might hope Qt renders as HTML.
    const QString markup =
        QStringLiteral("<b>x</b><img src=\"http://attacker.example/p.png\"> & <a href=x>y</a>");
    const qint64 id = addKey(QStringLiteral("<i>name</i>"));
    addFailure(id, now().addSecs(-60), markup);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const int row = model.rowOfKey(id);
    ASSERT_EQ(model.healthAt(row), KeyHealth::Failing);

    const QString tip = text(model, row, KeyTableModel::Status, Qt::ToolTipRole);
    // Qt would take "<b>" and "<img" as markup; escaped, the tooltip renders the text as it is.
    EXPECT_FALSE(tip.contains(QLatin1String("<b>"))) << tip.toStdString();
    EXPECT_FALSE(tip.contains(QLatin1String("<img"))) << tip.toStdString();
    QTextDocument shown;
    shown.setHtml(tip);
    EXPECT_EQ(shown.toPlainText().trimmed(), markup);

    const QString nameTip = text(model, row, KeyTableModel::Name, Qt::ToolTipRole);
    EXPECT_FALSE(nameTip.contains(QLatin1String("<i>"))) << nameTip.toStdString();
    shown.setHtml(nameTip);
    EXPECT_TRUE(shown.toPlainText().startsWith(QStringLiteral("<i>name</i>"))) << nameTip.toStdString();

    // Text without markup stays as it was: escaping it would show the entities.
    EXPECT_EQ(ui::DisplayFormat::literal(QStringLiteral("a & b")), QStringLiteral("a & b"));
}

TEST_F(KeyTableTest, AnAccountOutOfCreditIsEmptyAndSaysSo)
{
    // HTTP 402 from the provider: an empty account, even without a threshold.
    m_server.route("GET", "/empty/user/balance",
                   TestResponse::json(R"({"error":{"message":"Insufficient Balance"}})", 402));
    const qint64 id = addKey(QStringLiteral("Empty"), QStringLiteral("empty"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    checkNow(id);

    const int row = model.rowOfKey(id);
    EXPECT_EQ(model.healthAt(row), KeyHealth::Empty);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Out of credit"));
    const QString tip = text(model, row, KeyTableModel::Status, Qt::ToolTipRole);
    EXPECT_TRUE(tip.contains(QLatin1String("out of credit (HTTP 402)"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QLatin1String("Insufficient Balance"))) << tip.toStdString();
    ASSERT_TRUE(model.latestAt(row));
    EXPECT_EQ(model.latestAt(row)->status, CheckStatus::Ok);
    EXPECT_EQ(model.latestAt(row)->remaining, Amount());
    EXPECT_EQ(model.overview().worst(), KeyHealth::Empty);
}

TEST_F(KeyTableTest, RefusedKeysFailWithTheErrorAsToolTip)
{
    const qint64 id = addKey(QStringLiteral("Refused"), QStringLiteral("refused"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    checkNow(id);

    const int row = model.rowOfKey(id);
    EXPECT_EQ(model.healthAt(row), KeyHealth::Failing);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Failing"));
    ASSERT_TRUE(model.latestAt(row));
    EXPECT_FALSE(model.latestAt(row)->error.isEmpty());
    // The provider's refusal in one sentence: no stored code, no "Key refused" before it.
    const QString tip = text(model, row, KeyTableModel::Status, Qt::ToolTipRole);
    EXPECT_TRUE(tip.startsWith(QStringLiteral("The provider refused the key (HTTP 401): ")))
        << tip.toStdString();
    EXPECT_TRUE(tip.endsWith(model.latestAt(row)->error.mid(1))) << tip.toStdString();
    EXPECT_FALSE(tip.contains(QStringLiteral("auth_error"))) << tip.toStdString();
    EXPECT_EQ(text(model, row, KeyTableModel::Remaining), QStringLiteral("—"));
    EXPECT_TRUE(model.index(row, KeyTableModel::Name).data(Qt::BackgroundRole).isValid());
    EXPECT_EQ(model.index(row, KeyTableModel::Status).data(KeyTableModel::SortRole).toInt(),
              -KeyHealthRules::severity(KeyHealth::Failing));
}

// A key redirected behind QuotaWatch's back is failing (red), and says why in the table.
TEST_F(KeyTableTest, ARedirectedKeySaysItsDestinationChanged)
{
    const qint64 id = addKey(QStringLiteral("Redirected"));
    ASSERT_TRUE(session()
                    .database()
                    .run(QStringLiteral("UPDATE api_keys SET base_url = ? WHERE id = ?"),
                         {providerUrl(QStringLiteral("refused")), id})
                    .has_value());
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    checkNow(id);

    const int row = model.rowOfKey(id);
    EXPECT_EQ(model.healthAt(row), KeyHealth::Failing);
    ASSERT_TRUE(model.latestAt(row));
    EXPECT_EQ(model.latestAt(row)->status, CheckStatus::IntegrityError);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Destination changed"));
    EXPECT_TRUE(text(model, row, KeyTableModel::Status, Qt::ToolTipRole)
                    .contains(QStringLiteral("outside QuotaWatch")));
    EXPECT_TRUE(model.index(row, KeyTableModel::Name).data(Qt::BackgroundRole).isValid());
    EXPECT_EQ(m_server.requestCount(), 0) << "the secret went out";
}

TEST_F(KeyTableTest, DisabledKeysArePausedAfterKeysChanged)
{
    const qint64 id = addKey(QStringLiteral("Sleeping"));
    addSnapshot(id, now().addSecs(-60), 80);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(model.healthAt(model.rowOfKey(id)), KeyHealth::Ok);

    ASSERT_TRUE(ApiKeyRepository(session().database()).setEnabled(id, false).value_or(false));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    emit session().keysChanged();
    EXPECT_EQ(reset.count(), 1);
    const int row = model.rowOfKey(id);
    EXPECT_EQ(model.healthAt(row), KeyHealth::Paused);
    EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Paused"));
    EXPECT_TRUE(model.index(row, KeyTableModel::Name).data(Qt::ForegroundRole).isValid());
    // Its balance still counts: the check worked, the key is only not polled.
    EXPECT_EQ(text(model, row, KeyTableModel::Remaining), QStringLiteral("80.00 CNY"));
}

TEST_F(KeyTableTest, TrendsAndDaysLeftLoadAfterwardsAndFollowLiveChecks)
{
    const qint64 id = addKey(QStringLiteral("Spender"));
    const qint64 idle = addKey(QStringLiteral("Idle"));
    addSpendingWeek(id);
    addSnapshot(idle, now().addSecs(-600), 5);

    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const int row = model.rowOfKey(id);
    EXPECT_FALSE(model.trendsLoaded());
    EXPECT_TRUE(model.index(row, 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>().isEmpty());
    EXPECT_EQ(text(model, row, KeyTableModel::DaysLeft), QStringLiteral("—"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.loadTrends();
    EXPECT_TRUE(model.trendsLoaded());
    EXPECT_EQ(reset.count(), 0);
    ASSERT_EQ(changed.count(), 1);
    // The Level cell too: without a bar it draws the trend.
    EXPECT_EQ(changed.first().at(0).value<QModelIndex>().column(), KeyTableModel::Bar);
    EXPECT_EQ(changed.first().at(1).value<QModelIndex>().column(), KeyTableModel::DaysLeft);
    EXPECT_EQ(changed.first().at(1).value<QModelIndex>().row(), model.rowCount() - 1);

    const auto trend = model.index(row, 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>();
    ASSERT_EQ(trend.size(), 56);
    EXPECT_DOUBLE_EQ(trend.front().y(), 200.0);
    EXPECT_DOUBLE_EQ(trend.back().y(), 131.25);
    EXPECT_LT(trend.front().x(), trend.back().x());
    ASSERT_TRUE(model.daysLeftAt(row));
    EXPECT_NEAR(*model.daysLeftAt(row), 13.125, 1e-6);
    EXPECT_EQ(text(model, row, KeyTableModel::DaysLeft), QStringLiteral("13 days"));
    EXPECT_EQ(text(model, row, KeyTableModel::DaysLeft, Qt::ToolTipRole),
              QStringLiteral("Spending about 10.00 CNY a day over the last 7 days"));
    EXPECT_NEAR(model.index(row, KeyTableModel::DaysLeft).data(KeyTableModel::SortRole).toDouble(), 13.125,
                1e-6);
    // One point is no rate yet, and the cell says so.
    EXPECT_EQ(text(model, model.rowOfKey(idle), KeyTableModel::DaysLeft), QStringLiteral("Too early"));

    // A live check adds its point to the trend and moves the forecast, in place; the new
    // revision tells the sparkline its cached picture is out of date.
    const quint64 loadedRevision =
        model.index(row, KeyTableModel::Trend).data(KeyTableModel::TrendRevisionRole).toULongLong();
    EXPECT_NE(loadedRevision, 0u);
    changed.clear();
    checkNow(id);
    EXPECT_NE(model.index(row, KeyTableModel::Trend).data(KeyTableModel::TrendRevisionRole).toULongLong(),
              loadedRevision);
    EXPECT_EQ(reset.count(), 0);
    const auto live = model.index(row, 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>();
    ASSERT_EQ(live.size(), 57);
    EXPECT_DOUBLE_EQ(live.back().y(), 110.5);
    ASSERT_TRUE(model.daysLeftAt(row));
    EXPECT_LT(*model.daysLeftAt(row), 13.125);
    EXPECT_GT(*model.daysLeftAt(row), 1.0);

    // A reload (a key edited elsewhere) keeps the trend instead of reading it again.
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(
        model.index(model.rowOfKey(id), 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>().size(), 57);
    // ...and a key added after loadTrends() gets its series with the reload.
    const qint64 later = addKey(QStringLiteral("Later"));
    addSpendingWeek(later);
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(
        model.index(model.rowOfKey(later), 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>().size(),
        56);
    EXPECT_NEAR(model.daysLeftAt(model.rowOfKey(later)).value_or(0), 13.125, 1e-6);
}

TEST_F(KeyTableTest, PercentQuotasReadAsPercentAndFillTheBarByThemselves)
{
    const qint64 id = addKey(QStringLiteral("Coding plan"));
    addSnapshot(id, now().addSecs(-60), 42, QStringLiteral("percent"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const int row = model.rowOfKey(id);
    EXPECT_EQ(text(model, row, KeyTableModel::Remaining), QStringLiteral("42%"));
    EXPECT_DOUBLE_EQ(model.index(row, 0).data(KeyTableModel::FractionRole).toDouble(), 0.42);
}

TEST_F(KeyTableTest, DaysLeftTexts)
{
    const qint64 fast = addKey(QStringLiteral("Fast"));
    // 10 CNY an hour over 12 hours, 5 left: half an hour.
    const QDateTime start = now().addMSecs(-12 * kHourMs);
    for (int i = 0; i <= 12; ++i)
        addSnapshot(fast, start.addMSecs(i * kHourMs), 125.0 - 10 * i);
    // 5 CNY a minute, checked every 5 minutes: after three checks 900 CNY is 3 hours.
    // One clock reading for all three, or a millisecond tick between them bends the rate.
    const qint64 draining = addKey(QStringLiteral("Draining"));
    const QDateTime drainStart = now().addSecs(-600);
    for (int i = 0; i < 3; ++i)
        addSnapshot(draining, drainStart.addSecs(i * 300), 950.0 - 25 * i);
    // Two checks are too few, however fast: the cell says so instead of a dash.
    const qint64 young = addKey(QStringLiteral("Young"));
    addSnapshot(young, now().addSecs(-600), 950.0);
    addSnapshot(young, now().addSecs(-300), 925.0);
    // Spent to nothing.
    const qint64 spent = addKey(QStringLiteral("Spent"));
    for (int i = 0; i <= 7; ++i)
        addSnapshot(spent, now().addMSecs(-(8 - i) * kHourMs), 7.0 - i);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    model.loadTrends();
    EXPECT_EQ(text(model, model.rowOfKey(fast), KeyTableModel::DaysLeft), QStringLiteral("< 1 h"));
    EXPECT_EQ(text(model, model.rowOfKey(draining), KeyTableModel::DaysLeft), QStringLiteral("3 h"));
    EXPECT_NEAR(model.daysLeftAt(model.rowOfKey(draining)).value_or(0) * 24, 3.0, 1e-6);
    EXPECT_EQ(text(model, model.rowOfKey(young), KeyTableModel::DaysLeft), QStringLiteral("Too early"));
    EXPECT_TRUE(text(model, model.rowOfKey(young), KeyTableModel::DaysLeft, Qt::ToolTipRole)
                    .startsWith(QStringLiteral("Too few checks to forecast from yet")));
    // No forecast sorts last, like an unknown value.
    EXPECT_FALSE(
        model.index(model.rowOfKey(young), KeyTableModel::DaysLeft).data(KeyTableModel::SortRole).isValid());
    EXPECT_EQ(text(model, model.rowOfKey(spent), KeyTableModel::DaysLeft), QStringLiteral("Empty"));
}

// Nothing left is a state of its own: red like a failing key, its own word and icon, counted
// in the overview and sorted with the failing keys.
TEST_F(KeyTableTest, ABalanceAtZeroIsEmptyAndRed)
{
    const qint64 empty = addKey(QStringLiteral("Drained"));
    const qint64 negative = addKey(QStringLiteral("Overdrawn"), QStringLiteral("ok"), QStringLiteral("10"));
    const qint64 broken = addKey(QStringLiteral("Broken"));
    addSnapshot(empty, now().addSecs(-60), 0);
    addSnapshot(negative, now().addSecs(-60), -2.5);
    addFailure(broken, now().addSecs(-60), QStringLiteral("Authentication Fails"));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());

    for (const qint64 id : {empty, negative}) {
        const int row = model.rowOfKey(id);
        EXPECT_EQ(model.healthAt(row), KeyHealth::Empty) << id;
        EXPECT_EQ(text(model, row, KeyTableModel::Status), QStringLiteral("Empty"));
        EXPECT_EQ(text(model, row, KeyTableModel::Status, Qt::ToolTipRole), QStringLiteral("Nothing left"));
        // One check is no history, but nothing left needs no forecast.
        EXPECT_EQ(text(model, row, KeyTableModel::DaysLeft), QStringLiteral("Empty"));
        EXPECT_EQ(model.index(row, KeyTableModel::DaysLeft).data(KeyTableModel::SortRole).toDouble(), 0.0);
        // The same red tint as the failing key, in every cell.
        const QVariant tint = model.index(row, KeyTableModel::Name).data(Qt::BackgroundRole);
        ASSERT_TRUE(tint.isValid());
        EXPECT_EQ(tint.value<QBrush>().color(), model.index(model.rowOfKey(broken), KeyTableModel::Name)
                                                    .data(Qt::BackgroundRole)
                                                    .value<QBrush>()
                                                    .color());
        // Its own icon: not the failing one.
        const QIcon icon = model.index(row, KeyTableModel::Status).data(Qt::DecorationRole).value<QIcon>();
        const QIcon failing = model.index(model.rowOfKey(broken), KeyTableModel::Status)
                                  .data(Qt::DecorationRole)
                                  .value<QIcon>();
        EXPECT_NE(icon.pixmap(16, 16).toImage(), failing.pixmap(16, 16).toImage());
    }
    EXPECT_EQ(model.overview().count(KeyHealth::Empty), 2);
    EXPECT_EQ(model.overview().worst(), KeyHealth::Empty);
    EXPECT_EQ(ui::BalanceBarDelegate::fillColor(KeyHealth::Empty, QPalette()),
              ui::BalanceBarDelegate::fillColor(KeyHealth::Failing, QPalette()));

    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setHealthFilter(KeyHealth::Empty);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("Drained"), QStringLiteral("Overdrawn")}));
}

TEST_F(KeyTableTest, StatusSortsWorstFirstWhenAscending)
{
    const qint64 ok = addKey(QStringLiteral("a ok"));
    const qint64 low = addKey(QStringLiteral("b low"), QStringLiteral("ok"), QStringLiteral("100"));
    const qint64 empty = addKey(QStringLiteral("c empty"));
    const qint64 failing = addKey(QStringLiteral("d failing"));
    const qint64 paused = addKey(QStringLiteral("e paused"));
    addKey(QStringLiteral("f never checked"));
    addSnapshot(ok, now().addSecs(-60), 500);
    addSnapshot(low, now().addSecs(-60), 50);
    addSnapshot(empty, now().addSecs(-60), 0);
    addFailure(failing, now().addSecs(-60), QStringLiteral("Authentication Fails"));
    addSnapshot(paused, now().addSecs(-60), 0);
    ASSERT_TRUE(ApiKeyRepository(session().database()).setEnabled(paused, false).value_or(false));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);

    const QStringList worstFirst{QStringLiteral("c empty"), QStringLiteral("d failing"),
                                 QStringLiteral("b low"),   QStringLiteral("f never checked"),
                                 QStringLiteral("a ok"),    QStringLiteral("e paused")};
    proxy.sort(KeyTableModel::Status, Qt::AscendingOrder);
    EXPECT_EQ(names(proxy), worstFirst);
    // And through the view's header, as a click sorts it.
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(KeyTableModel::Status, Qt::AscendingOrder);
    EXPECT_EQ(names(proxy), worstFirst);
    view.sortByColumn(KeyTableModel::Status, Qt::DescendingOrder);
    QStringList bestFirst = worstFirst;
    std::reverse(bestFirst.begin(), bestFirst.end());
    EXPECT_EQ(names(proxy), bestFirst);
}

TEST_F(KeyTableTest, RemainingSortsByUnitNeverMixingThem)
{
    const qint64 small = addKey(QStringLiteral("small CNY"));
    const qint64 dollars = addOpenRouterKey(QStringLiteral("dollars"), {});
    const qint64 large = addKey(QStringLiteral("large CNY"));
    addSnapshot(small, now().addSecs(-60), 45);
    addSnapshot(dollars, now().addSecs(-60), 74.5, QStringLiteral("USD"));
    addSnapshot(large, now().addSecs(-60), 110);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);
    // Not 45 CNY < 74.5 USD < 110 CNY: the two CNY amounts stay together.
    proxy.sort(KeyTableModel::Remaining, Qt::AscendingOrder);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("small CNY"), QStringLiteral("large CNY"),
                                         QStringLiteral("dollars")}));
    proxy.sort(KeyTableModel::Remaining, Qt::DescendingOrder);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("dollars"), QStringLiteral("large CNY"),
                                         QStringLiteral("small CNY")}));
}

// The level needs a limit or a threshold; without either the cell says why instead of staying blank.
TEST_F(KeyTableTest, ALevelWithoutLimitOrThresholdExplainsItself)
{
    const qint64 bare = addKey(QStringLiteral("Bare"));
    const qint64 measured = addKey(QStringLiteral("Measured"), QStringLiteral("ok"), QStringLiteral("100"));
    addSnapshot(bare, now().addSecs(-60), 80);
    addSnapshot(measured, now().addSecs(-60), 80);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const int row = model.rowOfKey(bare);
    EXPECT_FALSE(model.index(row, KeyTableModel::Bar).data(KeyTableModel::FractionRole).isValid());
    EXPECT_EQ(text(model, row, KeyTableModel::Bar), QStringLiteral("—"));
    EXPECT_TRUE(text(model, row, KeyTableModel::Bar, Qt::ToolTipRole)
                    .startsWith(QStringLiteral("No limit and no alert threshold")));
    const int other = model.rowOfKey(measured);
    EXPECT_NEAR(model.index(other, KeyTableModel::Bar).data(KeyTableModel::FractionRole).toDouble(), 0.4,
                1e-9);
    EXPECT_TRUE(text(model, other, KeyTableModel::Bar).isEmpty());
    EXPECT_TRUE(model.headerData(KeyTableModel::Bar, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("twice its alert threshold")));
}

TEST_F(KeyTableTest, ProxyFiltersBySearchPlatformHealthAndTag)
{
    const qint64 prod = addKey(QStringLiteral("Prod main"));
    const qint64 staging = addKey(QStringLiteral("Staging"), QStringLiteral("ok"), QStringLiteral("500"));
    const qint64 router = addOpenRouterKey(QStringLiteral("Router"), {QStringLiteral("prod")});
    const qint64 fresh = addKey(QStringLiteral("Fresh"));
    setTags(prod, {QStringLiteral("prod"), QStringLiteral("team-a")});
    setTags(staging, {QStringLiteral("staging")});
    addSnapshot(prod, now().addSecs(-60), 9);
    addSnapshot(staging, now().addSecs(-60), 300);
    addSnapshot(router, now().addSecs(-60), 10, QStringLiteral("USD"));
    Q_UNUSED(fresh);

    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);
    ASSERT_EQ(proxy.rowCount(), 4);
    EXPECT_TRUE(proxy.dynamicSortFilter());

    proxy.setSearchText(QStringLiteral("PROD"));
    EXPECT_EQ(proxy.rowCount(), 2); // the name "Prod main" and Router's tag
    proxy.setSearchText(QStringLiteral("main prod"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Prod main")});
    proxy.setSearchText(QStringLiteral("openrouter"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Router")});
    proxy.setSearchText(QStringLiteral("deepseek"));
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setSearchText(QStringLiteral("9Z9Z")); // the key hint
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Router")});
    proxy.setSearchText(QStringLiteral("team-a"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Prod main")});
    proxy.setSearchText(QStringLiteral("nothing like it"));
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setSearchText({});
    EXPECT_EQ(proxy.rowCount(), 4);

    proxy.setPlatformFilter(QStringLiteral("openrouter"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Router")});
    proxy.setPlatformFilter(QStringLiteral("deepseek"));
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setPlatformFilter({});

    proxy.setHealthFilter(KeyHealth::Low);
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Staging")});
    proxy.setHealthFilter(KeyHealth::Unknown);
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Fresh")});
    proxy.setHealthFilter(KeyHealth::Ok);
    EXPECT_EQ(proxy.rowCount(), 2);
    proxy.setHealthFilter(std::nullopt);

    proxy.setTagFilter(QStringLiteral("Prod"));
    EXPECT_EQ(proxy.rowCount(), 2);
    proxy.setTagFilter(QStringLiteral("team-a"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Prod main")});
    // Filters combine.
    proxy.setTagFilter(QStringLiteral("prod"));
    proxy.setPlatformFilter(QStringLiteral("deepseek"));
    EXPECT_EQ(names(proxy), QStringList{QStringLiteral("Prod main")});
    proxy.setTagFilter({});
    proxy.setPlatformFilter({});
    EXPECT_EQ(proxy.rowCount(), 4);

    // Numbers sort as numbers (9 < 300, not "300" < "9"), grouped by unit (10 USD is not between
    // 9 and 300 CNY); unknown values last both ways.
    proxy.sort(KeyTableModel::Remaining, Qt::AscendingOrder);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("Prod main"), QStringLiteral("Staging"),
                                         QStringLiteral("Router"), QStringLiteral("Fresh")}));
    proxy.sort(KeyTableModel::Remaining, Qt::DescendingOrder);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("Router"), QStringLiteral("Staging"),
                                         QStringLiteral("Prod main"), QStringLiteral("Fresh")}));
    // Status sorts worst first when ascending: Low, then never-checked.
    proxy.sort(KeyTableModel::Status, Qt::AscendingOrder);
    EXPECT_EQ(names(proxy).mid(0, 2), (QStringList{QStringLiteral("Staging"), QStringLiteral("Fresh")}));

    // A live check re-sorts and re-filters through dataChanged: Fresh now holds 110.5 CNY.
    proxy.sort(KeyTableModel::Remaining, Qt::AscendingOrder);
    checkNow(fresh);
    EXPECT_EQ(names(proxy), (QStringList{QStringLiteral("Prod main"), QStringLiteral("Fresh"),
                                         QStringLiteral("Staging"), QStringLiteral("Router")}));
    proxy.setHealthFilter(KeyHealth::Unknown);
    EXPECT_EQ(proxy.rowCount(), 0);
}

TEST_F(KeyTableTest, TotalsPerUnitAndWorstHealth)
{
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(model.overview().worst(), KeyHealth::Unknown);
    EXPECT_EQ(model.overview().total(), 0);

    const qint64 a = addKey(QStringLiteral("A"));
    const qint64 b = addKey(QStringLiteral("B"), QStringLiteral("ok"), QStringLiteral("100"));
    const qint64 c = addOpenRouterKey(QStringLiteral("C"), {});
    const qint64 broken = addKey(QStringLiteral("Broken"));
    const qint64 paused = addKey(QStringLiteral("Paused"));
    addSnapshot(a, now().addSecs(-60), 120.5);
    addSnapshot(b, now().addSecs(-60), 30.25);
    addSnapshot(c, now().addSecs(-60), 7, QStringLiteral("USD"));
    addSnapshot(broken, now().addSecs(-3600), 1000);
    addFailure(broken, now().addSecs(-60), QStringLiteral("Authentication Fails"));
    addSnapshot(paused, now().addSecs(-60), 5);
    ASSERT_TRUE(ApiKeyRepository(session().database()).setEnabled(paused, false).value_or(false));
    ASSERT_TRUE(model.reload());

    const Overview totals = model.overview();
    EXPECT_EQ(totals.total(), 5);
    EXPECT_EQ(totals.count(KeyHealth::Low), 1);
    EXPECT_EQ(totals.count(KeyHealth::Failing), 1);
    EXPECT_EQ(totals.count(KeyHealth::Paused), 1);
    ASSERT_EQ(totals.perUnit().size(), 2U);
    // The failing key's older 1000 CNY is not counted; the paused key's last reading is.
    EXPECT_EQ(totals.perUnit().at(QStringLiteral("CNY")).micros(), 155'750'000);
    EXPECT_EQ(totals.perUnit().at(QStringLiteral("USD")).micros(), 7'000'000);
    EXPECT_EQ(model.overview().worst(), KeyHealth::Failing);

    ASSERT_TRUE(ApiKeyRepository(session().database()).remove(broken).value_or(false));
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(model.overview().worst(), KeyHealth::Low);
}

TEST_F(KeyTableTest, SparklineReducesToTheCellWidth)
{
    QList<QPointF> points;
    for (int i = 0; i < 1000; ++i)
        points.append(QPointF(1000.0 * i, 100.0 - 0.05 * i + (i % 7)));
    const QRectF area(10, 5, 80, 20);
    const QPolygonF line = ui::SparklineDelegate::polyline(points, area, 80);
    ASSERT_EQ(line.size(), 80);
    for (const QPointF &point : line) {
        EXPECT_GE(point.x(), area.left() - 1e-9);
        EXPECT_LE(point.x(), area.right() + 1e-9);
        EXPECT_GE(point.y(), area.top() - 1e-9);
        EXPECT_LE(point.y(), area.bottom() + 1e-9);
    }
    EXPECT_DOUBLE_EQ(line.front().x(), area.left());
    EXPECT_DOUBLE_EQ(line.back().x(), area.right());

    const QPolygonF flat =
        ui::SparklineDelegate::polyline({QPointF(0, 5), QPointF(10, 5), QPointF(20, 5)}, area, 80);
    ASSERT_EQ(flat.size(), 3);
    EXPECT_DOUBLE_EQ(flat[1].y(), area.center().y());
}

TEST_F(KeyTableTest, DelegatesPaintTheLevelAndTheTrendOffscreen)
{
    const qint64 id = addKey(QStringLiteral("Painted"), QStringLiteral("ok"), QStringLiteral("100"));
    const qint64 blank = addKey(QStringLiteral("Blank"));
    const qint64 bare = addKey(QStringLiteral("Bare")); // a history, but no limit and no threshold
    addSpendingWeek(id);
    addSpendingWeek(bare);
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    model.loadTrends();
    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);

    QTableView view;
    view.setModel(&proxy);
    view.setItemDelegateForColumn(KeyTableModel::Bar, new ui::BalanceBarDelegate(&view));
    view.setItemDelegateForColumn(KeyTableModel::Trend, new ui::SparklineDelegate(&view));
    view.setAlternatingRowColors(false);
    view.setShowGrid(false);
    view.verticalHeader()->hide();
    view.setColumnWidth(KeyTableModel::Bar, 120);
    view.setColumnWidth(KeyTableModel::Trend, 160);
    view.verticalHeader()->setDefaultSectionSize(28);
    view.resize(1200, 200);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));

    const int row = proxy.mapFromSource(model.index(model.rowOfKey(id), 0)).row();
    const auto cellIn = [&](int column) {
        QRect rect = view.visualRect(proxy.index(row, column));
        rect.translate(view.viewport()->pos());
        return rect.adjusted(2, 2, -2, -2);
    };
    const QColor base = view.palette().color(QPalette::Base);

    // Measured against the cell's own background, in its corner (inside the painting margins).
    const auto drawnIn = [&](const QImage &image, const QRect &cell) {
        return pixelsUnlike(image, cell, image.pixelColor(cell.topLeft()));
    };

    QImage image = view.grab().toImage();
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.pixelColor(cellIn(KeyTableModel::Trend).topLeft()), base);
    // 131.25 of twice the threshold of 100: the bar is two-thirds full, and the trend a line.
    EXPECT_GT(drawnIn(image, cellIn(KeyTableModel::Bar)), 50);
    EXPECT_GT(drawnIn(image, cellIn(KeyTableModel::Trend)), 50);
    const auto cellOf = [&](qint64 keyId, int column) {
        QRect rect = view.visualRect(
            proxy.index(proxy.mapFromSource(model.index(model.rowOfKey(keyId), 0)).row(), column));
        rect.translate(view.viewport()->pos());
        return rect.adjusted(2, 2, -2, -2);
    };
    EXPECT_EQ(drawnIn(image, cellOf(blank, KeyTableModel::Trend)), 0);
    // Nothing to measure a level against: the Level cell shows the trend, not an empty cell or a
    // lone dash (a dash is a few dozen pixels in the middle; the line crosses the whole cell).
    const QRect bareLevel = cellOf(bare, KeyTableModel::Bar);
    EXPECT_GT(drawnIn(image, bareLevel.adjusted(0, 0, -bareLevel.width() * 2 / 3, 0)), 10);
    EXPECT_GT(drawnIn(image, bareLevel.adjusted(bareLevel.width() * 2 / 3, 0, 0, 0)), 10);

    // Selected: drawn on the highlight, still visible on it.
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.selectRow(row);
    image = view.grab().toImage();
    EXPECT_NE(image.pixelColor(cellIn(KeyTableModel::Trend).topLeft()), base);
    EXPECT_GT(drawnIn(image, cellIn(KeyTableModel::Trend)), 50);
    EXPECT_GT(drawnIn(image, cellIn(KeyTableModel::Bar)), 50);

    // HiDPI: straight into a 2x image, with more points than device pixels.
    const QModelIndex trendIndex = model.index(model.rowOfKey(id), KeyTableModel::Trend);
    QImage hidpi(2 * 40, 2 * 24, QImage::Format_ARGB32_Premultiplied);
    hidpi.setDevicePixelRatio(2);
    hidpi.fill(base);
    {
        QPainter painter(&hidpi);
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 40, 24);
        option.palette = view.palette();
        option.state = QStyle::State_Enabled;
        option.widget = &view;
        ui::SparklineDelegate().paint(&painter, option, trendIndex);
        ui::BalanceBarDelegate().paint(&painter, option, model.index(model.rowOfKey(id), KeyTableModel::Bar));
    }
    EXPECT_GT(pixelsUnlike(hidpi, hidpi.rect(), base), 20);
}

// Whether every dataChanged in `changed` reaches the Level cell: without a bar it draws the
// key's trend, so a trend arriving must repaint it as well as the 7-day column.
bool everyChangeRepaintsTheLevelCell(const QSignalSpy &changed)
{
    for (const QList<QVariant> &signal : changed) {
        if (signal.at(0).toModelIndex().column() > KeyTableModel::Bar)
            return false;
    }
    return !changed.isEmpty();
}

TEST_F(KeyTableTest, TrendsLoadInTheBackgroundAndAKeyAddedMeanwhileGetsOneToo)
{
    // More keys than one worker's chunk, each with a few points, stored in one batch.
    const std::vector<qint64> ids = addKeysWithHours(700, [](int i) { return 1 + i % 3; });
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    QSignalSpy ready(&model, &KeyTableModel::trendsReady);
    QSignalSpy failed(&model, &KeyTableModel::trendsFailed);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.loadTrendsInBackground();
    EXPECT_FALSE(model.trendsLoaded()); // nothing read on this thread
    // A key added while the workers run is loaded as well (the reload starts them again for it).
    const qint64 late = addKey(QStringLiteral("added meanwhile"));
    addSnapshot(late, QDateTime::currentDateTimeUtc().addSecs(-7200), 50);
    addSnapshot(late, QDateTime::currentDateTimeUtc().addSecs(-3600), 40);
    emit session().keysChanged();
    ASSERT_TRUE(waitFor([&] { return ready.count() == 1; }, 30'000));
    EXPECT_EQ(failed.count(), 0);
    EXPECT_TRUE(model.trendsLoaded());
    EXPECT_GE(changed.count(), 2); // chunk by chunk
    EXPECT_TRUE(everyChangeRepaintsTheLevelCell(changed));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const int row = model.rowOfKey(ids[i]);
        const auto trend = model.index(row, 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>();
        ASSERT_EQ(trend.size(), qsizetype(1 + i % 3)) << i;
        EXPECT_DOUBLE_EQ(trend.back().y(), 99.0);
    }
    EXPECT_EQ(
        model.index(model.rowOfKey(late), 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>().size(),
        2);
}

TEST_F(KeyTableTest, NamesSortInTheLocalesOrderAndFollowARename)
{
    const QStringList names{QStringLiteral("beta"),    QStringLiteral("Alpha"), QStringLiteral("alpha"),
                            QStringLiteral("Émile"),   QStringLiteral("delta"), QStringLiteral("Charlie"),
                            QStringLiteral("10 keys"), QStringLiteral("9 keys")};
    std::vector<qint64> ids;
    for (const QString &name : names)
        ids.push_back(addKey(name));
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    KeyFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(KeyTableModel::Name, Qt::AscendingOrder);
    const auto shown = [&] {
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order << proxy.index(row, KeyTableModel::Name).data().toString();
        return order;
    };
    // The order the locale-aware string comparison gives.
    QStringList expected = names;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    EXPECT_EQ(shown(), expected);
    proxy.sort(KeyTableModel::Name, Qt::DescendingOrder);
    std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(shown(), expected);

    // A rename elsewhere reaches the table by a reload, and takes its new place.
    auto key = ApiKeyRepository(session().database()).find(ids.front());
    ASSERT_TRUE(key && *key);
    ApiKey renamed = **key;
    renamed.name = QStringLiteral("zulu");
    ASSERT_TRUE(ApiKeyRepository(session().database()).update(renamed));
    ASSERT_TRUE(model.reload());
    proxy.sort(KeyTableModel::Name, Qt::AscendingOrder);
    expected = names;
    expected.front() = QStringLiteral("zulu");
    std::stable_sort(expected.begin(), expected.end(),
                     [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    EXPECT_EQ(shown(), expected);
    EXPECT_NE(shown().indexOf(QStringLiteral("zulu")), 1); // not where "beta" was
}

TEST_F(KeyTableTest, TrendsLoadInStepsAndAKeyAddedMeanwhileGetsOneToo)
{
    // More keys than one step reads, each with a few points, stored in one batch.
    const std::vector<qint64> ids = addKeysWithHours(450, [](int) { return 3; });
    KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    QSignalSpy ready(&model, &KeyTableModel::trendsReady);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.loadTrendsInSteps();
    EXPECT_FALSE(model.trendsLoaded()); // the first step only: the window stays responsive
    // A key added while the steps run is loaded as well.
    const qint64 late = addKey(QStringLiteral("added meanwhile"));
    addSnapshot(late, QDateTime::currentDateTimeUtc().addSecs(-7200), 50);
    addSnapshot(late, QDateTime::currentDateTimeUtc().addSecs(-3600), 40);
    emit session().keysChanged();
    ASSERT_TRUE(waitFor([&] { return ready.count() == 1; }));
    EXPECT_TRUE(model.trendsLoaded());
    EXPECT_GE(changed.count(), 3); // several steps, each its own dataChanged
    EXPECT_TRUE(everyChangeRepaintsTheLevelCell(changed));
    for (qint64 id : {ids.front(), ids.back(), late})
        EXPECT_EQ(
            model.index(model.rowOfKey(id), 0).data(KeyTableModel::TrendRole).value<QList<QPointF>>().size(),
            id == late ? 2 : 3)
            << id;
}

} // namespace

} // namespace qw::test
