//! Consumer-signed inference intents: the consent a bill will carry (issue #13).
//!
//! A consumer consents to a bill by signing an [`InferenceIntent`]: which chain, which provider
//! may bill it for which model, the consumer's own request id, the most units and the highest
//! price per unit it accepts, and the last block a report of it may land in. Any scheme an
//! account can hold signs it (`MultiSignature`: sr25519, ed25519, ecdsa); the signed bytes are
//! [`INTENT_DOMAIN`] followed by the SCALE encoding of the intent, so that no signature over an
//! intent means anything else (a transaction, another chain's intent).
//!
//! [`InferenceIntent::check`] is the whole verification a report's intent passes, each refusal
//! its own [`IntentRefusal`]; what remains for the pallet is the consumer's replay protection
//! (each request id used once while the intent lives) and the allowance.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{IdentifyAccount, Verify};

use crate::types::{Balance, Hash256, ModelId, RequestId};

/// Prefix of every signed intent.
pub const INTENT_DOMAIN: &[u8] = b"tributary/intent/v1";

/// What a consumer signs to allow one inference.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct InferenceIntent<AccountId, BlockNumber> {
	/// The chain's genesis hash: an intent for another chain is refused.
	pub genesis: Hash256,
	/// Who pays: the signer.
	pub consumer: AccountId,
	/// The provider allowed to bill it.
	pub provider: AccountId,
	/// The model to run.
	pub model: ModelId,
	/// The consumer's identifier of the request: each is billed once.
	pub request_id: RequestId,
	/// The most units the consumer pays for.
	pub max_units: u32,
	/// The highest price per unit it accepts (a price raised later does not apply).
	pub max_price: Balance,
	/// The last block in which a report of it may land.
	pub expires: BlockNumber,
}

/// Why an intent does not allow a report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntentRefusal {
	/// The signature is not the consumer's over this intent.
	BadSignature,
	/// The intent is for another chain.
	WrongChain,
	/// The intent is for another provider.
	WrongProvider,
	/// The intent is for another model.
	WrongModel,
	/// The intent's last block has passed.
	Expired,
	/// The intent lives longer than the chain's maximum lifetime.
	LifetimeTooLong,
	/// The report bills more units than the intent allows.
	UnitsAboveIntent,
	/// The model's price is above the intent's highest price.
	PriceAboveIntent,
}

/// What a report of an intent is checked against.
pub struct IntentContext<'a, AccountId, BlockNumber> {
	/// This chain's genesis hash.
	pub genesis: &'a Hash256,
	/// The provider reporting.
	pub provider: &'a AccountId,
	/// The model reported.
	pub model: ModelId,
	/// The model's price per unit now.
	pub price: Balance,
	/// The units billed.
	pub units: u32,
	/// The block the report lands in.
	pub now: BlockNumber,
	/// The longest an intent may live, from `now`.
	pub max_lifetime: BlockNumber,
}

impl<AccountId, BlockNumber> InferenceIntent<AccountId, BlockNumber>
where
	AccountId: Encode + PartialEq,
	BlockNumber: Encode + PartialOrd + sp_runtime::traits::Saturating + Copy,
{
	/// The bytes a consumer signs: [`INTENT_DOMAIN`] ++ SCALE(intent).
	pub fn signing_payload(&self) -> alloc::vec::Vec<u8> {
		let mut bytes = INTENT_DOMAIN.to_vec();
		self.encode_to(&mut bytes);
		bytes
	}

	/// Whether the intent allows the report described by `cx`, with `signature` its
	/// consumer's. The cheap checks go first: a forged intent costs its verification only when
	/// everything else holds.
	pub fn check<S>(
		&self,
		signature: &S,
		cx: &IntentContext<'_, AccountId, BlockNumber>,
	) -> Result<(), IntentRefusal>
	where
		S: Verify,
		S::Signer: IdentifyAccount<AccountId = AccountId>,
	{
		use IntentRefusal::*;
		let refuse = |holds: bool, why| if holds { Ok(()) } else { Err(why) };
		refuse(self.genesis == *cx.genesis, WrongChain)?;
		refuse(self.provider == *cx.provider, WrongProvider)?;
		refuse(self.model == cx.model, WrongModel)?;
		refuse(self.expires >= cx.now, Expired)?;
		refuse(self.expires <= cx.now.saturating_add(cx.max_lifetime), LifetimeTooLong)?;
		refuse(cx.units <= self.max_units, UnitsAboveIntent)?;
		refuse(cx.price <= self.max_price, PriceAboveIntent)?;
		refuse(signature.verify(&self.signing_payload()[..], &self.consumer), BadSignature)
	}
}

#[cfg(test)]
mod tests {
	use sp_core::{ecdsa, ed25519, sr25519, Pair};
	use sp_runtime::{AccountId32, MultiSignature, MultiSigner};

	use super::*;

	type Intent = InferenceIntent<AccountId32, u64>;

	const GENESIS: Hash256 = [7; 32];

	fn provider() -> AccountId32 {
		AccountId32::new([5; 32])
	}

	/// The tests' intent, in any block number type (the runtime's is u32).
	fn intent<BlockNumber: From<u8>>(
		consumer: AccountId32,
	) -> InferenceIntent<AccountId32, BlockNumber> {
		InferenceIntent {
			genesis: GENESIS,
			consumer,
			provider: provider(),
			model: 3,
			request_id: 42,
			max_units: 100,
			max_price: 1_000,
			expires: 50.into(),
		}
	}

