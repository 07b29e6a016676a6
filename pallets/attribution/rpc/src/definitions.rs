//! What the `tributary_*` methods are, for clients: the one source of polkadot.js's `rpc:`
//! definitions (`clients/js/rpc.json`, generated from [`METHODS`] and [`EXTRA_METHODS`] by
//! `UPDATE_RPC_JSON=1 cargo test -p tributary-attribution-rpc`; a test fails while it differs).

use serde::{ser::SerializeMap, Serialize, Serializer};

/// A parameter of a method, in polkadot.js's terms.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamDoc {
	/// Its name.
	pub name: &'static str,
	/// Its polkadot.js type.
	#[serde(rename = "type")]
	pub ty: &'static str,
	/// Whether it may be left out.
	#[serde(skip_serializing_if = "std::ops::Not::not")]
	pub is_optional: bool,
}

/// A JSON-RPC method, in polkadot.js's terms.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct MethodDoc {
	/// Its section (`tributary` for `tributary_rewards`).
	#[serde(skip)]
	pub section: &'static str,
	/// Its name within the section.
	#[serde(skip)]
	pub method: &'static str,
	/// What it answers.
	pub description: &'static str,
	/// Its parameters.
	pub params: &'static [ParamDoc],
	/// The result's polkadot.js type (`Json`: the view types' JSON form).
	#[serde(rename = "type")]
	pub ty: &'static str,
}

const fn param(name: &'static str, ty: &'static str) -> ParamDoc {
	ParamDoc { name, ty, is_optional: false }
}

const fn optional(name: &'static str, ty: &'static str) -> ParamDoc {
	ParamDoc { name, ty, is_optional: true }
}

const AT: ParamDoc = optional("at", "BlockHash");

/// The methods this crate serves (without their deprecated aliases).
pub const METHODS: &[MethodDoc] = &[
	MethodDoc {
		section: "tributary",
		method: "rewards",
		description: "An account's rewards per currency: claimable, owed, pending in dataset \
		              pools, earned, claimed, and the contributions a claim should settle.",
		params: &[param("account", "Text"), AT],
		ty: "Json",
	},
	MethodDoc {
		section: "tributary",
		method: "receipt",
		description: "An attribution receipt by id.",
		params: &[param("id", "u64"), AT],
		ty: "Json",
	},
	MethodDoc {
		section: "tributary",
		method: "contributionEarnings",
		description: "A contribution's earnings per currency (earned and pending).",
		params: &[param("id", "u64"), AT],
		ty: "Json",
	},
	MethodDoc {
		section: "tributary",
		method: "model",
		description: "A model: owner, metadata, datasets, parent, price, currency, providers, \
		              status, deposit and usage.",
		params: &[param("id", "u32"), AT],
		ty: "Json",
	},
	MethodDoc {
		section: "tributary",
		method: "trainingSet",
		description: "A page of the contributions a model may attribute to: ids from `from` over \
		              at most `limit` ids (1000 at most); `next` continues.",
		params: &[param("model", "u32"), optional("from", "u64"), optional("limit", "u32"), AT],
		ty: "Json",
	},
];

/// Methods of the node that polkadot.js 16 does not know, served by the SDK.
pub const EXTRA_METHODS: &[MethodDoc] = &[MethodDoc {
	section: "author",
	method: "rotateKeysWithOwner",
	description: "Generates session keys in the node's keystore and a proof that `owner` holds \
	              them (for session.setKeys). Unsafe: call your own node.",
	params: &[param("owner", "Bytes")],
	ty: "Json",
}];

/// `{ section: { method: definition } }`, sections and methods in the order above.
struct Definitions;

impl Serialize for Definitions {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		let all: Vec<&MethodDoc> = EXTRA_METHODS.iter().chain(METHODS).collect();
		let mut sections: Vec<&str> = all.iter().map(|m| m.section).collect();
		sections.dedup();
		let mut map = s.serialize_map(Some(sections.len()))?;
		for section in sections {
			map.serialize_entry(section, &Section(section, &all))?;
		}
		map.end()
	}
}

struct Section<'a>(&'a str, &'a [&'a MethodDoc]);

impl Serialize for Section<'_> {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		let mut map = s.serialize_map(None)?;
		for m in self.1.iter().filter(|m| m.section == self.0) {
			map.serialize_entry(m.method, m)?;
		}
		map.end()
	}
}

/// polkadot.js's `rpc:` definitions of every method above, as `clients/js/rpc.json` holds them.
pub fn polkadot_js_definitions() -> String {
	let mut out = serde_json::to_string_pretty(&Definitions).unwrap_or_default();
	out.push('\n');
	out
}

/// The deprecated names that still answer, and the method each is an alias of.
pub const ALIASES: &[(&str, &str)] = &[
	("tributary_pendingRewards", "tributary_rewards"),
	("tributary_modelUsage", "tributary_model"),
];

#[cfg(test)]
mod tests {
	use super::*;
	use std::path::PathBuf;

	// That the node serves exactly these methods is checked against the real node's
	// `rpc_methods` by node/tests/dev_chain.rs.
	#[test]
	fn rpc_json_is_generated_from_the_methods() {
		let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../clients/js/rpc.json");
		let generated = polkadot_js_definitions();
		if std::env::var_os("UPDATE_RPC_JSON").is_some() {
			std::fs::write(&path, &generated).unwrap();
		}
		let committed = std::fs::read_to_string(&path).unwrap_or_default();
		assert!(
			committed == generated,
			"{} is stale: regenerate it with `UPDATE_RPC_JSON=1 cargo test -p \
			 tributary-attribution-rpc`",
			path.display()
		);
	}

	#[test]
	fn definitions_name_every_parameter_once_and_end_with_the_optional_ones() {
		for m in METHODS.iter().chain(EXTRA_METHODS) {
			let names: std::collections::BTreeSet<_> = m.params.iter().map(|p| p.name).collect();
			assert_eq!(names.len(), m.params.len(), "{}", m.method);
			let first_optional = m.params.iter().position(|p| p.is_optional);
			if let Some(i) = first_optional {
				assert!(m.params[i..].iter().all(|p| p.is_optional), "{}", m.method);
			}
		}
	}
}
