//! The Tributary node: Aura block production, GRANDPA finality, ParityDB, JSON-RPC.

#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are the SDK's error types; every node of the SDK returns them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

// A runtime that can plant the fuzzer's bugs is for the fuzzer's tests only, never for a node.
const _: () = assert!(
	!tributary_runtime::PLANTED_BUGS_POSSIBLE,
	"tributary-primitives/mutants is on: build the node without tributary-fuzz's features"
);

fn main() -> sc_cli::Result<()> {
	command::run()
}
