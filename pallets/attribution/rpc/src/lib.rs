//! `tributary_*` JSON-RPC methods over [`AttributionRuntimeApi`].
//!
//! A thin layer: each method asks the runtime API at a block (the best block by default) and
//! returns the pallet's view type as it is, serialised by its own serde form (integers wider than
//! 32 bits as decimal strings, hashes as hex, currencies as the calls take them: see
//! `tributary_primitives::json`). What it adds is what JSON needs: accounts are read from SS58
//! (any prefix) or 0x-hex, and printed as SS58 with the node's default prefix; an unknown id or a
//! bad account is an error that says what was wrong ([`codes`]).
//!
//! [`METHODS`] describes the methods for clients; `clients/js/rpc.json` (polkadot.js's `rpc:`
//! option) is generated from it and checked by this crate's tests.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};
pub use tributary_attribution_runtime_api::AttributionApi as AttributionRuntimeApi;
use tributary_attribution_runtime_api::{
	ContributionEarning, ModelId, ModelView, ReceiptView, RewardView, TrainingSetPage,
	MAX_TRAINING_SET_PAGE,
};

mod definitions;
pub use definitions::{
	polkadot_js_definitions, MethodDoc, ParamDoc, ALIASES, EXTRA_METHODS, METHODS,
};

/// A `u64` parameter (a contribution or receipt id): a JSON number, or a decimal or `0x`-hex string
/// (the answers print such ids as decimal strings; polkadot.js sends large ones as hex).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct U64(#[serde(with = "tributary_primitives::json::string")] pub u64);

/// JSON-RPC error codes of this module.
pub mod codes {
	/// The account parameter is not an SS58 address or a 32-byte hex key.
	pub const INVALID_ACCOUNT: i32 = 9001;
	/// No receipt, contribution or model has this id.
	pub const NOT_FOUND: i32 = 9002;
	/// The node's runtime does not have the method (an older runtime API version).
	pub const UNSUPPORTED: i32 = 9004;
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 9010;
}

/// The `tributary_*` methods. Names follow the runtime API's (`rewards` ↔ `tributary_rewards`).
#[rpc(client, server)]
pub trait AttributionRpc<BlockHash, AccountId, BlockNumber> {
	/// Rewards of `account` per currency ([`RewardView`]).
	#[method(name = "tributary_rewards", aliases = ["tributary_pendingRewards"])]
	fn rewards(&self, account: String, at: Option<BlockHash>) -> RpcResult<Vec<RewardView>>;

	/// Receipt `id` ([`ReceiptView`]).
	#[method(name = "tributary_receipt")]
	fn receipt(
		&self,
		id: U64,
		at: Option<BlockHash>,
	) -> RpcResult<ReceiptView<AccountId, BlockNumber>>;

