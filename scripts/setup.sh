#!/usr/bin/env bash
# Installs what building Tributary needs, once; quiet when everything is already present.
#
# Route: rustup's `wasm32v1-none` target when rustup can fetch it; otherwise (offline Debian)
# Debian's rustc-web 1.96 toolchain with a precompiled wasm32v1-none core/alloc, LLVM 22's lld as
# rust-lld, linked into rustup as the `tributary-wasm` toolchain for WASM_BUILD_TOOLCHAIN.
# Also installs protobuf-compiler (litep2p needs protoc). Source this file or run it; when
# sourced it exports WASM_BUILD_TOOLCHAIN and CARGO_TARGET_DIR for the caller.
set -euo pipefail

TRIBUTARY_WASM_TOOLCHAIN=tributary-wasm
SYSROOT_LIB=/usr/lib/rustlib/wasm32v1-none/lib

die() { echo "setup: $*" >&2; exit 1; }
log() { [ -n "${SETUP_VERBOSE:-}" ] && echo "setup: $*" >&2 || true; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root to run '$*' (install it yourself or run this script as root)"; fi
}

apt_install() {
	command -v apt-get >/dev/null ||
		die "missing $* and no apt-get here: install $* with your package manager, then re-run"
	echo "setup: installing $* (apt)" >&2
	as_root apt-get update -qq >/dev/null 2>&1 || true
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
		die "apt-get install $* failed: install them by hand, then re-run"
}

command -v cargo >/dev/null && command -v rustup >/dev/null ||
	die "rustup and cargo are required: install them from https://rustup.rs, then re-run"
for component in clippy rustfmt; do
	rustup component list --installed 2>/dev/null | grep -q "^$component" ||
		timeout 120 rustup component add "$component" >/dev/null 2>&1 ||
		die "rustup component $component is missing and could not be added: install it, then re-run"
done
command -v protoc >/dev/null || apt_install protobuf-compiler
command -v cc >/dev/null || apt_install build-essential

# 1. Does the default toolchain already build wasm32v1-none? (TRIBUTARY_WASM_ROUTE=debian forces
# the offline route, to test it on a machine where rustup works.)
if [ "${TRIBUTARY_WASM_ROUTE:-auto}" = debian ]; then
	WASM_ROUTE=debian
elif rustup target list --installed 2>/dev/null | grep -qx wasm32v1-none; then
	log "rustup has wasm32v1-none"
	unset WASM_BUILD_TOOLCHAIN || true
	WASM_ROUTE=rustup
elif timeout 60 rustup target add wasm32v1-none >/dev/null 2>&1; then
	echo "setup: added wasm32v1-none with rustup" >&2
	WASM_ROUTE=rustup
else
	WASM_ROUTE=debian
fi

if [ "$WASM_ROUTE" = debian ]; then
	# 2. Debian's rustc-web toolchain with the standard library sources and lld 22.
	if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ] ||
		[ ! -x /usr/lib/llvm-22/bin/lld ]; then
		apt_install rustc-web cargo-web rust-web-src lld-22
	fi
	# 3. A precompiled wasm32v1-none core/alloc/compiler_builtins, with bitcode for LTO.
	if ! ls "$SYSROOT_LIB"/libcore-*.rlib >/dev/null 2>&1 ||
		! ls "$SYSROOT_LIB"/libcompiler_builtins-*.rlib >/dev/null 2>&1; then
		echo "setup: building wasm32v1-none core/alloc from Debian's sources (~30 s)" >&2
		tmp=$(mktemp -d)
		mkdir -p "$tmp/src"
		cat >"$tmp/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[profile.release]
panic = "abort"
TOML
		cat >"$tmp/src/lib.rs" <<'RS'
#![no_std]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
RS
		(cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS="-C embed-bitcode=yes" \
			CARGO_TARGET_DIR="$tmp/target" /usr/bin/cargo build -q --release \
			--target wasm32v1-none -Zbuild-std=core,alloc) ||
			die "building the wasm32v1-none sysroot failed (see above)"
		as_root mkdir -p "$SYSROOT_LIB"
		as_root rm -f "$SYSROOT_LIB"/lib{core,alloc,compiler_builtins}-*.rlib
		as_root cp "$tmp"/target/wasm32v1-none/release/deps/lib{core,alloc,compiler_builtins}-*.rlib \
			"$SYSROOT_LIB"/
		rm -rf "$tmp"
		# Crates compiled against an older core would fail with "can't find crate".
		rm -rf "${CARGO_TARGET_DIR:-$HOME/.cache/tributary/target}"/*/wbuild/tributary-runtime/target
	fi
	# 4. rustc links wasm with `rust-lld`; Debian's rustc-web ships none, lld 22 serves.
	lld_link=/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
	if [ "$(readlink "$lld_link" 2>/dev/null)" != /usr/lib/llvm-22/bin/lld ]; then
		as_root mkdir -p "$(dirname "$lld_link")"
		as_root ln -sf /usr/lib/llvm-22/bin/lld "$lld_link"
	fi
	# 5. A rustup name for that toolchain, which wasm-builder runs via `rustup run`.
	rustup toolchain list | grep -q "^$TRIBUTARY_WASM_TOOLCHAIN" ||
		rustup toolchain link "$TRIBUTARY_WASM_TOOLCHAIN" /usr >/dev/null
	export WASM_BUILD_TOOLCHAIN=$TRIBUTARY_WASM_TOOLCHAIN
	log "wasm route: Debian rustc-web via rustup toolchain $TRIBUTARY_WASM_TOOLCHAIN"
fi

# wasm-builder finds the workspace (and its Cargo.lock) from here, not from the target dir.
export WASM_BUILD_WORKSPACE_HINT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# One target dir outside the checkout, shared by every clone, tests and the node.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tributary/target}"
mkdir -p "$CARGO_TARGET_DIR"
# wasm-builder reads these; offline machines must not reach for the network.
export CARGO_NET_OFFLINE="${CARGO_NET_OFFLINE:-false}"
