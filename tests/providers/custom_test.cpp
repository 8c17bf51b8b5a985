// The custom platform: a definition the user writes (method, path, headers with {key}, JSON
// pointers, divisor, unit, success condition), refused when its parts do not fit together, and
// then checked through the whole check path against a server answering as the definition says.
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kPath = "/v1/balance";

} // namespace

// What KeyValidator (and so every entry point) accepts as a custom definition.
class CustomOptions : public ProviderTest
{
protected:
    // The message the definition is refused with; empty when it is accepted.
    QString refusal(const QStringList &options) const
    {
        KeyDraft draft;
        draft.name = QStringLiteral("my endpoint");
        draft.platform = QStringLiteral("custom");
        draft.baseUrl = m_server.baseUrl();
        draft.options = options;
        const auto key = KeyValidator(m_platforms).validate(draft);
        return key ? QString() : key.error().message;
    }

    // `options` refused with a message that names `option` in quotes.
    void expectRefusedNaming(const QStringList &options, const QString &option) const
    {
        const QString message = refusal(options);
        EXPECT_FALSE(message.isEmpty()) << options.join(u' ').toStdString() << " was accepted";
        EXPECT_TRUE(message.contains(QStringLiteral("“") + option + QStringLiteral("”")))
            << options.join(u' ').toStdString() << ": " << message.toStdString();
    }

    static QStringList minimal(const QStringList &more = {})
    {
        return QStringList{QStringLiteral("path=/v1/balance"),
                           QStringLiteral("remaining_pointer=/data/balance")} +
               more;
    }
};

TEST_F(CustomOptions, MinimalDefinitionIsAccepted)
{
    EXPECT_EQ(refusal(minimal()), QString());
    EXPECT_EQ(refusal({QStringLiteral("path=/usage"), QStringLiteral("used_pointer=/spent")}), QString());
    EXPECT_EQ(refusal(minimal({QStringLiteral("method=POST"), QStringLiteral(R"(headers={"X-Key": "{key}"})"),
                               QStringLiteral("divisor=100"), QStringLiteral("success_pointer=/ok"),
                               QStringLiteral("success_value=true")})),
              QString());
}

TEST_F(CustomOptions, PathMustBeGiven)
{
    expectRefusedNaming({QStringLiteral("remaining_pointer=/data/balance")}, QStringLiteral("path"));
}

TEST_F(CustomOptions, PathWithoutLeadingSlashIsRefused)
{
    expectRefusedNaming(
        {QStringLiteral("path=v1/balance"), QStringLiteral("remaining_pointer=/data/balance")},
        QStringLiteral("path"));
}

TEST_F(CustomOptions, PathCarryingTheKeyOrAQueryIsRefused)
{
    for (const QString &path :
         {QStringLiteral("/v1/{key}/balance"), QStringLiteral("/v1/balance?token={key}"),
          QStringLiteral("/v1/balance?currency=USD")}) {
        SCOPED_TRACE(path.toStdString());
        expectRefusedNaming(
            {QStringLiteral("path=") + path, QStringLiteral("remaining_pointer=/data/balance")},
            QStringLiteral("path"));
    }
}

TEST_F(CustomOptions, DefinitionWithoutRemainingOrUsedPointerIsRefused)
{
    for (const QStringList &options :
         {QStringList{QStringLiteral("path=/v1/balance")},
          QStringList{QStringLiteral("path=/v1/balance"), QStringLiteral("limit_pointer=/data/limit")}}) {
        SCOPED_TRACE(options.join(u' ').toStdString());
        expectRefusedNaming(options, QStringLiteral("remaining_pointer"));
        expectRefusedNaming(options, QStringLiteral("used_pointer"));
    }
}

