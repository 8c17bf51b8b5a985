// How amounts, units and check statuses read on screen (DisplayFormat), the colours of error
// text on light and dark palettes (StatusPalette), and both where they are used: the key table,
// the history's check table and the summary header.
#include "core/model/readingnames.h"
#include "tests/ui/uitest.h"
#include "ui/dialogs/keyeditor/keytestrunner.h"
#include "ui/format/displayformat.h"
#include "ui/history/checktablemodel.h"
#include "ui/models/keytablemodel.h"
#include "ui/translator.h"
#include "ui/widgets/statuspalette.h"
#include "ui/widgets/summaryheader.h"

#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QStyleFactory>
#include <memory>

using namespace qw;
using namespace qw::test;
using qw::ReadingNames;
using qw::ui::DisplayFormat;
using qw::ui::StatusPalette;

namespace {

Amount amount(const char *text)
{
    return Amount::parse(QString::fromLatin1(text)).value();
}

// Decimal point and group separator fixed for the expectations below, whatever the machine's.
class EnglishLocale
{
public:
    EnglishLocale() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    ~EnglishLocale() { QLocale::setDefault(m_previous); }
    EnglishLocale(const EnglishLocale &) = delete;
    EnglishLocale &operator=(const EnglishLocale &) = delete;

private:
    QLocale m_previous;
};

// Qt's Fusion style's own palette; the style is ours to delete (QStyleFactory hands it over).
QPalette fusionPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

// Qt's Fusion style with the dark palette applications commonly give it.
QPalette darkFusionPalette()
{
    QPalette dark = fusionPalette();
    dark.setColor(QPalette::Window, QColor(53, 53, 53));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Base, QColor(42, 42, 42));
    dark.setColor(QPalette::AlternateBase, QColor(66, 66, 66));
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::Button, QColor(53, 53, 53));
    dark.setColor(QPalette::ButtonText, Qt::white);
    return dark;
}

QPalette lightFusionPalette()
{
    return fusionPalette();
}

} // namespace

TEST(DisplayFormat, MoneyIsRoundedToTheCentHalfAwayFromZero)
{
    const EnglishLocale english;
    EXPECT_EQ(DisplayFormat::amount(amount("49.58894"), QStringLiteral("CNY")), QStringLiteral("49.59 CNY"));
    EXPECT_EQ(DisplayFormat::amount(amount("49.585"), QStringLiteral("CNY")), QStringLiteral("49.59 CNY"));
    EXPECT_EQ(DisplayFormat::amount(amount("49.584999"), QStringLiteral("CNY")), QStringLiteral("49.58 CNY"));
    EXPECT_EQ(DisplayFormat::amount(amount("-0.005"), QStringLiteral("USD")), QStringLiteral("-0.01 USD"));
    EXPECT_EQ(DisplayFormat::amount(amount("0.004"), QStringLiteral("USD")), QStringLiteral("0.00 USD"));
    // Always two decimals for money, so a column of amounts lines up.
    EXPECT_EQ(DisplayFormat::amount(amount("110.5"), QStringLiteral("CNY")), QStringLiteral("110.50 CNY"));
    EXPECT_EQ(DisplayFormat::amount(amount("1234567.891"), QStringLiteral("USD")),
              QStringLiteral("1,234,567.89 USD"));
    // The totals arrive as sums in floating point.
    EXPECT_EQ(DisplayFormat::amount(120.5 + 30.25 + 5, QStringLiteral("CNY")), QStringLiteral("155.75 CNY"));
    // Without a unit it is no money: a plain number.
    EXPECT_EQ(DisplayFormat::amount(amount("7"), QString()), QStringLiteral("7"));
}

