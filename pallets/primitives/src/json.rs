//! The JSON forms of Tributary's values, shared by every view type the runtime API returns and the
//! `tributary_*` RPC serialises (`#[serde(with = "tributary_primitives::json::…")]`).
//!
//! - Integers wider than 32 bits (balances, contribution, receipt and request ids, counters) are
//!   decimal strings: JSON numbers above 2⁵³ lose precision in every JavaScript client.
//! - 32-byte hashes and byte strings are `0x`-hex.
//! - An attribution is `[["<contribution id>", <parts per billion>], …]`, the form
//!   `report_inferences` accepts.
//!
//! Deserialising accepts what serialising produces (and, for integers, JSON numbers and `0x`-hex
//! strings too).

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};
use sp_runtime::Perbill;

use crate::ContributionId;

/// An integer as a string, or a JSON number when read.
#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
	String(String),
	Number(u64),
}

/// Reads a decimal string, a `0x`-hex string (polkadot.js sends large integers so) or a number.
fn parse<E: serde::de::Error, T: core::str::FromStr>(v: StringOrNumber) -> Result<T, E> {
	let s = match v {
		StringOrNumber::String(s) => s,
		StringOrNumber::Number(n) => n.to_string(),
	};
	let bad = || E::custom(format!("{s:?} is not a non-negative integer"));
	let decimal = match s.strip_prefix("0x") {
		Some(hex) => u128::from_str_radix(hex, 16).map_err(|_| bad())?.to_string(),
		None => s.clone(),
	};
	decimal.parse().map_err(|_| bad())
}

/// A `u64` or `u128` as a decimal string.
pub mod string {
	use super::*;

	/// Serialises `v` as its decimal string.
	pub fn serialize<S: Serializer, T: core::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&v.to_string())
	}

	/// Reads a decimal string (or a JSON number).
	pub fn deserialize<'de, D: Deserializer<'de>, T: core::str::FromStr>(
		d: D,
	) -> Result<T, D::Error> {
		parse::<D::Error, T>(StringOrNumber::deserialize(d)?)
	}
}

/// An optional `u64` as a decimal string or `null`.
pub mod option_string {
	use super::*;

	/// Serialises `Some(v)` as its decimal string, `None` as `null`.
	pub fn serialize<S: Serializer, T: core::fmt::Display>(
		v: &Option<T>,
		s: S,
	) -> Result<S::Ok, S::Error> {
		match v {
			Some(v) => s.serialize_str(&v.to_string()),
			None => s.serialize_none(),
		}
	}

	/// Reads a decimal string, a JSON number or `null`.
	pub fn deserialize<'de, D: Deserializer<'de>, T: core::str::FromStr>(
		d: D,
	) -> Result<Option<T>, D::Error> {
		Option::<StringOrNumber>::deserialize(d)?.map(parse::<D::Error, T>).transpose()
	}
}

/// A list of `u64`s as decimal strings.
pub mod string_list {
	use super::*;

	/// Serialises each element as its decimal string.
	pub fn serialize<S: Serializer, T: core::fmt::Display>(
		v: &[T],
		s: S,
	) -> Result<S::Ok, S::Error> {
		s.collect_seq(v.iter().map(|x| x.to_string()))
	}

	/// Reads a list of decimal strings (or JSON numbers).
	pub fn deserialize<'de, D: Deserializer<'de>, T: core::str::FromStr>(
		d: D,
	) -> Result<Vec<T>, D::Error> {
		Vec::<StringOrNumber>::deserialize(d)?.into_iter().map(parse::<D::Error, T>).collect()
	}
}

/// Bytes (a hash, metadata) as `0x`-hex.
pub mod hex {
	use super::*;

	/// Serialises `v` as `0x` followed by two lower-case hex digits per byte.
	pub fn serialize<S: Serializer, T: AsRef<[u8]>>(v: &T, s: S) -> Result<S::Ok, S::Error> {
		let mut out = String::from("0x");
		for b in v.as_ref() {
			out.push_str(&format!("{b:02x}"));
		}
		s.serialize_str(&out)
	}

