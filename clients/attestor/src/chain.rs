//! The chain, through subxt: types and calls generated from the runtime's metadata
//! (`metadata/tributary.scale`, written by `tributary-attestor metadata`), the constants the
//! attestor follows, the view of models and their training sets the service needs, reporting,
//! and the metadata itself.

use std::collections::BTreeMap;

use codec::Decode;
use subxt::{client::OnlineClientAtBlock, utils::AccountId32, OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;

use crate::{
	error::{Error, Result},
	outbox::Entry,
};

#[subxt::subxt(runtime_metadata_path = "metadata/tributary.scale")]
pub mod tributary {}

use tributary::runtime_types::pallet_attribution::types::{InferenceReport, ModelStatus};

/// The client type: Tributary's extrinsics and accounts are Polkadot's (MultiAddress,
/// MultiSignature, the standard transaction extensions).
pub type Client = OnlineClient<PolkadotConfig>;

/// A training contribution: its id and the blake2-256 of its content.
pub type TrainingContribution = (u64, [u8; 32]);

/// The metadata version the attestor's code is generated from.
pub const METADATA_VERSION: u32 = 16;

/// Contribution ids one `AttributionApi_training_set` call scans (the runtime's cap).
pub const TRAINING_SET_PAGE: u32 = 1_000;

/// The chain's constants the attestor follows, read from the runtime's metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Constants {
	/// Most entries in one attribution (`Attribution::MaxAttributionEntries`).
	pub max_attribution_entries: u32,
	/// Most reports in one `report_inferences` (`Attribution::MaxBatchSize`).
	pub max_batch_size: u32,
	/// The SS58 address format accounts are shown in (`System::SS58Prefix`).
	pub ss58_prefix: u16,
}

/// A model as the attestor needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelInfo {
	/// Providers allowed to report its inferences.
	pub providers: Vec<AccountId32>,
	/// Whether it still takes inferences.
	pub active: bool,
	/// The contributions it may attribute to, by id: accepted in one of its datasets at or
	/// before the version it names, and not withdrawn.
	pub training_set: Vec<TrainingContribution>,
}

/// The models and their training sets, at one finalised block.
#[derive(Clone, Debug, Default)]
pub struct ChainView {
	/// The block this view was read at.
	pub block: u64,
	/// Models by id.
	pub models: BTreeMap<u32, ModelInfo>,
}

impl ChainView {
	/// The training set of `model`, if it exists.
	pub fn training_set(&self, model: u32) -> Option<&[TrainingContribution]> {
		self.models.get(&model).map(|m| m.training_set.as_slice())
	}

	/// How many distinct contributions the models are trained on.
	pub fn training_contributions(&self) -> usize {
		let mut ids: Vec<u64> =
			self.models.values().flat_map(|m| m.training_set.iter().map(|(id, _)| *id)).collect();
		ids.sort_unstable();
		ids.dedup();
		ids.len()
	}

	/// Whether content with hash `h` is a training contribution of some model.
	pub fn is_training_content(&self, h: &[u8; 32]) -> bool {
		self.models.values().any(|m| m.training_set.iter().any(|(_, c)| c == h))
	}
}

/// What the attestor asked the node for when subxt failed, and why: a runtime that does not
/// match the generated code is a [`Error::MetadataMismatch`], anything else [`Error::Node`].
pub(crate) fn failed<E: Into<subxt::Error>>(
	doing: impl std::fmt::Display,
) -> impl FnOnce(E) -> Error {
	let doing = doing.to_string();
	move |e| {
		let e = e.into();
		if let Some(what) = mismatch(&e) {
			return Error::MetadataMismatch(what);
		}
		Error::Node { doing, reason: e.to_string() }
	}
}

