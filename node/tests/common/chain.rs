//! Real signed extrinsics against the running node: built with the runtime's own types, signed
//! with the dev keyring, submitted with `author_submitExtrinsic`, and followed into a block whose
//! events are decoded with the runtime's event type.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use serde_json::json;
use sp_core::{crypto::AccountId32, Pair, H256};
use sp_io::hashing::{blake2_128, blake2_256, twox_128, twox_64};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, MultiAddress, MultiSignature};
use tributary_runtime::{
	Balance, Nonce, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, TxExtension,
	UncheckedExtrinsic, VERSION,
};

use super::Node;

pub type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;
pub type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

pub fn hex(b: &[u8]) -> String {
	format!("0x{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>())
}

pub fn unhex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// Storage key of a plain value.
pub fn value_key(pallet: &str, item: &str) -> Vec<u8> {
	let mut k = twox_128(pallet.as_bytes()).to_vec();
	k.extend(twox_128(item.as_bytes()));
	k
}

/// Storage key of a map entry whose key is hashed with Blake2_128Concat.
pub fn blake2_map_key(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	let mut k = value_key(pallet, item);
	k.extend(blake2_128(key));
	k.extend(key);
	k
}

/// Storage key of a map entry whose key is hashed with Twox64Concat.
pub fn twox_map_key(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	let mut k = value_key(pallet, item);
	k.extend(twox_64(key));
	k.extend(key);
	k
}

impl Node {
	/// Reads and decodes a storage entry at the best block.
	pub fn storage<T: Decode>(&self, key: &[u8]) -> Option<T> {
		let v = self.rpc("state_getStorage", json!([hex(key)]));
		v.as_str().map(|s| T::decode(&mut &unhex(s)[..]).expect("storage decodes"))
	}

	/// An account's balances.
	pub fn account(&self, who: &AccountId32) -> AccountInfo {
		self.storage(&blake2_map_key("System", "Account", who.as_ref())).unwrap_or_default()
	}

	fn genesis_hash(&self) -> H256 {
		let h = self.rpc("chain_getBlockHash", json!([0]));
		H256::from_slice(&unhex(h.as_str().expect("genesis hash")))
	}

	/// Signs `call` as `signer` with its next nonce (from the chain, not the pool).
	pub fn sign(&self, signer: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
		let who = signer.to_account_id();
		let nonce = self.account(&who).nonce;
		let genesis = self.genesis_hash();
		let ext: TxExtension = (
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		);
		let payload = SignedPayload::from_raw(
			call.clone(),
			ext.clone(),
			((), VERSION.spec_version, VERSION.transaction_version, genesis, genesis, (), (), ()),
		);
		let signature = payload.using_encoded(|p| signer.pair().sign(p));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(who),
			MultiSignature::Sr25519(signature),
			ext,
		)
	}

	/// Submits a signed extrinsic and waits for the block that includes it; returns its events.
	pub fn submit(&self, signer: Sr25519Keyring, call: RuntimeCall) -> Included {
		let xt = self.sign(signer, call).encode();
		self.submit_raw(&xt)
	}

	/// Submits encoded extrinsic bytes and waits for inclusion.
	pub fn submit_raw(&self, xt: &[u8]) -> Included {
		let from = self.best_number();
		let hash = blake2_256(xt);
		self.try_rpc("author_submitExtrinsic", json!([hex(xt)]))
			.unwrap_or_else(|e| self.fail(&format!("the pool refused the extrinsic: {e}")));
		let start = Instant::now();
		let mut next = from;
		while start.elapsed() < Duration::from_secs(60) {
			let best = self.best_number();
			while next <= best {
				if let Some(found) = self.find_in_block(next, &hash) {
					return found;
				}
				next += 1;
			}
			std::thread::sleep(Duration::from_millis(300));
		}
		self.fail("the extrinsic was not included within 60 s")
	}

	fn find_in_block(&self, number: u64, hash: &[u8; 32]) -> Option<Included> {
		let block_hash = self.rpc("chain_getBlockHash", json!([number]));
		let block = self.rpc("chain_getBlock", json!([block_hash]));
		let xts = block["block"]["extrinsics"].as_array()?.clone();
		let index =
			xts.iter().position(|x| blake2_256(&unhex(x.as_str().unwrap_or_default())) == *hash)?;
		let raw =
			self.rpc("state_getStorage", json!([hex(&value_key("System", "Events")), block_hash]));
		let records: Vec<EventRecord> =
			Decode::decode(&mut &unhex(raw.as_str().unwrap_or("0x00"))[..]).expect("events decode");
		let events = records
			.into_iter()
			.filter(|r| r.phase == frame_system::Phase::ApplyExtrinsic(index as u32))
			.map(|r| r.event)
			.collect();
		Some(Included { block: number, events })
	}
}

/// An extrinsic in a block, with its events.
#[derive(Debug)]
pub struct Included {
	pub block: u64,
	pub events: Vec<RuntimeEvent>,
}

impl Included {
	/// Whether the extrinsic dispatched successfully.
	pub fn succeeded(&self) -> bool {
		self.events.iter().any(|e| {
			matches!(e, RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. }))
		})
	}

	/// Panics with the dispatch error unless the extrinsic succeeded.
	pub fn expect_success(self) -> Self {
		assert!(self.succeeded(), "extrinsic failed in block #{}: {:?}", self.block, self.events);
		self
	}

	/// The result of the call a `sudo` extrinsic dispatched.
	pub fn sudo_result(&self) -> sp_runtime::DispatchResult {
		self.events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(*sudo_result),
				_ => None,
			})
			.unwrap_or_else(|| panic!("no Sudid event in block #{}: {:?}", self.block, self.events))
	}

	/// The dispatch error of a failed extrinsic, if it failed.
	pub fn dispatch_error(&self) -> Option<sp_runtime::DispatchError> {
		self.events.iter().find_map(|e| match e {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => Some(*dispatch_error),
			_ => None,
		})
	}
}