TEST_F(CustomOptions, PointerThatIsNotAJsonPointerIsRefused)
{
    expectRefusedNaming(
        {QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=data/balance")},
        QStringLiteral("remaining_pointer"));
    expectRefusedNaming(minimal({QStringLiteral("used_pointer=/usage/~2")}), QStringLiteral("used_pointer"));
    expectRefusedNaming(minimal({QStringLiteral("limit_pointer=/plan~")}), QStringLiteral("limit_pointer"));
    expectRefusedNaming(minimal({QStringLiteral("success_pointer=ok")}), QStringLiteral("success_pointer"));
}

TEST_F(CustomOptions, HeadersThatAreNotAJsonObjectAreRefused)
{
    for (const QString &headers :
         {QStringLiteral("Authorization: Bearer {key}"), QStringLiteral(R"(["{key}"])"),
          QStringLiteral(R"("Bearer {key}")"), QStringLiteral(R"({"X-Key": "{key}")")}) {
        SCOPED_TRACE(headers.toStdString());
        expectRefusedNaming(minimal({QStringLiteral("headers=") + headers}), QStringLiteral("headers"));
    }
}

TEST_F(CustomOptions, HeadersThatNeverSendTheKeyAreRefused)
{
    const QStringList options = minimal({QStringLiteral(R"(headers={"X-Client": "quotawatch"})")});
    expectRefusedNaming(options, QStringLiteral("headers"));
    EXPECT_TRUE(refusal(options).contains(QStringLiteral("{key}"))) << refusal(options).toStdString();
    expectRefusedNaming(minimal({QStringLiteral("headers={}")}), QStringLiteral("headers"));
}

TEST_F(CustomOptions, HeaderValuesMustBeSingleLineStringsUnderValidNames)
{
    for (const QString &headers :
         {QStringLiteral(R"({"X-Key": "{key}", "X-Retries": 3})"), QStringLiteral(R"({"Bad Name": "{key}"})"),
          QStringLiteral(R"({"": "{key}"})"), QStringLiteral(R"({"X-Key": "{key}\r\nX-Injected: 1"})")}) {
        SCOPED_TRACE(headers.toStdString());
        expectRefusedNaming(minimal({QStringLiteral("headers=") + headers}), QStringLiteral("headers"));
    }
}

TEST_F(CustomOptions, DivisorMustBeAPositiveNumber)
{
    for (const QString &divisor : {QStringLiteral("0"), QStringLiteral("0.0000001"), QStringLiteral("-100"),
                                   QStringLiteral("cents")}) {
        SCOPED_TRACE(divisor.toStdString());
        expectRefusedNaming(minimal({QStringLiteral("divisor=") + divisor}), QStringLiteral("divisor"));
    }
}

TEST_F(CustomOptions, SuccessValueWithoutSuccessPointerIsRefused)
{
    const QStringList options = minimal({QStringLiteral("success_value=ok")});
    expectRefusedNaming(options, QStringLiteral("success_value"));
    EXPECT_TRUE(refusal(options).contains(QStringLiteral("success_pointer")))
        << refusal(options).toStdString();
}

TEST_F(CustomOptions, MethodIsGetOrPost)
{
    expectRefusedNaming(minimal({QStringLiteral("method=DELETE")}), QStringLiteral("method"));
    EXPECT_EQ(refusal(minimal({QStringLiteral("method=GET")})), QString());
}

class Custom : public ProviderTest
{
protected:
    Snapshot checkCustom(const QStringList &options) { return check(QStringLiteral("custom"), options); }
};

TEST_F(Custom, GetWithTheDefaultBearerHeaderReadsTheRemainingPointer)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "balance");
    EXPECT_EQ(microsOf(snapshot.remaining), 42'750'000);
    EXPECT_EQ(microsOf(snapshot.used), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{42'750'000, "USD"}}));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kPath);
    EXPECT_TRUE(requests[0].query.isEmpty());
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(Custom, PostWithCustomHeadersSubstitutesTheKey)
{
    m_server.route("POST", kPath, TestResponse::json(fixture(QStringLiteral("custom/wallet.json"))));

    const Snapshot snapshot = checkCustom(
        {QStringLiteral("path=/v1/balance"), QStringLiteral("method=POST"),
         QStringLiteral(
             R"(headers={"X-Api-Key": "{key}", "Authorization": "Token {key}", "X-Client": "quotawatch"})"),
         QStringLiteral("remaining_pointer=/data/balance")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 42'750'000);
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(sentHeader("X-Api-Key"), QByteArray(kSecret));
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Token ") + kSecret));
    EXPECT_EQ(sentHeader("X-Client"), "quotawatch");
    expectSecretOnlyInHeaders();
}

TEST_F(Custom, OwnHeadersReplaceTheDefaultAuthorization)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    expectOk(
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral(R"(headers={"X-Api-Key": "{key}"})"),
                     QStringLiteral("remaining_pointer=/data/balance")}));

    EXPECT_EQ(sentHeader("X-Api-Key"), QByteArray(kSecret));
    EXPECT_TRUE(sentHeader("Authorization").isEmpty()) << sentHeader("Authorization").toStdString();
}

