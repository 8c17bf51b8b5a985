#include "adapters/jsonpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using qw::JsonPointer;

namespace {

QJsonValue document()
{
    return QJsonDocument::fromJson(R"({"data": {"balance_infos": [{"total": "1.5"}, {"total": "2"}]},
                                       "a/b": 1, "m~n": 2, "": 3, "list": [10, 20]})")
        .object();
}

} // namespace

TEST(JsonPointer, ResolvesRfc6901Examples)
{
    const QJsonValue doc = document();
    EXPECT_EQ(JsonPointer::resolve(doc, u"/data/balance_infos/1/total").toString(), QStringLiteral("2"));
    EXPECT_EQ(JsonPointer::resolve(doc, u"/a~1b").toInt(), 1);
    EXPECT_EQ(JsonPointer::resolve(doc, u"/m~0n").toInt(), 2);
    EXPECT_EQ(JsonPointer::resolve(doc, u"/").toInt(), 3);
    EXPECT_EQ(JsonPointer::resolve(doc, u"/list/0").toInt(), 10);
    EXPECT_TRUE(JsonPointer::resolve(doc, u"").isObject());
}

TEST(JsonPointer, NamesNothingForMissingOrMalformedSteps)
{
    const QJsonValue doc = document();
    for (const char16_t *pointer : {u"/missing", u"/list/2", u"/list/01", u"/list/-0", u"/list/+1",
                                    u"/list/ 1", u"/list/1 ", u"/list/-", u"/data/balance_infos/x", u"/a~2b"})
        EXPECT_TRUE(JsonPointer::resolve(doc, pointer).isUndefined())
            << QString::fromUtf16(pointer).toStdString();
}

TEST(JsonPointer, ValidatesSyntax)
{
    EXPECT_TRUE(JsonPointer::isValid(u""));
    EXPECT_TRUE(JsonPointer::isValid(u"/a/0/~1~0"));
    EXPECT_FALSE(JsonPointer::isValid(u"a/b"));
    EXPECT_FALSE(JsonPointer::isValid(u"/a~"));
    EXPECT_FALSE(JsonPointer::isValid(u"/a~2"));
}
