#!/usr/bin/env bash
# Regenerates the weights of Tributary's pallets from their benchmarks.
#
# Builds a node with `--features runtime-benchmarks` in its own target dir (the feature changes
# much of the graph; keeping it apart leaves the everyday build untouched), then runs
# `tributary-node benchmark pallet` for each pallet: Tributary's pallets write
# `pallets/<p>/src/weights.rs` (their own template: a `WeightInfo` trait and its impl), and the
# SDK parts benchmarked for this runtime (the transaction extensions, fee payment, balances: the
# baseline every ratio is taken against, measured on the same machine as the rest) write
# `runtime/src/weights/<p>.rs` (the SDK's template: the runtime's impl of the SDK trait).
#   ./scripts/benchmark.sh                 # everything, 20 steps × 10 repeats
#   STEPS=10 REPEAT=5 ./scripts/benchmark.sh pallet_datasets
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/tributary/target-bench}"
cargo build --release --locked -p tributary-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/tributary-node"

ours=(pallet_datasets pallet_attribution pallet_validator_set)
runtime=(frame_system_extensions pallet_transaction_payment pallet_balances)
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=("${ours[@]}" "${runtime[@]}")
for p in "${pallets[@]}"; do
	if [[ " ${runtime[*]} " == *" $p "* ]]; then
		output="runtime/src/weights/$p.rs"
		template=()
	else
		name="${p#pallet_}"
		output="pallets/${name//_/-}/src/weights.rs"
		template=(--template scripts/frame-weight-template.hbs)
	fi
	echo "== $p -> $output" >&2
	"$node" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/tributary-runtime/tributary_runtime.compact.compressed.wasm" \
		--genesis-builder=runtime --genesis-builder-preset=development \
		--pallet "$p" --extrinsic '*' \
		--steps "${STEPS:-20}" --repeat "${REPEAT:-10}" \
		--wasm-execution=compiled --heap-pages=4096 \
		"${template[@]}" \
		--header scripts/weights-header.txt \
		--output "$output"
done