TEST_F(Custom, PointersReachIntoArraysAndEscapedNames)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    const Snapshot snapshot = checkCustom({QStringLiteral("path=/v1/balance"),
                                           QStringLiteral("remaining_pointer=/data/wallets/1/amount"),
                                           QStringLiteral("used_pointer=/usage/total~1month"),
                                           QStringLiteral("limit_pointer=/plan/hard~0limit")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 12'500'000); // wallets[1], a numeric string
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);       // "total/month"
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);     // "hard~limit"
    EXPECT_EQ(balancesOf(snapshot), (Balances{{12'500'000, "USD"}}));
}

TEST_F(Custom, AnswerThatIsAListIsReadWithIndexPointers)
{
    serveJson(kPath, R"([{"currency": "CNY", "balance": "3.2"}, {"currency": "USD", "balance": 8.25}])");

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/1/balance")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 8'250'000);
}

TEST_F(Custom, UsedAndLimitWithoutRemainingGiveWhatIsLeft)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("used_pointer=/usage/total~1month"),
                     QStringLiteral("limit_pointer=/plan/hard~0limit")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 12'500'000);
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);
}

TEST_F(Custom, UsedAloneIsSpend)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("used_pointer=/usage/total~1month")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_TRUE(snapshot.balances.empty());
}

TEST_F(Custom, DivisorTurnsCentsIntoUnitsOfTheGivenUnit)
{
    serveFixture(kPath, QStringLiteral("custom/cents.json"));

    const Snapshot snapshot = checkCustom({QStringLiteral("path=/v1/balance"),
                                           QStringLiteral("remaining_pointer=/account/balance_cents"),
                                           QStringLiteral("used_pointer=/account/spent_cents"),
                                           QStringLiteral("limit_pointer=/account/limit_cents"),
                                           QStringLiteral("divisor=100"), QStringLiteral("unit=CNY")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 12'340'000);
    EXPECT_EQ(microsOf(snapshot.used), 8'660'000);
    EXPECT_EQ(microsOf(snapshot.limit), 21'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("CNY"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{12'340'000, "CNY"}}));
}

TEST_F(Custom, FractionalDivisorMultiplies)
{
    serveJson(kPath, R"({"credits": 1234})");

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/credits"),
                     QStringLiteral("divisor=0.01"), QStringLiteral("unit=credits")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 123'400'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("credits"));
}

TEST_F(Custom, LargeAmountsStayExact)
{
    // Beyond what a double holds to the micro-unit: the division must not pass through one.
    serveJson(kPath, R"({"balance": "12345678901.123457", "quota": "777777777777.777777"})");

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/balance")});
    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 12'345'678'901'123'457);

    const Snapshot divided =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/quota"),
                     QStringLiteral("divisor=7"), QStringLiteral("unit=tokens")});
    expectOk(divided);
    EXPECT_EQ(microsOf(divided.remaining), 111'111'111'111'111'111);
}

