//! The Tributary node: Aura block production, GRANDPA finality, ParityDB, JSON-RPC.

#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are the SDK's error types; every node of the SDK returns them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
