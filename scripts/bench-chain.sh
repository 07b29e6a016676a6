#!/usr/bin/env bash
# Tributary's chain throughput benchmark on the real node (docs/benchmarks.md): starts
# `tributary-node --dev --tmp` on free loopback ports, sets up funded senders, an open dataset with
# accepted contributions, a model and bonded providers, then loads the chain with pre-signed
# transfers, contributions, contribution batches (when the runtime has them), report batches and
# claims, and prints per kind the charged weight, how many fit in a block, the saturated rate, the
# node's own block-build time and the ratios against transfers; then `tributary_rewards` against
# `system_health` under RPC load. Builds nothing: it runs the node binary already built.
#   ./scripts/bench-chain.sh                              # every load, 3 blocks' worth each (~5 min)
#   BENCH_N=2000 BENCH_KINDS=transfer,contribution ./scripts/bench-chain.sh
#   TRIBUTARY_NODE=/tmp/tributary-node BENCH_OUT=bench.json ./scripts/bench-chain.sh
#   ./scripts/bench-chain.sh --help                       # every option
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "bench-chain: Node.js >= 20 with npm is needed: install it, then re-run" >&2; exit 1; }
# The polkadot.js dependencies of clients/js, as scripts/test.sh installs them.
if [ ! -f clients/js/node_modules/.package-lock.json ] ||
	[ clients/js/package-lock.json -nt clients/js/node_modules/.package-lock.json ]; then
	(cd clients/js && npm ci --no-audit --no-fund --silent)
fi
exec node clients/js/bench/chain.js "$@"
