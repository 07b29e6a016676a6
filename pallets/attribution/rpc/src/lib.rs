//! `tributary_*` JSON-RPC methods over [`AttributionApi`]. Balances are decimal strings (they do
//! not fit JavaScript numbers); accounts are SS58 addresses (any prefix) or 0x-hex public keys;
//! a bad account or an unknown id is a JSON-RPC error that says what was wrong.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};
pub use tributary_attribution_runtime_api::AttributionApi as AttributionRuntimeApi;
use tributary_attribution_runtime_api::{AssetKind, Balance, ContributionId, ModelId, ReceiptId};

/// JSON-RPC error codes of this module.
pub mod codes {
	/// The account parameter is not an SS58 address or a 32-byte hex key.
	pub const INVALID_ACCOUNT: i32 = 9001;
	/// No receipt, contribution or model has this id.
	pub const NOT_FOUND: i32 = 9002;
	/// The currency parameter is not `"native"` or an asset id.
	pub const INVALID_CURRENCY: i32 = 9003;
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 9010;
}

/// A currency in JSON: `"native"` or `{"asset": <id>}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CurrencyJson {
	/// `"native"`.
	Native(String),
	/// `{"asset": 7}`.
	Asset {
		/// The asset id.
		asset: u32,
	},
}

impl From<&AssetKind> for CurrencyJson {
	fn from(k: &AssetKind) -> Self {
		match k {
			AssetKind::Native => CurrencyJson::Native("native".into()),
			AssetKind::WithId(id) => CurrencyJson::Asset { asset: *id },
		}
	}
}

impl TryFrom<CurrencyJson> for AssetKind {
	type Error = ErrorObjectOwned;
	fn try_from(c: CurrencyJson) -> Result<Self, Self::Error> {
		match c {
			CurrencyJson::Native(s) if s == "native" => Ok(AssetKind::Native),
			CurrencyJson::Asset { asset } => Ok(AssetKind::WithId(asset)),
			CurrencyJson::Native(s) => Err(ErrorObject::owned(
				codes::INVALID_CURRENCY,
				format!("invalid currency {s:?}: expected \"native\" or {{\"asset\": <id>}}"),
				None::<()>,
			)),
		}
	}
}

/// An account's rewards in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardsJson {
	/// The currency.
	pub currency: CurrencyJson,
	/// Owed and pending together: what a claim (settling the pending contributions) pays.
	pub claimable: String,
	/// Credited, not yet claimed.
	pub owed: String,
	/// In dataset reward pools, not yet settled.
	pub pending_pooled: String,
	/// Credited so far.
	pub earned: String,
	/// Paid out so far.
	pub claimed: String,
	/// The contributions a claim should settle to collect `pendingPooled`.
	pub settle: Vec<ContributionId>,
}

/// An attribution entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributionJson {
	/// The contribution.
	pub contribution: ContributionId,
	/// Its share of the contributors' part, in parts per billion.
	pub share_ppb: u32,
}

/// A receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptJson {
	/// Its id.
	pub id: ReceiptId,
	/// SS58 address of the provider.
	pub provider: String,
	/// The provider's request id.
	pub request_id: u64,
	/// The model.
	pub model: ModelId,
	/// SS58 address of the consumer.
	pub consumer: String,
	/// Units of inference.
	pub units: u32,
	/// 0x-hex hash of the output.
	pub output_hash: String,
	/// The fee.
	pub fee: String,
	/// Its currency.
	pub currency: CurrencyJson,
	/// The attribution.
	pub attribution: Vec<AttributionJson>,
	/// The block it was settled in.
	pub block: u64,
}

/// A contribution's earnings in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EarningJson {
	/// The currency.
	pub currency: CurrencyJson,
	/// Credited to its contributor.
	pub earned: String,
	/// In its dataset's pool, not yet settled.
	pub pending: String,
}

/// A model's usage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelUsageJson {
	/// The model.
	pub model: ModelId,
	/// SS58 address of its owner.
	pub owner: String,
	/// Price per unit.
	pub price: String,
	/// Currency of the price.
	pub currency: CurrencyJson,
	/// Whether inferences can be reported.
	pub active: bool,
	/// `[dataset, version]` pairs it was trained on.
	pub trained_on: Vec<(u32, u32)>,
	/// Reported inferences.
	pub inferences: u64,
	/// Units of inference.
	pub units: u64,
	/// Fees paid.
	pub fees: String,
}