/// Whether `e` says the runtime differs from the generated code, and what differs.
fn mismatch(e: &subxt::Error) -> Option<String> {
	use subxt::error::{
		ConstantError, ExtrinsicError, RuntimeApiError, StorageError, ViewFunctionError,
	};
	let differs = matches!(
		e,
		subxt::Error::StorageError(
			StorageError::IncompatibleCodegen
				| StorageError::PalletNameNotFound(_)
				| StorageError::StorageEntryNotFound { .. },
		) | subxt::Error::ConstantError(
			ConstantError::IncompatibleCodegen
				| ConstantError::PalletNameNotFound(_)
				| ConstantError::ConstantNameNotFound { .. },
		) | subxt::Error::RuntimeApiError(
			RuntimeApiError::IncompatibleCodegen
				| RuntimeApiError::TraitNotFound(_)
				| RuntimeApiError::MethodNotFound { .. },
		) | subxt::Error::ExtrinsicError(
			ExtrinsicError::IncompatibleCodegen
				| ExtrinsicError::PalletNameNotFound(_)
				| ExtrinsicError::CallNameNotFound { .. },
		) | subxt::Error::ViewFunctionError(ViewFunctionError::IncompatibleCodegen)
	);
	differs.then(|| e.to_string())
}

/// `account` in the SS58 format `prefix` (the chain's `System::SS58Prefix`).
pub fn ss58(account: &AccountId32, prefix: u16) -> String {
	// The prefix takes one byte below 64, else two (the 14 bits spread as sp-core does).
	let mut bytes = match prefix {
		0..=63 => vec![prefix.to_le_bytes()[0]],
		_ => {
			let [low, high] = (prefix & 0x3fff).to_le_bytes();
			vec![((low & 0b1111_1100) >> 2) | 0b0100_0000, high | ((low & 0b0000_0011) << 6)]
		},
	};
	bytes.extend_from_slice(&account.0);
	let checksum = sp_crypto_hashing::blake2_512(&[b"SS58PRE".as_slice(), &bytes].concat());
	bytes.extend(checksum.iter().take(2));
	bs58::encode(bytes).into_string()
}

/// An account as SS58 (any prefix) or `0x` + 64 hex digits.
pub fn parse_account(s: &str) -> Option<[u8; 32]> {
	crate::content::parse_hash(s).or_else(|| s.parse::<AccountId32>().ok().map(|a| a.0))
}

/// Connects to a node (`ws://` is allowed: providers usually run next to their node).
pub async fn connect(url: &str) -> Result<Client> {
	Client::from_insecure_url(url)
		.await
		.map_err(|e| Error::NodeUnreachable { url: url.to_string(), reason: e.to_string() })
}

/// A client at finalised block `number`, or at the finalised head.
async fn at(client: &Client, number: Option<u64>) -> Result<OnlineClientAtBlock<PolkadotConfig>> {
	match number {
		Some(n) => client.at_block(n).await.map_err(failed(format!("open block #{n}"))),
		None => client.at_current_block().await.map_err(failed("open the finalised head")),
	}
}

/// The chain's constants, from the metadata at block `number` (or at the finalised head).
pub async fn constants(client: &Client, number: Option<u64>) -> Result<Constants> {
	let at = at(client, number).await?;
	let constants = at.constants();
	Ok(Constants {
		max_attribution_entries: constants
			.entry(tributary::constants().attribution().max_attribution_entries())
			.map_err(failed("read Attribution::MaxAttributionEntries"))?,
		max_batch_size: constants
			.entry(tributary::constants().attribution().max_batch_size())
			.map_err(failed("read Attribution::MaxBatchSize"))?,
		ss58_prefix: constants
			.entry(tributary::constants().system().ss58_prefix())
			.map_err(failed("read System::SS58Prefix"))?,
	})
}

/// Reads the view at the current finalised block, or at block `number`: every model below
/// `Attribution::NextModelId`, from the runtime's `AttributionApi_model`, with its training set.
pub async fn read_view(client: &Client, number: Option<u64>) -> Result<ChainView> {
	let at = at(client, number).await?;
	let mut view = ChainView { block: at.block_number(), ..Default::default() };
	let doing = "read Attribution::NextModelId";
	let next_model = at
		.storage()
		.entry(tributary::storage().attribution().next_model_id())
		.map_err(failed(doing))?
		.try_fetch(())
		.await
		.map_err(failed(doing))?
		.map(|v| v.decode())
		.transpose()
		.map_err(failed(doing))?
		.unwrap_or(0);
	for id in 0..next_model {
		let doing = || format!("read model {id}");
		let payload = tributary::runtime_apis().attribution_api().model(id);
		let Some(m) = at.runtime_apis().call(payload).await.map_err(failed(doing()))? else {
			continue;
		};
		let training_set = training_set_at(&at, id).await?.unwrap_or_default();
		view.models.insert(
			id,
			ModelInfo {
				providers: m.model.providers,
				active: matches!(m.model.status, ModelStatus::Active),
				training_set,
			},
		);
	}
	Ok(view)
}