TEST_F(Custom, SuccessPointerToTrueLetsTheReadingThrough)
{
    serveFixture(kPath, QStringLiteral("custom/wallet.json"));

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance"),
                     QStringLiteral("success_pointer=/success")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 42'750'000);
}

TEST_F(Custom, SuccessPointerToFalseIsAProviderErrorWithTheEndpointsWords)
{
    serveFixture(kPath, QStringLiteral("custom/failed.json"));

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance"),
                     QStringLiteral("success_pointer=/success")});

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("/success"))) << snapshot.error.toStdString();
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("account suspended"))) << snapshot.error.toStdString();
}

TEST_F(Custom, SuccessValueIsComparedWithStringsNumbersAndBooleans)
{
    struct Case
    {
        QString pointer;
        QString value;
    };
    for (const Case &c : {Case{QStringLiteral("/status"), QStringLiteral("ok")},
                          Case{QStringLiteral("/code"), QStringLiteral("200")},
                          Case{QStringLiteral("/success"), QStringLiteral("true")}}) {
        SCOPED_TRACE(c.pointer.toStdString());
        const QStringList options{
            QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance"),
            QStringLiteral("success_pointer=") + c.pointer, QStringLiteral("success_value=") + c.value};

        serveFixture(kPath, QStringLiteral("custom/wallet.json"));
        const Snapshot passed = checkCustom(options);
        expectOk(passed);
        EXPECT_EQ(microsOf(passed.remaining), 42'750'000);

        serveFixture(kPath, QStringLiteral("custom/failed.json"));
        const Snapshot failed = checkCustom(options);
        expectError(failed, CheckStatus::ProviderError);
        EXPECT_TRUE(failed.error.contains(c.pointer)) << failed.error.toStdString();
        EXPECT_TRUE(failed.error.contains(c.value)) << failed.error.toStdString();
    }
}

TEST_F(Custom, SuccessValueMatchesADecimalAsWritten)
{
    serveJson(kPath, R"({"api_version": 1.1, "balance": 3})");

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/balance"),
                     QStringLiteral("success_pointer=/api_version"), QStringLiteral("success_value=1.1")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 3'000'000);
}

TEST_F(Custom, SuccessPointerToAMissingFieldIsAFailure)
{
    serveJson(kPath, R"({"data": {"balance": 5}})");

    const Snapshot snapshot =
        checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance"),
                     QStringLiteral("success_pointer=/ok")});

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("/ok"))) << snapshot.error.toStdString();
}

TEST_F(Custom, PointerToAMissingFieldIsAParseErrorNamingThePointer)
{
    for (const QString &pointer :
         {QStringLiteral("/data/balance"), QStringLiteral("/data/wallets/5/amount"),
          QStringLiteral("/data/wallets/01/amount"), QStringLiteral("/usage/total/month")}) {
        SCOPED_TRACE(pointer.toStdString());
        serveJson(kPath,
                  R"({"data": {"wallets": [{"amount": 1}, {"amount": 2}]}, "usage": {"total/month": 3}})");

        const Snapshot snapshot =
            checkCustom({QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=") + pointer});

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(pointer)) << snapshot.error.toStdString();
    }
}

TEST_F(Custom, ValueOfTheWrongTypeIsAParseErrorNamingThePointer)
{
    for (const QByteArray &value : {QByteArray(R"("n/a")"), QByteArray("true"), QByteArray(R"({"value": 1})"),
                                    QByteArray("[1]"), QByteArray("null")}) {
        SCOPED_TRACE(value.toStdString());
        serveJson(kPath, R"({"data": {"balance": 1, "used": )" + value + "}}");

        const Snapshot snapshot = checkCustom({QStringLiteral("path=/v1/balance"),
                                               QStringLiteral("remaining_pointer=/data/balance"),
                                               QStringLiteral("used_pointer=/data/used")});

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("/data/used"))) << snapshot.error.toStdString();
    }
}