/// The `tributary_*` methods.
#[rpc(client, server)]
pub trait AttributionRpc<BlockHash> {
	/// Rewards of `account` per currency.
	#[method(name = "tributary_pendingRewards")]
	fn pending_rewards(
		&self,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RewardsJson>>;

	/// Receipt `id`.
	#[method(name = "tributary_receipt")]
	fn receipt(&self, id: ReceiptId, at: Option<BlockHash>) -> RpcResult<ReceiptJson>;

	/// Earnings of contribution `id` per currency.
	#[method(name = "tributary_contributionEarnings")]
	fn contribution_earnings(
		&self,
		id: ContributionId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<EarningJson>>;

	/// Usage of model `id`.
	#[method(name = "tributary_modelUsage")]
	fn model_usage(&self, id: ModelId, at: Option<BlockHash>) -> RpcResult<ModelUsageJson>;
}

/// Implements [`AttributionRpcServer`] over a client.
pub struct Attribution<C, B> {
	client: Arc<C>,
	ss58: u16,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Attribution<C, B> {
	/// Answers from `client`, printing addresses with prefix `ss58`.
	pub fn new(client: Arc<C>, ss58: u16) -> Self {
		Self { client, ss58, _block: Default::default() }
	}
}

/// Parses an SS58 address (any prefix) or a 0x-hex 32-byte public key.
pub fn parse_account(s: &str) -> Result<AccountId32, ErrorObjectOwned> {
	let bad = |why: String| {
		ErrorObject::owned(
			codes::INVALID_ACCOUNT,
			format!("invalid account {s:?}: {why}; expected an SS58 address or a 0x-prefixed 32-byte hex public key"),
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

fn amount(b: Balance) -> String {
	b.to_string()
}

impl<C, B> Attribution<C, B>
where
	B: BlockT,
	C: HeaderBackend<B>,
{
	fn at(&self, at: Option<B::Hash>) -> B::Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}

	fn address(&self, who: &AccountId32) -> String {
		who.to_ss58check_with_version(self.ss58.into())
	}
}

impl<C, B> AttributionRpcServer<B::Hash> for Attribution<C, B>
where
	B: BlockT,
	<B::Header as HeaderT>::Number: Into<u64>,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<B, AccountId32, <B::Header as HeaderT>::Number>,
{
	fn pending_rewards(&self, account: String, at: Option<B::Hash>) -> RpcResult<Vec<RewardsJson>> {
		let who = parse_account(&account)?;
		let at = self.at(at);
		let views = self.client.runtime_api().rewards(at, who).map_err(runtime_error)?;
		Ok(views
			.into_iter()
			.map(|v| RewardsJson {
				currency: (&v.currency).into(),
				claimable: amount(v.owed.saturating_add(v.pending_pooled)),
				owed: amount(v.owed),
				pending_pooled: amount(v.pending_pooled),
				earned: amount(v.earned),
				claimed: amount(v.claimed),
				settle: v.settle,
			})
			.collect())
	}

	fn receipt(&self, id: ReceiptId, at: Option<B::Hash>) -> RpcResult<ReceiptJson> {
		let r = self
			.client
			.runtime_api()
			.receipt(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("receipt", id))?;
		Ok(ReceiptJson {
			id: r.id,
			provider: self.address(&r.provider),
			request_id: r.request_id,
			model: r.model,
			consumer: self.address(&r.consumer),
			units: r.units,
			output_hash: format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&r.output_hash)),
			fee: amount(r.fee),
			currency: (&r.currency).into(),
			attribution: r
				.attribution
				.into_iter()
				.map(|(contribution, share)| AttributionJson {
					contribution,
					share_ppb: share.deconstruct(),
				})
				.collect(),
			block: r.block.into(),
		})
	}

	fn contribution_earnings(
		&self,
		id: ContributionId,
		at: Option<B::Hash>,
	) -> RpcResult<Vec<EarningJson>> {
		let earnings = self
			.client
			.runtime_api()
			.contribution_earnings(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("contribution", id))?;
		Ok(earnings
			.into_iter()
			.map(|e| EarningJson {
				currency: (&e.currency).into(),
				earned: amount(e.earned),
				pending: amount(e.pending),
			})
			.collect())
	}

	fn model_usage(&self, id: ModelId, at: Option<B::Hash>) -> RpcResult<ModelUsageJson> {
		let m = self
			.client
			.runtime_api()
			.model(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found("model", id.into()))?;
		Ok(ModelUsageJson {
			model: id,
			owner: self.address(&m.owner),
			price: amount(m.price),
			currency: (&m.currency).into(),
			active: m.active,
			trained_on: m.trained_on,
			inferences: m.inferences,
			units: m.units,
			fees: amount(m.fees),
		})
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
	fn bad_accounts_say_what_is_wrong() {
		let e = parse_account("not-an-address").unwrap_err();
		assert_eq!(e.code(), codes::INVALID_ACCOUNT);
		assert!(e.message().contains("not-an-address") && e.message().contains("SS58"));
		let e = parse_account("0x0102").unwrap_err();
		assert!(e.message().contains("2 bytes, not 32"), "{}", e.message());
	}

	#[test]
	fn currencies_round_trip_through_json() {
		let native: CurrencyJson = serde_json::from_str("\"native\"").unwrap();
		assert_eq!(AssetKind::try_from(native).unwrap(), AssetKind::Native);
		let usd: CurrencyJson = serde_json::from_str("{\"asset\":7}").unwrap();
		assert_eq!(AssetKind::try_from(usd).unwrap(), AssetKind::WithId(7));
		let bad: CurrencyJson = serde_json::from_str("\"dollars\"").unwrap();
		assert_eq!(AssetKind::try_from(bad).unwrap_err().code(), codes::INVALID_CURRENCY);
		assert_eq!(
			serde_json::to_string(&CurrencyJson::from(&AssetKind::WithId(3))).unwrap(),
			"{\"asset\":3}"
		);
	}
}
