#!/usr/bin/env bash
# Starts the four-validator network of zombienet/network.toml (native processes, no Docker) and
# runs its tests (zombienet/tributary.zndsl): nodes up and connected, blocks authored and
# finalised on every node, a contribution submitted through one node seen on another, finality
# with one validator stopped. zombienet tears the network down at the end, pass or fail.
#
# Needs the release node (scripts/test.sh builds it) and Node.js with npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh >/dev/null

node_bin="${TRIBUTARY_NODE:-$CARGO_TARGET_DIR/release/tributary-node}"
if [ ! -x "$node_bin" ]; then
	echo "zombienet: no node binary at $node_bin; build it with: cargo build --release --locked -p tributary-node" >&2
	exit 1
fi
cd zombienet
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --silent
fi
TRIBUTARY_NODE="$node_bin" npx --no-install zombienet -p native -l text test tributary.zndsl
