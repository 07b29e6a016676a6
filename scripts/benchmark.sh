#!/usr/bin/env bash
# Regenerates the weights of Tributary's pallets from their benchmarks.
#
# Builds a node with `--features runtime-benchmarks` in its own target dir (the feature changes
# much of the graph; keeping it apart leaves the everyday build untouched), then runs
# `tributary-node benchmark pallet` for each pallet and writes `pallets/<p>/src/weights.rs`.
#   ./scripts/benchmark.sh                 # all pallets, 20 steps × 10 repeats
#   STEPS=10 REPEAT=5 ./scripts/benchmark.sh pallet_datasets
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/tributary/target-bench}"
cargo build --release --locked -p tributary-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/tributary-node"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_datasets pallet_attribution pallet_validator_set)
for p in "${pallets[@]}"; do
	name="${p#pallet_}"
	dir="pallets/${name//_/-}"
	echo "== $p -> $dir/src/weights.rs" >&2
	"$node" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/tributary-runtime/tributary_runtime.compact.compressed.wasm" \
		--genesis-builder=runtime --genesis-builder-preset=development \
		--pallet "$p" --extrinsic '*' \
		--steps "${STEPS:-20}" --repeat "${REPEAT:-10}" \
		--wasm-execution=compiled --heap-pages=4096 \
		--template scripts/frame-weight-template.hbs \
		--header scripts/weights-header.txt \
		--output "$dir/src/weights.rs"
done