	/// Reads `0x`-hex into anything built from bytes (`[u8; 32]`, `Vec<u8>`, a bounded vector).
	pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<Vec<u8>>>(
		d: D,
	) -> Result<T, D::Error> {
		let s = String::deserialize(d)?;
		let digits = s
			.strip_prefix("0x")
			.ok_or_else(|| D::Error::custom(format!("{s:?} is not 0x-prefixed hex")))?;
		let bytes = digits
			.as_bytes()
			.chunks(2)
			.map(|pair| {
				core::str::from_utf8(pair)
					.ok()
					.filter(|pair| pair.len() == 2)
					.and_then(|pair| u8::from_str_radix(pair, 16).ok())
					.ok_or_else(|| D::Error::custom(format!("{s:?} is not hex bytes")))
			})
			.collect::<Result<Vec<u8>, _>>()?;
		let len = bytes.len();
		T::try_from(bytes).map_err(|_| D::Error::custom(format!("{len} bytes is the wrong length")))
	}
}

/// An attribution, `[(contribution, share)]`, as `[["<id>", <parts per billion>], …]`.
pub mod attribution {
	use super::*;

	/// Serialises each entry as `["<contribution id>", <parts per billion>]`.
	pub fn serialize<S: Serializer, T: AsRef<[(ContributionId, Perbill)]>>(
		v: &T,
		s: S,
	) -> Result<S::Ok, S::Error> {
		s.collect_seq(v.as_ref().iter().map(|(id, share)| (id.to_string(), share.deconstruct())))
	}

	/// Reads `[["<id>", <ppb>], …]` (ids as strings or numbers; shares at most 10⁹).
	pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<Vec<(ContributionId, Perbill)>>>(
		d: D,
	) -> Result<T, D::Error> {
		let entries = Vec::<(StringOrNumber, u32)>::deserialize(d)?
			.into_iter()
			.map(|(id, ppb)| {
				if ppb > 1_000_000_000 {
					return Err(D::Error::custom(format!("share {ppb} exceeds 10⁹ parts")));
				}
				Ok((parse::<D::Error, ContributionId>(id)?, Perbill::from_parts(ppb)))
			})
			.collect::<Result<Vec<_>, _>>()?;
		T::try_from(entries).map_err(|_| D::Error::custom("too many attribution entries"))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde::Serialize;

	#[derive(Serialize, Deserialize, PartialEq, Debug)]
	struct Sample {
		#[serde(with = "string")]
		big: u128,
		#[serde(with = "option_string")]
		next: Option<u64>,
		#[serde(with = "string_list")]
		ids: Vec<u64>,
		#[serde(with = "hex")]
		hash: [u8; 4],
		#[serde(with = "attribution")]
		attribution: Vec<(ContributionId, Perbill)>,
	}

	#[test]
	fn values_wider_than_32_bits_are_strings_and_round_trip() {
		let sample = Sample {
			big: u128::MAX,
			next: Some(u64::MAX),
			ids: vec![1, 1 << 60],
			hash: [0xde, 0xad, 0xbe, 0xef],
			attribution: vec![(9_007_199_254_740_993, Perbill::from_parts(500_000_000))],
		};
		let json = serde_json::to_string(&sample).unwrap();
		assert_eq!(
			json,
			format!(
				r#"{{"big":"{}","next":"{}","ids":["1","{}"],"hash":"0xdeadbeef","attribution":[["9007199254740993",500000000]]}}"#,
				u128::MAX,
				u64::MAX,
				1u64 << 60
			)
		);
		assert_eq!(serde_json::from_str::<Sample>(&json).unwrap(), sample);
	}

	#[test]
	fn numbers_are_read_too_and_bad_values_say_why() {
		let ok = r#"{"big":7,"next":"0x10","ids":[3],"hash":"0x00000000","attribution":[[4,1]]}"#;
		let s: Sample = serde_json::from_str(ok).unwrap();
		assert_eq!((s.big, s.next, s.ids), (7, Some(16), vec![3]));
		let short = r#"{"big":"1","next":null,"ids":[],"hash":"0x00","attribution":[]}"#;
		let e = serde_json::from_str::<Sample>(short).unwrap_err().to_string();
		assert!(e.contains("1 bytes is the wrong length"), "{e}");
		let neg = r#"{"big":"-1","next":null,"ids":[],"hash":"0x00000000","attribution":[]}"#;
		let e = serde_json::from_str::<Sample>(neg).unwrap_err().to_string();
		assert!(e.contains("not a non-negative integer"), "{e}");
		let share = r#"{"big":"1","next":null,"ids":[],"hash":"0x00000000","attribution":[["1",1000000001]]}"#;
		let e = serde_json::from_str::<Sample>(share).unwrap_err().to_string();
		assert!(e.contains("exceeds"), "{e}");
	}
}