TEST(DisplayFormat, CountedThingsKeepAtMostTwoDecimalsAndNoneWhenWhole)
{
    const EnglishLocale english;
    EXPECT_EQ(DisplayFormat::amount(amount("1200000"), QStringLiteral("tokens")),
              QStringLiteral("1,200,000 tokens"));
    EXPECT_EQ(DisplayFormat::amount(amount("12.5"), QStringLiteral("credits")),
              QStringLiteral("12.5 credits"));
    EXPECT_EQ(DisplayFormat::amount(amount("12.34567"), QStringLiteral("credits")),
              QStringLiteral("12.35 credits"));
    EXPECT_EQ(DisplayFormat::amount(amount("42"), QStringLiteral("percent")), QStringLiteral("42%"));
    EXPECT_EQ(DisplayFormat::amount(amount("42.126"), QStringLiteral("percent")), QStringLiteral("42.13%"));
    EXPECT_EQ(DisplayFormat::amount(amount("3"), QStringLiteral("requests")), QStringLiteral("3 requests"));
    EXPECT_EQ(DisplayFormat::amount(amount("9000"), QStringLiteral("characters")),
              QStringLiteral("9,000 characters"));
}

TEST(DisplayFormat, TheExactFigureKeepsEveryDigitAndIsOfferedOnlyWhenRoundingHidSome)
{
    EXPECT_EQ(DisplayFormat::exactAmount(amount("49.58894"), QStringLiteral("CNY")),
              QStringLiteral("49.58894 CNY"));
    EXPECT_EQ(DisplayFormat::exactAmount(amount("0.000001"), QStringLiteral("percent")),
              QStringLiteral("0.000001%"));
    EXPECT_EQ(DisplayFormat::exactWhenRounded(amount("49.58894"), QStringLiteral("CNY")),
              QStringLiteral("49.58894 CNY"));
    EXPECT_TRUE(DisplayFormat::exactWhenRounded(amount("110.5"), QStringLiteral("CNY")).isEmpty());
    EXPECT_TRUE(DisplayFormat::exactWhenRounded(amount("1200"), QStringLiteral("tokens")).isEmpty());
}

TEST(DisplayFormat, MoneyIsAnIsoCodeAndCountedUnitsAreNot)
{
    EXPECT_TRUE(DisplayFormat::isMoney(QStringLiteral("CNY")));
    EXPECT_TRUE(DisplayFormat::isMoney(QStringLiteral("USD")));
    for (const char *unit :
         {"tokens", "characters", "percent", "credits", "points", "requests", "", "usd", "US"})
        EXPECT_FALSE(DisplayFormat::isMoney(QString::fromLatin1(unit))) << unit;
}

TEST(DisplayFormat, WordsAreChineseWithTheCompiledInTranslation)
{
    // The .qm files come with qw_ui (qw_translations, :/i18n), not with the executable.
    const EnglishLocale restored; // setLanguage() makes zh_CN the default locale
    {
        ui::UiTranslator translator;
        ASSERT_TRUE(translator.setLanguage(QStringLiteral("zh_CN")));
        EXPECT_EQ(DisplayFormat::unitName(QStringLiteral("characters")), QStringLiteral("字符"));
        EXPECT_EQ(DisplayFormat::unitName(QStringLiteral("requests")), QStringLiteral("次"));
        EXPECT_EQ(DisplayFormat::unitName(QStringLiteral("points")), QStringLiteral("积分"));
        EXPECT_EQ(DisplayFormat::amount(amount("1200"), QStringLiteral("points")),
                  QStringLiteral("1,200 积分"));
        EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::AuthError), QStringLiteral("密钥被拒"));
        EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::Ok), QStringLiteral("正常"));
        EXPECT_EQ(DisplayFormat::amount(amount("9000"), QStringLiteral("characters")),
                  QStringLiteral("9,000 字符"));
        EXPECT_EQ(DisplayFormat::amount(amount("49.58894"), QStringLiteral("CNY")),
                  QStringLiteral("49.59 CNY"));
    }
    EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::AuthError), QStringLiteral("Key refused"));
}

