// HttpClient's answer cap holds after decompression: a few KiB of gzip or deflate on the wire may
// be gigabytes once inflated. Bombs are made here with zlib, a block at a time, so the test
// itself never holds what they inflate to.
#include "core/poll/httpclient.h"
#include "tests/poll/httpclienttesting.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <gtest/gtest.h>
#include <optional>
#include <sys/resource.h>
#include <zlib.h>

namespace qw {
namespace {

using test::describe;
using test::TestHttpServer;
using test::TestResponse;
using test::waitFor;

constexpr qint64 MiB = 1024 * 1024;

HttpResult sendAndWait(HttpClient &client, const QString &base, const QString &path)
{
    HttpRequestSpec spec;
    spec.path = path;
    return test::sendAndWait(client, base, std::move(spec));
}

enum class Encoding
{
    Gzip,
    Deflate // HTTP's "deflate" is the zlib format
};

// `repeat` copies of `block`, compressed as a stream without ever holding them together.
QByteArray compressed(Encoding encoding, const QByteArray &block, qint64 repeat)
{
    z_stream stream{};
    const int windowBits = encoding == Encoding::Gzip ? 15 + 16 : 15;
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    char buffer[64 * 1024];
    for (qint64 i = 0; i < repeat; ++i) {
        const bool last = i + 1 == repeat;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(block.constData()));
        stream.avail_in = uInt(block.size());
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);
    return out;
}

TestResponse encodedAnswer(Encoding encoding, QByteArray body)
{
    TestResponse answer = TestResponse::json(std::move(body));
    answer.headers.append({QByteArrayLiteral("Content-Encoding"), encoding == Encoding::Gzip
                                                                      ? QByteArrayLiteral("gzip")
                                                                      : QByteArrayLiteral("deflate")});
    return answer;
}

// The most memory the process has held so far, in bytes.
qint64 peakResidentBytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_maxrss) * 1024; // KiB on Linux
}

class HttpClientDecompression : public ::testing::TestWithParam<Encoding>
{
};

TEST_P(HttpClientDecompression, SmallCompressedAnswerIsInflated)
{
    const QByteArray json = R"({"balance":"12.50","currency":"USD"})";
    TestHttpServer server;
    server.route("GET", "/balance", encodedAnswer(GetParam(), compressed(GetParam(), json, 1)));
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/balance"));
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, json);
    // The client asked for it: the server did not send it on its own.
    EXPECT_TRUE(server.requests()
                    .front()
                    .header("Accept-Encoding")
                    .contains(GetParam() == Encoding::Gzip ? "gzip" : "deflate"));
}

TEST_P(HttpClientDecompression, CapCountsInflatedBytesNotWireBytes)
{
    TestHttpServer server;
    const QByteArray block(1024, 'a');
    server.route("GET", "/exact", encodedAnswer(GetParam(), compressed(GetParam(), block, 64)));
    server.route("GET", "/over", encodedAnswer(GetParam(), compressed(GetParam(), block, 65)));
    HttpClient client({.maxResponseBytes = 64 * 1024});

    const HttpResult exact = sendAndWait(client, server.baseUrl(), QStringLiteral("/exact"));
    ASSERT_TRUE(exact.has_value()) << describe(exact);
    EXPECT_EQ(exact->body.size(), 64 * 1024);

    // Well under a KiB on the wire, 65 KiB once inflated.
    const HttpResult over = sendAndWait(client, server.baseUrl(), QStringLiteral("/over"));
    ASSERT_FALSE(over.has_value()) << describe(over);
    EXPECT_EQ(over.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(over.error().message, QStringLiteral("the answer from 127.0.0.1 is larger than 64 KiB once "
                                                   "decompressed; this is not a balance response"));
}

// 100 MiB of zeros in about 100 KiB: refused at the 1 MiB cap, and the process never comes near
// holding the 100 MiB (Qt's own bomb check only starts at 10 MiB, and would let the body through
// as a truncated answer).
TEST_P(HttpClientDecompression, BombEndsAtTheCapWithoutInflatingIt)
{
    const QByteArray bomb = compressed(GetParam(), QByteArray(64 * 1024, '\0'), 1600);
    ASSERT_LT(bomb.size(), 200 * 1024);
    TestHttpServer server;
    server.route("GET", "/bomb", encodedAnswer(GetParam(), bomb));
    HttpClient client;
    const qint64 peakBefore = peakResidentBytes();

    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/bomb"));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError) << describe(result);
    EXPECT_EQ(result.error().message, QStringLiteral("the answer from 127.0.0.1 is larger than 1 MiB once "
                                                     "decompressed; this is not a balance response"));
    EXPECT_LT(peakResidentBytes() - peakBefore, 16 * MiB)
        << "peak before " << peakBefore / MiB << " MiB, after " << peakResidentBytes() / MiB << " MiB";
}

// A compressed body that is not what it says: a transport error, never a 200 with whatever part
// inflated before the damage.
TEST_P(HttpClientDecompression, CorruptCompressedAnswerIsNotASuccess)
{
    QByteArray body = compressed(GetParam(), QByteArray(200 * 1024, 'z'), 1);
    body.resize(body.size() / 2);
    body += QByteArray(64, '\xff');
    TestHttpServer server;
    server.route("GET", "/broken", encodedAnswer(GetParam(), body));
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/broken"));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("the answer from 127.0.0.1 could not be "
                                                                 "decompressed")))
        << describe(result);
}

TEST(HttpClientCompression, AnEncodingNotAskedForIsAClearError)
{
    TestHttpServer server;
    TestResponse brotli = TestResponse::json("\x1b\x03\x00\xf8\xa5\x40\x02");
    brotli.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("br")});
    server.route("GET", "/br", brotli);
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), QStringLiteral("/br"));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError) << describe(result);
    EXPECT_EQ(result.error().message, QStringLiteral("the answer from 127.0.0.1 is compressed as “br”, which "
                                                     "QuotaWatch did not ask for and cannot read"));
    EXPECT_EQ(server.requests().front().header("Accept-Encoding"), "gzip, deflate");
}

INSTANTIATE_TEST_SUITE_P(Encodings, HttpClientDecompression,
                         ::testing::Values(Encoding::Gzip, Encoding::Deflate),
                         [](const ::testing::TestParamInfo<Encoding> &param) {
                             return param.param == Encoding::Gzip ? std::string("Gzip")
                                                                  : std::string("Deflate");
                         });

} // namespace
} // namespace qw
