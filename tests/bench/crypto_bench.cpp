// Fernet encrypt + decrypt of a 64-byte secret: what every check pays once per key.
#include "core/crypto/fernet.h"

#include <benchmark/benchmark.h>

static void BM_FernetRoundTrip64(benchmark::State &state)
{
    const auto key = qw::Fernet::generateKey();
    const auto fernet = qw::Fernet::fromKey(key.view());
    const QByteArray secret(64, 'k');
    for (auto _ : state) {
        auto token = fernet->encrypt(secret);
        auto plain = fernet->decrypt(*token);
        benchmark::DoNotOptimize(plain->data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FernetRoundTrip64);