/// The training set of `model` at block `number` (or at the finalised head); `None` if there
/// is no such model.
pub async fn training_set(
	client: &Client,
	number: Option<u64>,
	model: u32,
) -> Result<Option<Vec<TrainingContribution>>> {
	training_set_at(&at(client, number).await?, model).await
}

/// Pages through `AttributionApi_training_set(model, from, TRAINING_SET_PAGE)`: the chain's own
/// rule for what `model` may attribute to, [`TRAINING_SET_PAGE`] contribution ids at a time.
async fn training_set_at(
	at: &OnlineClientAtBlock<PolkadotConfig>,
	model: u32,
) -> Result<Option<Vec<TrainingContribution>>> {
	let doing = || format!("read the training set of model {model}");
	let mut set = Vec::new();
	let mut from = 0;
	loop {
		let payload = tributary::runtime_apis().attribution_api().training_set(
			model,
			from,
			TRAINING_SET_PAGE,
		);
		let Some(page) = at.runtime_apis().call(payload).await.map_err(failed(doing()))? else {
			return Ok(None);
		};
		set.extend(page.contributions.into_iter().map(|c| (c.id, c.content_hash)));
		match page.next {
			None => return Ok(Some(set)),
			Some(next) if next > from => from = next,
			Some(next) => {
				return Err(Error::Node {
					doing: doing(),
					reason: format!("the runtime pages from {from} back to {next}"),
				})
			},
		}
	}
}

/// Whether a finalised block's events touch contributions or models (then the view is re-read).
pub async fn block_changes_view(client: &Client, number: u64) -> Result<bool> {
	let doing = || format!("read the events of block #{number}");
	let at = at(client, Some(number)).await?;
	let events = at.events().fetch().await.map_err(failed(doing()))?;
	for e in events.iter() {
		let e = e.map_err(failed(doing()))?;
		match (e.pallet_name(), e.event_name()) {
			("Datasets", _) => return Ok(true),
			("Attribution", name) if name.starts_with("Model") || name.starts_with("Provider") => {
				return Ok(true)
			},
			_ => {},
		}
	}
	Ok(false)
}

/// Which of `request_ids` the chain already holds a receipt for, from `provider` (all read at
/// the same finalised block).
pub async fn already_reported(
	client: &Client,
	provider: &AccountId32,
	request_ids: &[u64],
) -> Result<Vec<u64>> {
	let doing = "read the processed requests";
	let at = client.at_current_block().await.map_err(failed(doing))?;
	let entry = at
		.storage()
		.entry(tributary::storage().attribution().processed_requests())
		.map_err(failed(doing))?;
	let mut reported = Vec::new();
	for id in request_ids {
		if entry.try_fetch((*provider, *id)).await.map_err(failed(doing))?.is_some() {
			reported.push(*id);
		}
	}
	Ok(reported)
}

/// The name of a dispatch error as the chain spells it (`Attribution.AllowanceExceeded`), with
/// the first line of its documentation.
fn dispatch_error_name(e: &subxt::error::DispatchError) -> String {
	if let subxt::error::DispatchError::Module(m) = e {
		if let Ok(d) = m.details() {
			let name = format!("{}.{}", d.pallet.name(), d.variant.name);
			return match d.variant.docs.first() {
				Some(doc) => format!("{name} ({})", doc.trim()),
				None => name,
			};
		}
	}
	e.to_string()
}

