#!/usr/bin/env bash
# Regenerates clients/attestor/metadata/tributary.scale, the runtime metadata (v16) the attestor's
# subxt code is generated from: builds the attestor, starts the release node with --dev --tmp on a
# free port and runs `tributary-attestor metadata` against it. Run it after any change to the
# runtime's calls, events, storage, constants or runtime APIs, then rebuild the attestor: subxt
# checks each static call, storage entry, constant and runtime API against the node's metadata at
# run time, and the attestor refuses stale ones as a metadata mismatch naming them.
#   ./scripts/attestor-metadata.sh           # write the file
#   ./scripts/attestor-metadata.sh --check   # only say whether it is the node's (exit 1 if not)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh >/dev/null
node_bin="${TRIBUTARY_NODE:-$CARGO_TARGET_DIR/release/tributary-node}"
attestor_target="${ATTESTOR_TARGET_DIR:-$HOME/.cache/tributary/target-attestor}"
out=clients/attestor/metadata/tributary.scale
[ -x "$node_bin" ] || {
	echo "attestor-metadata: no node binary at $node_bin: build it (cargo build --release -p tributary-node) or set TRIBUTARY_NODE" >&2
	exit 1
}
CARGO_TARGET_DIR="$attestor_target" cargo build --release --locked --quiet --manifest-path clients/attestor/Cargo.toml
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$node_bin" --dev --tmp --rpc-port "$port" --port 0 --no-prometheus --no-telemetry --no-mdns >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do
	curl -sf -o /dev/null -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' "http://127.0.0.1:$port" && break
	sleep 0.5
done
"$attestor_target/release/tributary-attestor" metadata --node "ws://127.0.0.1:$port" --out "$out" "$@"
# The subxt macro reads the file at compile time without cargo tracking it: make cargo recompile.
case " $* " in *" --check "*) ;; *) touch clients/attestor/src/chain.rs ;; esac
