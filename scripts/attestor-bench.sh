#!/usr/bin/env bash
# The attestor's attribution benchmark: index build per MB and attribution of 256-token outputs
# over a 10 MB corpus, with a naive scan as the in-process baseline (docs/attestor.md).
#   CORPUS_MB=10 OUTPUTS=20 ./scripts/attestor-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh >/dev/null
export CARGO_TARGET_DIR="${ATTESTOR_TARGET_DIR:-$HOME/.cache/tributary/target-attestor}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo run --release --locked --manifest-path clients/attestor/Cargo.toml --example bench
