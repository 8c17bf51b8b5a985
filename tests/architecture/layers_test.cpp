// Reads every #include in app/, ui/, core/ and adapters/ and fails when a file breaks the layer
// rules of DESIGN.md, so they cannot rot: app -> ui -> core -> adapters; the front ends (app/,
// ui/, core/rest/) never reach storage or run SQL themselves; core and adapters never include a
// widget header.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <gtest/gtest.h>
#include <string>

namespace {

struct Include
{
    QString file; // relative to the source root
    int line = 0;
    QString header; // as written, without the quotes or brackets
};

std::vector<Include> includesUnder(const QString &folder)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])"));
    const QDir root(QStringLiteral(QW_SOURCE_DIR));
    std::vector<Include> found;
    QDirIterator files(root.filePath(folder), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            continue;
        int number = 0;
        while (!file.atEnd()) {
            ++number;
            const QString line = QString::fromUtf8(file.readLine());
            if (const auto match = pattern.match(line); match.hasMatch())
                found.push_back({root.relativeFilePath(path), number, match.captured(1)});
        }
    }
    return found;
}

// The names of the QtWidgets headers (QWidget, QDialog, …), from the Qt installation.
QSet<QString> widgetHeaders()
{
    QSet<QString> names;
    const QString folder = QStringLiteral(QW_QTWIDGETS_INCLUDE_DIR);
    if (folder.isEmpty())
        return names;
    for (const QString &name : QDir(folder).entryList(QDir::Files))
        names.insert(name);
    return names;
}

bool isWidgetHeader(const QString &header, const QSet<QString> &widgets)
{
    return header.startsWith(QLatin1String("QtWidgets")) || widgets.contains(header);
}

std::string where(const Include &include)
{
    return QStringLiteral("%1:%2 includes %3")
        .arg(include.file)
        .arg(include.line)
        .arg(include.header)
        .toStdString();
}

TEST(Layers, TheSourcesAreThere)
{
    // A wrong QW_SOURCE_DIR would make every rule below pass on nothing.
    EXPECT_GT(includesUnder(QStringLiteral("core")).size(), 100U);
    EXPECT_GT(includesUnder(QStringLiteral("app")).size(), 10U);
}

TEST(Layers, AdaptersAreTheLeaf)
{
    for (const Include &include : includesUnder(QStringLiteral("adapters"))) {
        for (const char *layer : {"core/", "ui/", "app/"})
            EXPECT_FALSE(include.header.startsWith(QLatin1String(layer))) << where(include);
    }
}

TEST(Layers, CoreReachesNeitherTheFrontEndsNorWidgets)
{
    const QSet<QString> widgets = widgetHeaders();
    for (const Include &include : includesUnder(QStringLiteral("core"))) {
        EXPECT_FALSE(include.header.startsWith(QLatin1String("ui/"))) << where(include);
        EXPECT_FALSE(include.header.startsWith(QLatin1String("app/"))) << where(include);
        EXPECT_FALSE(isWidgetHeader(include.header, widgets)) << where(include);
    }
}

TEST(Layers, FrontEndsNeverReachStorageOrSql)
{
    for (const char *frontEnd : {"ui", "app", "core/rest"}) {
        for (const Include &include : includesUnder(QLatin1String(frontEnd))) {
            EXPECT_FALSE(include.header.startsWith(QLatin1String("core/storage/"))) << where(include);
            EXPECT_FALSE(include.header.startsWith(QLatin1String("QSql"))) << where(include);
            EXPECT_FALSE(include.header.startsWith(QLatin1String("QtSql"))) << where(include);
        }
    }
}

TEST(Layers, UiNeverIncludesTheApplication)
{
    for (const Include &include : includesUnder(QStringLiteral("ui")))
        EXPECT_FALSE(include.header.startsWith(QLatin1String("app/"))) << where(include);
}

} // namespace
