#!/usr/bin/env bash
# Runs every check and test of Tributary: rustfmt, clippy and rustdoc (scripts/check.sh); the
# pallet, runtime and RPC unit and property tests and the node end-to-end tests that start the
# real node; the runtime fuzzer with its planted bugs; the attestor's unit, property and end-to-end tests; the polkadot.js unit and
# end-to-end suite; then the four-validator zombienet network and its tests.
# Prints cargo's and node's summaries and a final tally.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# Hygiene first: rustfmt, clippy (warnings denied) and rustdoc over both workspaces.
./scripts/check.sh 2>&1 | tee -a "$log" || status=$?

echo "== cargo test (release profile, shared with the node build) in $CARGO_TARGET_DIR" >&2
cargo test --release --workspace --locked --no-fail-fast 2>&1 | tee -a "$log" || status=$?

# The runtime fuzzer (fuzz/), built alone with every pallet's try_state (try-runtime) and the
# planted bugs (mutants), natively (no Wasm): regression seeds, a bounded campaign
# (TRIBUTARY_FUZZ_BUDGET_MS, 2 minutes), the origin matrix and the planted-bug hunt, with figures.
echo "== fuzzer: cargo test -p tributary-fuzz --features try-runtime,mutants (native)" >&2
SKIP_WASM_BUILD=1 cargo test --release --locked --no-fail-fast -p tributary-fuzz \
	--features try-runtime,mutants -- --nocapture 2>&1 | tee -a "$log" || status=$?

# The attestor is its own cargo workspace (own lock and target dir): its unit and property tests,
# and its end-to-end test, which drives the node binary just built (TRIBUTARY_NODE) and the real
# attestor.
attestor_target="${ATTESTOR_TARGET_DIR:-$HOME/.cache/tributary/target-attestor}"
echo "== attestor: cargo test (release) in $attestor_target" >&2
TRIBUTARY_NODE="$CARGO_TARGET_DIR/release/tributary-node" CARGO_TARGET_DIR="$attestor_target" \
	cargo test --release --locked --no-fail-fast --manifest-path clients/attestor/Cargo.toml 2>&1 | tee -a "$log" || status=$?

js_pass=0
js_fail=0
if [ "$status" -eq 0 ]; then
	command -v node >/dev/null && command -v npm >/dev/null ||
		{ echo "test: Node.js >= 20 with npm is needed for the polkadot.js suite: install it, then re-run" >&2; exit 1; }
	echo "== polkadot.js unit and end-to-end tests (clients/js)" >&2
	(
		cd clients/js
		if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
			npm ci --no-audit --no-fund --silent
		fi
		TRIBUTARY_NODE="$CARGO_TARGET_DIR/release/tributary-node" npm test --silent
	) 2>&1 | tee -a "$log" || status=$?
	js_pass=$(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
	js_fail=$(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
fi

# The four-validator zombienet network (native processes): on by default; TRIBUTARY_ZOMBIENET=0
# leaves it out on a machine that cannot start four nodes.
zn_pass=0
zn_fail=0
if [ "$status" -eq 0 ] && [ "${TRIBUTARY_ZOMBIENET:-1}" != "0" ]; then
	echo "== zombienet: four validators (zombienet/tributary.zndsl)" >&2
	zn_log=$(mktemp)
	zn_status=0
	./scripts/zombienet.sh >"$zn_log" 2>&1 || zn_status=$?
	grep -E '✅|❌|Result:|rror' "$zn_log" | grep -v 'API/INIT' || true
	result=$(grep -Eo 'Result: [0-9]+/[0-9]+' "$zn_log" | tail -1 | grep -Eo '[0-9]+/[0-9]+' || echo "0/1")
	zn_pass=${result%/*}
	zn_fail=$(( ${result#*/} - zn_pass ))
	if [ "$zn_status" -ne 0 ] && [ "$zn_fail" -eq 0 ]; then zn_fail=1; fi
	echo "zombienet: $zn_pass of ${result#*/} assertions held (full log: $zn_log)"
	[ "$zn_fail" -eq 0 ] || status=1
fi

passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
echo "== total: $((passed + js_pass + zn_pass)) passed, $((failed + js_fail + zn_fail)) failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$js_fail" -eq 0 ] && [ "$zn_fail" -eq 0 ]
