#!/usr/bin/env bash
# The hygiene the toolchain enforces, over both cargo workspaces (the chain's and the attestor's):
# rustfmt, clippy with warnings denied (the runtime crates also deny panics, unchecked arithmetic
# and indexing: [workspace.lints] in Cargo.toml), and rustdoc with broken intra-doc links denied.
# scripts/test.sh runs it before the tests. Prints each check and `checks: N passed, M failed`.
#
# Clippy and rustdoc only type-check: they use their own target dir ($HOME/.cache/tributary/
# target-check, with SKIP_WASM_BUILD) so that they never invalidate the release build's runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

check_target="${CHECK_TARGET_DIR:-$HOME/.cache/tributary/target-check}"
attestor_target="${ATTESTOR_TARGET_DIR:-$HOME/.cache/tributary/target-attestor}"
attestor_manifest=clients/attestor/Cargo.toml
passed=0
failed=0

check() {
	local name=$1
	shift
	echo "== check: $name" >&2
	if "$@"; then
		passed=$((passed + 1))
		echo "check $name: ok"
	else
		failed=$((failed + 1))
		echo "check $name: FAILED ($*)"
	fi
}

check "rustfmt (chain)" cargo fmt --all --check
check "rustfmt (attestor)" cargo fmt --check --manifest-path "$attestor_manifest"
check "clippy (chain)" env CARGO_TARGET_DIR="$check_target" SKIP_WASM_BUILD=1 \
	cargo clippy --workspace --all-targets --locked --quiet -- -D warnings
check "clippy (attestor)" env CARGO_TARGET_DIR="$attestor_target" \
	cargo clippy --release --all-targets --locked --quiet --manifest-path "$attestor_manifest" \
	-- -D warnings
check "rustdoc (chain)" env CARGO_TARGET_DIR="$check_target" SKIP_WASM_BUILD=1 \
	RUSTDOCFLAGS="-D rustdoc::broken_intra_doc_links -D rustdoc::private_intra_doc_links" \
	cargo doc --workspace --no-deps --locked --quiet
check "rustdoc (attestor)" env CARGO_TARGET_DIR="$attestor_target" \
	RUSTDOCFLAGS="-D rustdoc::broken_intra_doc_links -D rustdoc::private_intra_doc_links" \
	cargo doc --release --no-deps --locked --quiet --manifest-path "$attestor_manifest"

echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