/// Submits `entries` as one signed `report_inferences` and waits until it is finalised.
/// Returns the extrinsic's hash.
pub async fn report(client: &Client, signer: &Keypair, entries: &[Entry]) -> Result<String> {
	use subxt::error::{
		TransactionEventsError, TransactionFinalizedSuccessError, TransactionProgressError,
		TransactionStatusError,
	};
	use tributary::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec, sp_arithmetic::per_things::Perbill,
	};
	let reports = entries
		.iter()
		.map(|e| InferenceReport {
			request_id: e.request_id,
			model: e.model,
			consumer: AccountId32(e.consumer),
			units: e.units,
			output_hash: e.output_hash,
			attribution: BoundedVec(
				e.attribution.iter().map(|(c, parts)| (*c, Perbill(*parts))).collect(),
			),
		})
		.collect();
	let call = tributary::tx().attribution().report_inferences(BoundedVec(reports));
	let doing = "take the report";
	let at = client.at_current_block().await.map_err(failed(doing))?;
	let progress = at
		.transactions()
		.sign_and_submit_then_watch_default(&call, signer)
		.await
		.map_err(failed(doing))?;
	match progress.wait_for_finalized_success().await {
		Ok(events) => Ok(format!("{:?}", events.extrinsic_hash())),
		Err(TransactionFinalizedSuccessError::SuccessError(
			TransactionEventsError::ExtrinsicFailed(e),
		)) => Err(Error::ReportRefused(dispatch_error_name(&e))),
		Err(TransactionFinalizedSuccessError::FinalizationError(
			TransactionProgressError::TransactionStatusError(
				TransactionStatusError::Invalid(why)
				| TransactionStatusError::Dropped(why)
				| TransactionStatusError::Error(why),
			),
		)) => Err(Error::ReportNotIncluded(why)),
		Err(e) => Err(failed("finalise the report")(e)),
	}
}

/// A receipt, as `verify` needs it.
#[derive(Clone, Debug)]
pub struct ReceiptInfo {
	/// The model used.
	pub model: u32,
	/// blake2-256 of the output.
	pub output_hash: [u8; 32],
	/// `(contribution, parts per billion)` as settled.
	pub attribution: Vec<(u64, u32)>,
	/// The block it was settled in.
	pub block: u64,
}

/// Receipt `id` at the finalised head, from the runtime's `AttributionApi_receipt`.
pub async fn receipt(client: &Client, id: u64) -> Result<Option<ReceiptInfo>> {
	let doing = format!("read receipt {id}");
	let at = at(client, None).await?;
	let payload = tributary::runtime_apis().attribution_api().receipt(id);
	let Some(r) = at.runtime_apis().call(payload).await.map_err(failed(&doing))? else {
		return Ok(None);
	};
	let r = r.receipt;
	Ok(Some(ReceiptInfo {
		model: r.model,
		output_hash: r.output_hash,
		attribution: r.attribution.into_iter().map(|(c, p)| (c, p.0)).collect(),
		block: r.block.into(),
	}))
}

/// The node's runtime metadata in version [`METADATA_VERSION`], as the bytes subxt generates
/// code from (`Metadata_metadata_at_version` answers an `Option<OpaqueMetadata>`).
pub async fn fetch_metadata(client: &Client) -> Result<Vec<u8>> {
	use codec::Encode;
	let doing = "hand out its metadata";
	let at = client.at_current_block().await.map_err(failed(doing))?;
	let answer = at
		.runtime_apis()
		.call_raw("Metadata_metadata_at_version", Some(&METADATA_VERSION.encode()))
		.await
		.map_err(failed(doing))?;
	let metadata = Option::<Vec<u8>>::decode(&mut answer.as_slice())
		.map_err(|e| Error::Node { doing: doing.into(), reason: e.to_string() })?
		.ok_or(Error::MetadataVersionMissing(METADATA_VERSION))?;
	// `RuntimeMetadataPrefixed`: the magic "meta", then the version.
	match metadata.get(..5) {
		Some([b'm', b'e', b't', b'a', v]) if u32::from(*v) == METADATA_VERSION => Ok(metadata),
		_ => Err(Error::MetadataVersionMissing(METADATA_VERSION)),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ss58_matches_substrate_and_round_trips_in_two_byte_formats() {
		let alice = AccountId32(subxt_signer::sr25519::dev::alice().public_key().0);
		// Prefix 42: what subxt (and sp-core) print.
		assert_eq!(ss58(&alice, 42), alice.to_string());
		assert_eq!(ss58(&alice, 42), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		// Two-byte prefixes (Tributary's 7307) parse back, checksum and all.
		for prefix in [64, 7307, 16_383] {
			let address = ss58(&alice, prefix);
			assert_eq!(address.parse::<AccountId32>().ok(), Some(alice), "{address}");
			assert_eq!(parse_account(&address), Some(alice.0));
		}
		assert_eq!(parse_account("nobody"), None);
	}
}
