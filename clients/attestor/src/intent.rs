//! Inference intents, signed the way pallet-attribution checks them: a consumer consents to one
//! bill by signing [`DOMAIN`] followed by the SCALE encoding of an [`Intent`] (docs/consent.md
//! gives the layout byte by byte). The attestor's tests sign with it; the chain's side is
//! `pallet_attribution::intents`, and both check the same example bytes.

use codec::Encode;
use subxt_signer::sr25519::{self, Keypair};

/// Prefix of every signed intent.
pub const DOMAIN: &[u8] = b"tributary/intent/v1";

/// What a consumer signs to allow one inference (the runtime's block number is `u32`).
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
pub struct Intent {
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	/// Who pays: the signer's account id.
	pub consumer: [u8; 32],
	/// The provider allowed to bill it.
	pub provider: [u8; 32],
	/// The model to run.
	pub model: u32,
	/// The consumer's identifier of the request: each is billed once.
	pub request_id: u64,
	/// The most units the consumer pays for.
	pub max_units: u32,
	/// The highest price per unit it accepts.
	pub max_price: u128,
	/// The last block in which a report of it may land.
	pub expires: u32,
}

impl Intent {
	/// The bytes a consumer signs: [`DOMAIN`] ++ SCALE(intent).
	pub fn signing_payload(&self) -> Vec<u8> {
		let mut bytes = DOMAIN.to_vec();
		self.encode_to(&mut bytes);
		bytes
	}

	/// The consumer's sr25519 signature of it (`MultiSignature::Sr25519` on chain).
	pub fn sign(&self, consumer: &Keypair) -> sr25519::Signature {
		consumer.sign(&self.signing_payload())
	}

	/// Whether `signature` is the consumer's sr25519 signature of it.
	pub fn is_signed(&self, signature: &sr25519::Signature) -> bool {
		sr25519::verify(signature, self.signing_payload(), &sr25519::PublicKey(self.consumer))
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use subxt_signer::sr25519::dev;

	use super::*;

	fn example() -> Intent {
		Intent {
			genesis: [7; 32],
			consumer: [1; 32],
			provider: [5; 32],
			model: 3,
			request_id: 42,
			max_units: 100,
			max_price: 1_000,
			expires: 50,
		}
	}

	#[test]
	fn the_signed_bytes_of_the_documented_example() {
		// The same hex as pallet-attribution's and the JS package's tests.
		assert_eq!(
			hex::encode(example().signing_payload()),
			concat!(
				"7472696275746172792f696e74656e742f7631",
				"0707070707070707070707070707070707070707070707070707070707070707",
				"0101010101010101010101010101010101010101010101010101010101010101",
				"0505050505050505050505050505050505050505050505050505050505050505",
				"03000000",
				"2a00000000000000",
				"64000000",
				"e8030000000000000000000000000000",
				"32000000",
			)
		);
	}

	#[test]
	fn a_signature_holds_for_its_intent_only() {
		let ferdie = dev::ferdie();
		let intent = Intent { consumer: ferdie.public_key().0, ..example() };
		let signature = intent.sign(&ferdie);
		assert!(intent.is_signed(&signature));
		assert!(!Intent { max_units: 101, ..intent.clone() }.is_signed(&signature));
		assert!(!Intent { consumer: dev::eve().public_key().0, ..intent }.is_signed(&signature));
	}
}