TEST(ReadingNames, EveryKnownDetailHasALabelAndUnknownNamesShowAsTheyAre)
{
    const std::pair<const char *, const char *> expected[] = {
        {"window_5h", "5-hour window"},
        {"window_1h", "1-hour window"},
        {"window_24h", "24-hour window"},
        {"window_30min", "30-minute window"},
        {"window_daily", "Daily window"},
        {"window_weekly", "Weekly window"},
        {"window_monthly", "Monthly window"},
        {"mcp_monthly", "Monthly MCP quota"},
        {"gift", "Gift balance"},
        {"paid", "Paid balance"},
        {"credit_line", "Credit line"},
        {"month_spend", "This month's spend"},
        {"window_90s", "90-second window"},
        {"key_budget", "Key budget"},
        {"team_budget", "Team budget"},
        {"user_budget", "User budget"},
        // Not window_<N>h / window_<N>min with N a positive whole number: shown as they are.
        {"window_h", "window_h"},
        {"window_0h", "window_0h"},
        {"window_5x5h", "window_5x5h"},
        {"window_-5h", "window_-5h"},
        {"window_5hmin", "window_5hmin"},
        {"bonus_pool", "bonus_pool"},
        {"", ""},
    };
    for (const auto &[name, label] : expected) {
        EXPECT_EQ(ReadingNames::detailLabel(QString::fromLatin1(name)), QString::fromLatin1(label)) << name;
        EXPECT_EQ(ReadingNames::englishDetailLabel(QString::fromLatin1(name)), QString::fromLatin1(label))
            << name;
    }
}

TEST(ReadingNames, FiguresSayWhatIsLeftUsedAndWhenItResets)
{
    const QDateTime reset(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC);
    const auto line = [](ReadingDetail detail) { return ReadingNames::detailLine(detail); };
    const QString requests = QStringLiteral("requests");
    EXPECT_EQ(
        line({QStringLiteral("window_5h"), amount("61"), amount("139"), amount("200"), requests, reset}),
        QStringLiteral("5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC"));
    // A reset time in another zone is written in UTC all the same.
    EXPECT_EQ(line({QStringLiteral("window_weekly"), amount("42"), std::nullopt, std::nullopt,
                    QStringLiteral("percent"), reset.toOffsetFromUtc(8 * 3600)}),
              QStringLiteral("Weekly window: 42% left, resets 2026-12-07 04:00 UTC"));
    EXPECT_EQ(line({QStringLiteral("mcp_monthly"), std::nullopt, amount("12"), amount("1000"), requests, {}}),
              QStringLiteral("Monthly MCP quota: 12 of 1000 requests used"));
    EXPECT_EQ(line({QStringLiteral("month_spend"),
                    std::nullopt,
                    amount("3.25"),
                    std::nullopt,
                    QStringLiteral("USD"),
                    {}}),
              QStringLiteral("This month's spend: 3.25 USD used"));
    EXPECT_EQ(line({QStringLiteral("credit_line"),
                    std::nullopt,
                    std::nullopt,
                    amount("50"),
                    QStringLiteral("CNY"),
                    {}}),
              QStringLiteral("Credit line: limit 50 CNY"));
    EXPECT_EQ(
        line({QStringLiteral("gift"), amount("5"), amount("1"), std::nullopt, QStringLiteral("points"), {}}),
        QStringLiteral("Gift balance: 5 points left, 1 points used"));
    EXPECT_EQ(line({QStringLiteral("paid"), std::nullopt, std::nullopt, std::nullopt, QString(), {}}),
              QStringLiteral("Paid balance: no figures"));
    EXPECT_EQ(ReadingNames::detailShort(
                  {QStringLiteral("window_5h"), amount("61"), amount("139"), amount("200"), requests, reset}),
              QStringLiteral("5-hour window 61/200 requests"));
}

