//! The Tributary node: Aura block production, GRANDPA finality, ParityDB, JSON-RPC.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
