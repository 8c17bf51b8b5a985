#!/usr/bin/env bash
# Runs every adapter's libFuzzer target for a short time on that platform's recorded answers.
# A crash, a sanitizer finding or an adapter invariant broken aborts the target and fails the run.
#   tests/sanitizers/run-fuzz.sh BUILD_DIR [SECONDS_PER_TARGET]
# BUILD_DIR is configured with clang and -DWITH_FUZZ=ON; the targets are built here if missing.
# A fixed seed: a finding in CI is reproduced by running the same command.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: run-fuzz.sh BUILD_DIR [SECONDS]}
seconds=${2:-15}
platforms=(openrouter deepseek moonshot moonshot-intl siliconflow-intl novita elevenlabs newapi
  newapi-user openai-admin anthropic-admin zhipu-coding xai litellm custom
  zai-coding minimax-coding minimax-coding-intl kimi-code
  vercel-gateway poe venice deepinfra)

targets=()
for platform in "${platforms[@]}"; do targets+=("fuzz_${platform//-/_}"); done
cmake --build "$build" -j2 --target "${targets[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for platform in "${platforms[@]}"; do
  # The -intl platforms answer like their mainland twins; their recordings are shared.
  seeds="tests/data/providers/${platform%-intl}"
  # New inputs go to the first (scratch) corpus folder, never into the recorded answers.
  mkdir -p "$work/$platform"
  echo "fuzz: $platform for ${seconds}s on $seeds"
  "$build/tests/fuzz/fuzz_${platform//-/_}" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$artifacts/${platform}-" "$work/$platform" "$seeds" \
    >"$work/$platform.log" 2>&1 || { tail -n 60 "$work/$platform.log"; echo "fuzz: $platform FAILED"; exit 1; }
  grep -E '^stat::number_of_executed_units' "$work/$platform.log" || true
done
echo "fuzz: all ${#platforms[@]} targets ran ${seconds}s each without a finding"