TEST(ReadingNames, LabelsUnitsAndFiguresAreChineseWithTheTranslation)
{
    const EnglishLocale restored;
    {
        ui::UiTranslator translator;
        ASSERT_TRUE(translator.setLanguage(QStringLiteral("zh_CN")));
        const std::pair<const char *, const char *> expected[] = {
            {"window_5h", "5 小时窗口"},    {"window_30min", "30 分钟窗口"},
            {"window_daily", "每日窗口"},   {"window_weekly", "每周窗口"},
            {"window_monthly", "每月窗口"}, {"mcp_monthly", "每月 MCP 额度"},
            {"gift", "赠送余额"},           {"paid", "充值余额"},
            {"credit_line", "信用额度"},    {"month_spend", "本月消费"},
            {"team_budget", "团队预算"},    {"window_90s", "90 秒窗口"},
            {"bonus_pool", "bonus_pool"},
        };
        for (const auto &[name, label] : expected)
            EXPECT_EQ(ReadingNames::detailLabel(QString::fromLatin1(name)), QString::fromUtf8(label)) << name;
        // The JSON's label does not follow the language.
        EXPECT_EQ(ReadingNames::englishDetailLabel(QStringLiteral("window_weekly")),
                  QStringLiteral("Weekly window"));
        EXPECT_EQ(ReadingNames::unitName(QStringLiteral("points")), QStringLiteral("积分"));
        EXPECT_EQ(ReadingNames::unitName(QStringLiteral("requests")), QStringLiteral("次"));
        EXPECT_EQ(ReadingNames::detailLine({QStringLiteral("window_5h"), amount("61"), std::nullopt,
                                            amount("200"), QStringLiteral("requests"),
                                            QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)}),
                  QStringLiteral("5 小时窗口：剩余 61/200 次，2026-12-07 04:00 UTC 重置"));
    }
    EXPECT_EQ(ReadingNames::detailLabel(QStringLiteral("gift")), QStringLiteral("Gift balance"));
}

TEST(StatusPalette, ErrorAndWarningTextReadOnADarkFusionWindow)
{
    const QPalette dark = darkFusionPalette();
    const QColor window = dark.color(QPalette::Window);
    EXPECT_GE(StatusPalette::contrast(StatusPalette::error(dark), window), StatusPalette::kMinContrast);
    EXPECT_GE(StatusPalette::contrast(StatusPalette::warning(dark), window), StatusPalette::kMinContrast);
    EXPECT_GE(StatusPalette::contrast(StatusPalette::error(dark, QPalette::Base), dark.color(QPalette::Base)),
              StatusPalette::kMinContrast);
    // What the code had before: a fixed dark red that all but vanishes there.
    EXPECT_LT(StatusPalette::contrast(QColor(0xb0, 0x00, 0x20), window), 2.5);
    // Still red: more red than green or blue.
    const QColor error = StatusPalette::error(dark);
    EXPECT_GT(error.red(), error.green() + 40);
    EXPECT_GT(error.red(), error.blue() + 40);
}

TEST(StatusPalette, ErrorAndWarningTextReadOnALightWindowToo)
{
    const QPalette light = lightFusionPalette();
    const QColor window = light.color(QPalette::Window);
    const QColor error = StatusPalette::error(light);
    EXPECT_GE(StatusPalette::contrast(error, window), StatusPalette::kMinContrast);
    EXPECT_GE(StatusPalette::contrast(StatusPalette::warning(light), window), StatusPalette::kMinContrast);
    EXPECT_GT(error.red(), error.green() + 40);
    // Lighter on dark than on light.
    EXPECT_GT(StatusPalette::error(darkFusionPalette()).lightness(), error.lightness());
    EXPECT_DOUBLE_EQ(StatusPalette::contrast(Qt::black, Qt::white), 21.0);
    EXPECT_DOUBLE_EQ(StatusPalette::contrast(Qt::white, Qt::white), 1.0);
}

TEST(StatusPalette, TheHeaderCountsFollowThePalette)
{
    ui::SummaryHeader header;
    ui::HeaderFigures figures;
    figures.total = 3;
    figures.failing = 1;
    figures.low = 1;
    header.setFigures(figures);
    header.setPalette(darkFusionPalette());
    const QString dark = header.countsText();
    EXPECT_TRUE(dark.contains(StatusPalette::error(darkFusionPalette()).name())) << dark.toStdString();
    EXPECT_TRUE(dark.contains(StatusPalette::warning(darkFusionPalette()).name())) << dark.toStdString();
    header.setPalette(lightFusionPalette());
    EXPECT_TRUE(header.countsText().contains(StatusPalette::error(lightFusionPalette()).name()));
    EXPECT_NE(header.countsText(), dark);
}

class DisplayFormatUseTest : public UiTest
{
};

