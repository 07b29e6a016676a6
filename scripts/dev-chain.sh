#!/usr/bin/env bash
# Builds Tributary (first run: ~45 min on 2 cores) and starts a development chain:
# Alice authors and finalises blocks; JSON-RPC on ws://127.0.0.1:9944, Prometheus on :9615.
# Extra arguments go to the node (e.g. `--base-path ./data` to keep the chain between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "Building tributary-node (release) in $CARGO_TARGET_DIR ..." >&2
cargo build --release --workspace --locked
echo "Starting a dev chain: RPC ws://127.0.0.1:9944 - stop with Ctrl-C" >&2
exec "$CARGO_TARGET_DIR/release/tributary-node" --dev --rpc-port 9944 --prometheus-port 9615 "$@"
