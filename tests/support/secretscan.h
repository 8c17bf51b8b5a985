// The scan every end-to-end test runs over what a server sent and logged: does any of the
// secrets (API keys, passwords, tokens, the master key) appear in a blob, as is or in one of the
// encodings a leak would likely take (base64 in either alphabet at any byte alignment, percent-
// or form-encoding, a JSON string). Findings name the secret by its position in the list and the
// encoding, never by its text, so a failing test does not leak it into the test log either.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QStringList>
#include <gtest/gtest.h>

namespace qw::test {

// One line per occurrence: "secret #2 (base64url) at byte 118". Empty when there is none.
// Secrets shorter than 6 bytes are refused with a finding of their own: too short to tell apart
// from chance.
[[nodiscard]] QStringList findSecrets(const QByteArrayList &secrets, const QByteArray &blob);

// For EXPECT_TRUE: success when `blob` holds none of `secrets`; otherwise the findings, with
// `what` ("GET /api/keys body", "serve's stderr") saying where.
[[nodiscard]] ::testing::AssertionResult holdsNoSecret(const QByteArrayList &secrets, const QByteArray &blob,
                                                       const QString &what);

} // namespace qw::test