TEST_F(DisplayFormatUseTest, TheKeyTableRoundsMoneyAndTheTooltipHasEveryDigit)
{
    const EnglishLocale english;
    const qint64 id = addKey(QStringLiteral("precise"));
    addSnapshot(id, QDateTime::currentDateTimeUtc().addSecs(-60), 49.58894);
    ui::KeyTableModel model(session());
    ASSERT_TRUE(model.reload());
    const QModelIndex cell = model.index(model.rowOfKey(id), ui::KeyTableModel::Remaining);
    EXPECT_EQ(cell.data().toString(), QStringLiteral("49.59 CNY"));
    EXPECT_TRUE(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("49.58894 CNY")))
        << cell.data(Qt::ToolTipRole).toString().toStdString();
    // Sorting goes by the exact figure.
    EXPECT_DOUBLE_EQ(cell.data(ui::KeyTableModel::SortRole).toDouble(), 49.58894);
}

TEST_F(DisplayFormatUseTest, TheHistoryKeepsExactFiguresAndTheHeaderRoundsThem)
{
    const EnglishLocale english;
    Snapshot snapshot;
    snapshot.checkedAt = QDateTime::currentDateTimeUtc();
    snapshot.remaining = amount("49.58894");
    snapshot.unit = QStringLiteral("tokens");
    snapshot.status = CheckStatus::RateLimited;
    ui::CheckTableModel checks;
    checks.setSnapshots({snapshot});
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Remaining).data().toString(), QStringLiteral("49.58894"));
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Unit).data().toString(), QStringLiteral("tokens"));
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Status).data().toString(), QStringLiteral("Rate limited"));
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Details).data().toString(), QString());

    // The details column: every window in one cell with exact figures, each on its own line with
    // its reset time in the tooltip.
    Snapshot plan = snapshot;
    plan.status = CheckStatus::Ok;
    plan.details = {
        {QStringLiteral("window_5h"), amount("61"), std::nullopt, amount("200"), QStringLiteral("requests"),
         QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)},
        {QStringLiteral("gift"), amount("1234.5678"), std::nullopt, std::nullopt, QStringLiteral("CNY"), {}}};
    checks.prepend(plan);
    EXPECT_EQ(checks.headerData(ui::CheckTableModel::Details, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("Details"));
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Details).data().toString(),
              QStringLiteral("5-hour window 61/200 requests · Gift balance 1234.5678 CNY"));
    EXPECT_EQ(checks.index(0, ui::CheckTableModel::Details).data(Qt::ToolTipRole).toString(),
              QStringLiteral("5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC\n"
                             "Gift balance: 1234.5678 CNY left"));

    ui::SummaryHeader header;
    ui::HeaderFigures figures;
    figures.perUnit = {{QStringLiteral("CNY"), 49.58894}};
    header.setFigures(figures);
    EXPECT_EQ(header.totalsText(), QStringLiteral("49.59 CNY"));
    EXPECT_EQ(header.findChild<QLabel *>(QStringLiteral("totals"))->toolTip(),
              QStringLiteral("49.58894 CNY"));
}

TEST(KeyTestRunnerText, TheTestResultShowsEveryDetailOnItsOwnLine)
{
    const EnglishLocale english;
    Snapshot snapshot;
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = ReadingKind::Quota;
    snapshot.remaining = amount("61");
    snapshot.limit = amount("200");
    snapshot.unit = QStringLiteral("requests");
    snapshot.latencyMs = 42;
    snapshot.details = {
        {QStringLiteral("window_5h"), amount("61"), std::nullopt, amount("200"), QStringLiteral("requests"),
         QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)},
        {QStringLiteral("window_weekly"),
         amount("1500"),
         std::nullopt,
         amount("2000"),
         QStringLiteral("requests"),
         {}},
        {QStringLiteral("gift"), amount("49.58894"), std::nullopt, std::nullopt, QStringLiteral("CNY"), {}}};
    const QStringList lines = ui::KeyTestRunner::describe(snapshot).split(u'\n');
    ASSERT_EQ(lines.size(), 5) << lines.join(u'|').toStdString();
    EXPECT_EQ(lines[0], QStringLiteral("OK — 61 requests remaining (quota)"));
    EXPECT_EQ(lines[2],
              QStringLiteral("5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC"));
    // Rounded and grouped like the headline.
    EXPECT_EQ(lines[3], QStringLiteral("Weekly window: 1,500 of 2,000 requests left"));
    EXPECT_EQ(lines[4], QStringLiteral("Gift balance: 49.59 CNY left"));
}