	/// Earnings of contribution `id` per currency ([`ContributionEarning`]).
	#[method(name = "tributary_contributionEarnings")]
	fn contribution_earnings(
		&self,
		id: U64,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ContributionEarning>>;

	/// Model `id` with its usage ([`ModelView`]).
	#[method(name = "tributary_model", aliases = ["tributary_modelUsage"])]
	fn model(&self, id: ModelId, at: Option<BlockHash>) -> RpcResult<ModelView<AccountId>>;

	/// One page of the contributions model `model` may attribute to ([`TrainingSetPage`]):
	/// contribution ids from `from` (default 0) over at most `limit` ids (default and maximum
	/// [`MAX_TRAINING_SET_PAGE`]).
	#[method(name = "tributary_trainingSet")]
	fn training_set(
		&self,
		model: ModelId,
		from: Option<U64>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<TrainingSetPage>;
}

/// Implements [`AttributionRpcServer`] over a client.
pub struct Attribution<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Attribution<C, B> {
	/// Answers from `client`. Accounts are printed with the process's default SS58 prefix
	/// (`sp_core::crypto::set_default_ss58_version`, which the node sets to the chain's).
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// Parses an SS58 address (any prefix) or a 0x-hex 32-byte public key.
pub fn parse_account(s: &str) -> Result<AccountId32, ErrorObjectOwned> {
	let bad = |why: String| {
		ErrorObject::owned(
			codes::INVALID_ACCOUNT,
			format!(
				"invalid account {s:?}: {why}; expected an SS58 address or a 0x-prefixed \
				 32-byte hex public key"
			),
			None::<()>,
		)
	};
	if let Some(hex) = s.strip_prefix("0x") {
		let bytes = sp_core::bytes::from_hex(hex).map_err(|e| bad(format!("{e}")))?;
		let raw: [u8; 32] =
			bytes.try_into().map_err(|b: Vec<u8>| bad(format!("{} bytes, not 32", b.len())))?;
		return Ok(AccountId32::new(raw));
	}
	AccountId32::from_ss58check_with_version(s).map(|(a, _)| a).map_err(|e| bad(format!("{e:?}")))
}

fn not_found(what: &str, id: u64) -> ErrorObjectOwned {
	ErrorObject::owned(codes::NOT_FOUND, format!("{what} {id} not found"), None::<()>)
}

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(codes::RUNTIME, format!("the runtime could not answer: {e}"), None::<()>)
}

impl<C, B> Attribution<C, B>
where
	B: BlockT,
	C: HeaderBackend<B>,
{
	fn at(&self, at: Option<B::Hash>) -> B::Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

type BlockNumberOf<B> = <<B as BlockT>::Header as HeaderT>::Number;

impl<C, B> AttributionRpcServer<B::Hash, AccountId32, BlockNumberOf<B>> for Attribution<C, B>
where
	B: BlockT,
	BlockNumberOf<B>: serde::Serialize + serde::de::DeserializeOwned,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<B, AccountId32, BlockNumberOf<B>>,
{
	fn rewards(&self, account: String, at: Option<B::Hash>) -> RpcResult<Vec<RewardView>> {
		let who = parse_account(&account)?;
		self.client.runtime_api().rewards(self.at(at), who).map_err(runtime_error)
	}

	fn receipt(
		&self,
		U64(id): U64,
		at: Option<B::Hash>,
	) -> RpcResult<ReceiptView<AccountId32, BlockNumberOf<B>>> {
		self.client
			.runtime_api()
			.receipt(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("receipt", id))
	}

	fn contribution_earnings(
		&self,
		U64(id): U64,
		at: Option<B::Hash>,
	) -> RpcResult<Vec<ContributionEarning>> {
		self.client
			.runtime_api()
			.contribution_earnings(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("contribution", id))
	}

	fn model(&self, id: ModelId, at: Option<B::Hash>) -> RpcResult<ModelView<AccountId32>> {
		self.client
			.runtime_api()
			.model(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("model", id.into()))
	}

	fn training_set(
		&self,
		model: ModelId,
		from: Option<U64>,
		limit: Option<u32>,
		at: Option<B::Hash>,
	) -> RpcResult<TrainingSetPage> {
		let api = self.client.runtime_api();
		let at = self.at(at);
		let version = api
			.api_version::<dyn AttributionRuntimeApi<B, AccountId32, BlockNumberOf<B>>>(at)
			.map_err(runtime_error)?;
		if version.unwrap_or(0) < 2 {
			return Err(ErrorObject::owned(
				codes::UNSUPPORTED,
				format!("the runtime at {at} has AttributionApi {version:?}; training_set needs 2"),
				None::<()>,
			));
		}
		let from = from.map_or(0, |U64(from)| from);
		api.training_set(at, model, from, limit.unwrap_or(MAX_TRAINING_SET_PAGE))
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("model", model.into()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_parse_from_ss58_of_any_prefix_and_hex() {
		let raw = AccountId32::new([1; 32]);
		assert_eq!(parse_account(&raw.to_ss58check_with_version(42u16.into())).unwrap(), raw);
		assert_eq!(parse_account(&raw.to_ss58check_with_version(7307u16.into())).unwrap(), raw);
		assert_eq!(parse_account(&format!("0x{}", "01".repeat(32))).unwrap(), raw);
	}

	#[test]
	fn ids_are_read_from_numbers_decimal_strings_and_hex() {
		for json in ["7", "\"7\"", "\"0x07\""] {
			assert_eq!(serde_json::from_str::<U64>(json).unwrap(), U64(7), "{json}");
		}
		assert!(serde_json::from_str::<U64>("\"-7\"").is_err());
	}

	#[test]
	fn bad_accounts_say_what_is_wrong() {
		let e = parse_account("not-an-address").unwrap_err();
		assert_eq!(e.code(), codes::INVALID_ACCOUNT);
		assert!(e.message().contains("not-an-address") && e.message().contains("SS58"));
		let e = parse_account("0x0102").unwrap_err();
		assert!(e.message().contains("2 bytes, not 32"), "{}", e.message());
	}
}
