//! # Tributary runtime
//!
//! The on-chain half of Tributary: who contributed which data to which dataset, which models were
//! trained on it, and who is owed what when those models are used. This crate composes FRAME
//! pallets into the runtime; each pallet's configuration lives in [`configs`], the runtime APIs
//! in [`apis`], the genesis presets in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// Tests may compute freely (clippy.toml lets them unwrap, expect and index).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]
// `construct_runtime` needs a large recursion limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Whether this build can plant the fuzzer's deliberate bugs (`tributary-primitives/mutants`,
/// for the fuzzer's own tests). The node refuses to build with such a runtime.
pub const PLANTED_BUGS_POSSIBLE: bool = tributary_primitives::mutants::ENABLED;

/// Opaque types: what the node needs to know of blocks without knowing the runtime's types.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a Tributary validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` on every change of runtime logic.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("tributary"),
	impl_name: alloc::borrow::Cow::Borrowed("tributary"),
	authoring_version: 1,
	spec_version: 104,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time. Aura's slot duration is twice the timestamp's minimum period.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// One Aura slot per block.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Time measured in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// The native token's symbol, shown by wallets and returned by `system_properties`.
pub const TOKEN_SYMBOL: &str = "TRIB";
/// Decimal places of the native token.
pub const TOKEN_DECIMALS: u8 = 12;
/// Tributary's own SS58 address prefix (addresses start with a chain-specific character).
pub const SS58_PREFIX: u16 = 7307;

/// One whole TRIB in plancks.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a TRIB.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a TRIB.
pub const MICRO_UNIT: Balance = 1_000_000;

/// Below this an account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The block number type.
pub type BlockNumber = u32;
/// Transaction signatures: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account is identified by the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balances of the native token and of assets.
pub type Balance = u128;
/// Transaction count of an account.
pub type Nonce = u32;
/// Block and trie hashes.
pub type Hash = sp_core::H256;
/// Identifier of an asset in `pallet-assets`.
pub type AssetId = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions checked on every signed extrinsic.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on runtime upgrade, beyond those the pallets declare.
#[allow(unused_parens)]
type Migrations = (pallet_attribution::migrations::v1::MigrateV0ToV1<Runtime>,);

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// Session rotates before Aura and GRANDPA read their authorities, and the validator set's
	// genesis reads the set Session's genesis made: keep this order.
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(23)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(8)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(9)]
	pub type Parameters = pallet_parameters;

	#[runtime::pallet_index(10)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(11)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(12)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(13)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(14)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;

	#[runtime::pallet_index(15)]
	pub type Whitelist = pallet_whitelist;

	#[runtime::pallet_index(16)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(17)]
	pub type Origins = governance::origins::pallet_custom_origins;

	#[runtime::pallet_index(20)]
	pub type Datasets = pallet_datasets;

	#[runtime::pallet_index(21)]
	pub type Attribution = pallet_attribution;
}

#[cfg(test)]
mod tests;
