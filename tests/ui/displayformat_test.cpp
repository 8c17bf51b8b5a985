// How amounts, units and check statuses read on screen (DisplayFormat), the colours of error
// text on light and dark palettes (StatusPalette), and both where they are used: the key table,
// the history's check table and the summary header.
#include "tests/ui/uitest.h"
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

using namespace qw;
using namespace qw::test;
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

// Qt's Fusion style with the dark palette applications commonly give it.
QPalette darkFusionPalette()
{
    QPalette dark = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
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
    return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
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
        EXPECT_EQ(DisplayFormat::unitName(QStringLiteral("requests")), QStringLiteral("次请求"));
        EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::AuthError), QStringLiteral("密钥被拒"));
        EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::Ok), QStringLiteral("正常"));
        EXPECT_EQ(DisplayFormat::amount(amount("9000"), QStringLiteral("characters")),
                  QStringLiteral("9,000 字符"));
        EXPECT_EQ(DisplayFormat::amount(amount("49.58894"), QStringLiteral("CNY")),
                  QStringLiteral("49.59 CNY"));
    }
    EXPECT_EQ(DisplayFormat::checkStatus(CheckStatus::AuthError), QStringLiteral("Key refused"));
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

    ui::SummaryHeader header;
    ui::HeaderFigures figures;
    figures.perUnit = {{QStringLiteral("CNY"), 49.58894}};
    header.setFigures(figures);
    EXPECT_EQ(header.totalsText(), QStringLiteral("49.59 CNY"));
    EXPECT_EQ(header.findChild<QLabel *>(QStringLiteral("totals"))->toolTip(),
              QStringLiteral("49.58894 CNY"));
}