	fn context(provider: &AccountId32) -> IntentContext<'_, AccountId32, u64> {
		IntentContext {
			genesis: &GENESIS,
			provider,
			model: 3,
			price: 1_000,
			units: 100,
			now: 10,
			max_lifetime: 40,
		}
	}

	/// An intent of each scheme's consumer, and its signature.
	fn signed() -> Vec<(Intent, MultiSignature)> {
		fn sign<P: Pair>(pair: P) -> (Intent, MultiSignature)
		where
			P::Public: Into<MultiSigner>,
			P::Signature: Into<MultiSignature>,
		{
			let consumer = Into::<MultiSigner>::into(pair.public()).into_account();
			let i = intent(consumer);
			let signature = pair.sign(&i.signing_payload()).into();
			(i, signature)
		}
		vec![
			sign(sr25519::Pair::from_string("//Ferdie", None).expect("a dev key")),
			sign(ed25519::Pair::from_string("//Ferdie", None).expect("a dev key")),
			sign(ecdsa::Pair::from_string("//Ferdie", None).expect("a dev key")),
		]
	}

	#[test]
	fn the_signed_bytes_are_the_domain_then_the_scale_encoding() {
		let i = intent::<u64>(AccountId32::new([1; 32]));
		let payload = i.signing_payload();
		assert_eq!(&payload[..INTENT_DOMAIN.len()], b"tributary/intent/v1");
		// genesis 32 + consumer 32 + provider 32 + model 4 + request id 8 + units 4 + price 16
		// + expires (here u64) 8.
		assert_eq!(payload.len(), INTENT_DOMAIN.len() + 32 + 32 + 32 + 4 + 8 + 4 + 16 + 8);
		assert_eq!(&payload[INTENT_DOMAIN.len()..][..32], &GENESIS);
		assert_eq!(&payload[payload.len() - 8..], &50u64.to_le_bytes());
	}

	/// The bytes of docs/consent.md's example, which the attestor's and the JS package's
	/// helpers produce too (their tests check the same hex): the runtime's block number is u32.
	#[test]
	fn the_signed_bytes_of_the_documented_example() {
		let example = intent::<u32>(AccountId32::new([1; 32]));
		assert_eq!(
			sp_core::hexdisplay::HexDisplay::from(&example.signing_payload()).to_string(),
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
	fn every_scheme_an_account_can_hold_signs_an_intent() {
		let p = provider();
		for (i, signature) in signed() {
			assert_eq!(i.check(&signature, &context(&p)), Ok(()), "{signature:?}");
		}
	}

	#[test]
	fn each_refusal_is_its_own() {
		use IntentRefusal::*;
		let p = provider();
		let other = AccountId32::new([6; 32]);
		for (i, signature) in signed() {
			let cx = context(&p);
			let refused =
				|cx: IntentContext<'_, AccountId32, u64>, i: &Intent| i.check(&signature, &cx);
			assert_eq!(
				refused(IntentContext { genesis: &[8; 32], ..context(&p) }, &i),
				Err(WrongChain)
			);
			assert_eq!(
				refused(IntentContext { provider: &other, ..context(&p) }, &i),
				Err(WrongProvider)
			);
			assert_eq!(refused(IntentContext { model: 4, ..context(&p) }, &i), Err(WrongModel));
			assert_eq!(refused(IntentContext { now: 51, ..context(&p) }, &i), Err(Expired));
			assert_eq!(
				refused(IntentContext { now: 50, ..context(&p) }, &i),
				Ok(()),
				"its last block"
			);
			assert_eq!(
				refused(IntentContext { max_lifetime: 39, ..context(&p) }, &i),
				Err(LifetimeTooLong)
			);
			assert_eq!(
				refused(IntentContext { units: 101, ..context(&p) }, &i),
				Err(UnitsAboveIntent)
			);
			// A price raised after the intent never applies to it.
			assert_eq!(
				refused(IntentContext { price: 1_001, ..context(&p) }, &i),
				Err(PriceAboveIntent)
			);
			// Any change of what was signed breaks the signature; so does another signer.
			let raised = Intent { max_units: 101, ..i.clone() };
			assert_eq!(refused(IntentContext { units: 101, ..cx }, &raised), Err(BadSignature));
			let impostor = Intent { consumer: other.clone(), ..i.clone() };
			assert_eq!(refused(context(&p), &impostor), Err(BadSignature));
		}
	}

	#[test]
	fn a_signature_of_another_scheme_or_over_the_bare_encoding_is_refused() {
		let p = provider();
		let signed = signed();
		let (sr, ed) = (&signed[0], &signed[1]);
		// ed25519's signature over the same bytes, claimed for the sr25519 consumer.
		assert_eq!(sr.0.check(&ed.1, &context(&p)), Err(IntentRefusal::BadSignature));
		// A signature without the domain tag means something else.
		let pair = sr25519::Pair::from_string("//Ferdie", None).expect("a dev key");
		let bare: MultiSignature = pair.sign(&sr.0.encode()).into();
		assert_eq!(sr.0.check(&bare, &context(&p)), Err(IntentRefusal::BadSignature));
	}
}
