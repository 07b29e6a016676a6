//! Calls from the runtime's own type information: every dispatchable of every pallet, with
//! arguments drawn from live entities and boundary values.
//!
//! The generator walks the SCALE type of `RuntimeCall` (the same registry the metadata gives
//! polkadot.js), so a call added to any pallet is generated without a line here. It writes SCALE
//! bytes and decodes them as a `RuntimeCall` with a depth limit; bytes that do not decode (a
//! vector longer than its bound, a percentage above 100 %) are skipped and counted. What a field
//! holds is guessed from its name and type name: a `dataset` is one of the datasets that exist
//! (or the next id), a `Balance` is 0, ED − 1, ED, a share of an endowment or the largest balance,
//! an account is one of the harness's accounts, a hash one the chain has seen.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use codec::{Compact, DecodeLimit, Encode};
use scale_info::{
	form::PortableForm, meta_type, Field, PortableRegistry, Registry, Type, TypeDef,
	TypeDefPrimitive,
};
use tributary_runtime::RuntimeCall;

/// How deep calls nest (`utility.batch` of `sudo.sudo` of …), in generation and in decoding.
pub const MAX_CALL_DEPTH: u32 = 3;

/// One pallet's calls, as the runtime declares them.
#[derive(Clone, Debug)]
pub struct PalletCalls {
	/// The pallet's name in the runtime (`Balances`, `Datasets`, …).
	pub name: String,
	/// Its index in `RuntimeCall`.
	pub index: u8,
	/// Its calls.
	pub calls: Vec<CallSpec>,
}

/// One dispatchable.
#[derive(Clone, Debug)]
pub struct CallSpec {
	/// Its name (`transfer_keep_alive`).
	pub name: String,
	/// Its call index.
	pub index: u8,
	fields: Vec<Field<PortableForm>>,
}

/// What the generator draws live values from; the harness refreshes it from the chain.
#[derive(Clone, Debug, Default)]
pub struct Pools {
	/// The harness's accounts (funded, sudo, unfunded).
	pub accounts: Vec<[u8; 32]>,
	/// The pallets' accounts (the treasury, the attribution pot): named like any account, but
	/// never acted as by root (see `Kind::ActAs`).
	pub pallet_accounts: Vec<[u8; 32]>,
	/// Next ids (one past the last) of datasets, contributions, models, receipts, referenda.
	pub next_dataset: u32,
	pub next_contribution: u64,
	pub next_model: u32,
	pub next_receipt: u64,
	pub next_referendum: u32,
	/// Asset ids that exist.
	pub assets: Vec<u32>,
	/// Referendum tracks.
	pub tracks: Vec<u16>,
	/// Hashes the chain has seen: calls generated, preimages, proposals, contents.
	pub hashes: Vec<[u8; 32]>,
	/// The current block.
	pub block: u32,
	/// Named bounds (`MaxBatchSize` → 32) for vectors whose type name gives their bound.
	pub bounds: BTreeMap<&'static str, u32>,
	/// The existential deposit and a dev account's endowment.
	pub existential_deposit: u128,
	pub endowment: u128,
	/// Request ids handed out so far.
	pub requests: u64,
}

/// What a number in a field stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
	Dataset,
	Contribution,
	Model,
	Receipt,
	Referendum,
	Asset,
	Track,
	Version,
	Block,
	/// A treasury spend's `valid_from` where root may be the origin (privileged or nested):
	/// block numbers stop at `u32::MAX / 2`. Near the largest block number pallet-treasury's
	/// `expire_at` saturates and the spend fails its own `try_state` (found by the fuzzer); the
	/// runtime's call filter refuses such a spend from every origin but root, and root's spend
	/// is root's power, like the calls of [`ROOT_ONLY_UNJUDGEABLE`].
	RootSpendStart,
	/// The account `sudo.sudo_as` acts as, where root may be the origin: never a pallet's
	/// account. Root acting as the attribution pot spends rewards it owes (found by the fuzzer,
	/// seed 0xc9a0c16200040000: a referendum's submission deposit taken from the pot), as
	/// `balances.force_transfer` out of it would; that is root's power, which no oracle judges.
	ActAs,
	Balance,
	Units,
	Request,
	Score,
	Generic,
}

/// Which calls the generator never builds under a privileged origin, because they are root's
/// power to replace the runtime or its state wholesale, which no oracle can judge: raw storage
/// writes, code upgrades, forcing total issuance, moving any account's funds (`force_transfer`
/// out of the attribution pot leaves rewards unpaid), releasing reserves that holds account for
/// (`force_unreserve` lowers `reserved` under a hold: found by the fuzzer, seed
/// 0x85a2f2b600004c4b), setting any free balance (`force_set_balance` to the largest balance
/// saturates total issuance: seed 0x8d0c4ad600040000), the committee's members
/// (`set_members` stores more than `MaxMembers`, and returns more weight than it declared when
/// `old_count` is low: seed 0x7d6de90700040000), weights the caller declares, and the timestamp inherent (the harness sets
/// it each block). From other origins they are still generated (their refusal is checked).
pub const ROOT_ONLY_UNJUDGEABLE: &[(&str, &str)] = &[
	("System", "set_code"),
	("System", "set_code_without_checks"),
	("System", "set_storage"),
	("System", "kill_storage"),
	("System", "kill_prefix"),
	("System", "authorize_upgrade"),
	("System", "authorize_upgrade_without_checks"),
	("System", "apply_authorized_upgrade"),
	("Balances", "force_adjust_total_issuance"),
	("Balances", "force_unreserve"),
	("Balances", "force_transfer"),
	("Balances", "force_set_balance"),
	("TechnicalCommittee", "set_members"),
	("Sudo", "sudo_unchecked_weight"),
	("Utility", "with_weight"),
	("Timestamp", "set"),
];

/// The context a value is generated in.
#[derive(Clone, Copy)]
struct Ctx<'a> {
	pallet: &'a str,
	kind: Kind,
	/// How many entries share a sequence (percentages are kept summable).
	siblings: u32,
	depth: u32,
}

/// The catalogue of dispatchables and the generator over it.
pub struct Catalog {
	registry: PortableRegistry,
	call_ty: u32,
	/// Every pallet with calls, in `RuntimeCall` order.
	pub pallets: Vec<PalletCalls>,
}

impl Default for Catalog {
	fn default() -> Self {
		Self::new()
	}
}

impl Catalog {
	/// The catalogue of this runtime's `RuntimeCall`.
	pub fn new() -> Self {
		let mut registry = Registry::new();
		let call_ty = registry.register_type(&meta_type::<RuntimeCall>()).id;
		let registry: PortableRegistry = registry.into();
		let mut pallets = Vec::new();
		if let Some(TypeDef::Variant(v)) = registry.resolve(call_ty).map(|t| &t.type_def) {
			for pallet in &v.variants {
				let Some(inner) = pallet.fields.first().and_then(|f| registry.resolve(f.ty.id))
				else {
					continue;
				};
				let TypeDef::Variant(calls) = &inner.type_def else { continue };
				pallets.push(PalletCalls {
					name: pallet.name.clone(),
					index: pallet.index,
					calls: calls
						.variants
						.iter()
						.map(|c| CallSpec {
							name: c.name.clone(),
							index: c.index,
							fields: c.fields.clone(),
						})
						.collect(),
				});
			}
		}
		Self { registry, call_ty, pallets }
	}

	/// Every dispatchable as (pallet, call).
	pub fn all_calls(&self) -> Vec<(String, String)> {
		self.pallets
			.iter()
			.flat_map(|p| p.calls.iter().map(|c| (p.name.clone(), c.name.clone())))
			.collect()
	}

	/// The (pallet, call) names of a decoded call.
	pub fn name_of(&self, call: &RuntimeCall) -> (String, String) {
		let bytes = call.encode();
		let (p, c) = (bytes.first().copied(), bytes.get(1).copied());
		self.pallets
			.iter()
			.find(|x| Some(x.index) == p)
			.and_then(|x| {
				x.calls
					.iter()
					.find(|y| Some(y.index) == c)
					.map(|y| (x.name.clone(), y.name.clone()))
			})
			.unwrap_or_else(|| ("?".into(), "?".into()))
	}

	/// A structured call of `pallet`/`call` (indices into [`Self::pallets`]), as SCALE bytes.
	pub fn encode_call(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		pallet: usize,
		call: usize,
		privileged: bool,
	) -> Result<Vec<u8>> {
		let mut out = Vec::new();
		self.write_call(u, pools, pallet, call, 0, privileged, &mut out)?;
		Ok(out)
	}

	/// Decodes generated bytes as a call, with the depth limit.
	pub fn decode(bytes: &[u8]) -> Option<RuntimeCall> {
		let mut input = bytes;
		let call = RuntimeCall::decode_with_depth_limit(MAX_CALL_DEPTH + 8, &mut input).ok()?;
		input.is_empty().then_some(call)
	}

	/// Picks a (pallet, call) to generate: half of the time one of Tributary's own pallets.
	pub fn pick(&self, u: &mut Unstructured, ours: &[&str]) -> Result<(usize, usize)> {
		let own: Vec<usize> = (0..self.pallets.len())
			.filter(|&i| self.pallets.get(i).is_some_and(|p| ours.contains(&p.name.as_str())))
			.collect();
		let pallet = if !own.is_empty() && u.ratio(1, 2)? {
			*u.choose(&own)?
		} else {
			u.choose_index(self.pallets.len())?
		};
		let calls = self.pallets.get(pallet).map_or(0, |p| p.calls.len());
		Ok((pallet, u.choose_index(calls.max(1))?))
	}

	/// Whether a call can be built at all: `false` if an argument's type has no value (an empty
	/// enum such as `sp_core::Void`, e.g. GRANDPA's key-ownership proof in a runtime without
	/// historical sessions).
	pub fn inhabited(&self, pallet: usize, call: usize) -> bool {
		let Some(c) = self.pallets.get(pallet).and_then(|p| p.calls.get(call)) else {
			return false;
		};
		let mut seen = BTreeMap::new();
		c.fields.iter().all(|f| self.type_inhabited(f.ty.id, &mut seen))
	}

	fn type_inhabited(&self, ty: u32, seen: &mut BTreeMap<u32, bool>) -> bool {
		if let Some(known) = seen.get(&ty) {
			return *known;
		}
		// Recursive types (calls in calls) are inhabited through their other variants.
		seen.insert(ty, true);
		let Some(t) = self.registry.resolve(ty) else { return true };
		let inhabited = match &t.type_def {
			TypeDef::Composite(c) => c.fields.iter().all(|f| self.type_inhabited(f.ty.id, seen)),
			TypeDef::Variant(v) => v
				.variants
				.iter()
				.any(|x| x.fields.iter().all(|f| self.type_inhabited(f.ty.id, seen))),
			TypeDef::Array(a) => a.len == 0 || self.type_inhabited(a.type_param.id, seen),
			TypeDef::Tuple(t) => t.fields.iter().all(|f| self.type_inhabited(f.id, seen)),
			_ => true,
		};
		seen.insert(ty, inhabited);
		inhabited
	}

	/// Every dispatchable that can be built (see [`Self::inhabited`]).
	pub fn callable(&self) -> Vec<(String, String)> {
		let mut out = Vec::new();
		for (p, pallet) in self.pallets.iter().enumerate() {
			for (c, call) in pallet.calls.iter().enumerate() {
				if self.inhabited(p, c) {
					out.push((pallet.name.clone(), call.name.clone()));
				}
			}
		}
		out
	}

	/// Whether `(pallet, call)` is left out under a privileged origin.
	pub fn unjudgeable(pallet: &str, call: &str) -> bool {
		ROOT_ONLY_UNJUDGEABLE.iter().any(|(p, c)| *p == pallet && *c == call)
	}

	#[allow(clippy::too_many_arguments)]
	fn write_call(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		pallet: usize,
		call: usize,
		depth: u32,
		privileged: bool,
		out: &mut Vec<u8>,
	) -> Result<()> {
		let (Some(p), Some(c)) =
			(self.pallets.get(pallet), self.pallets.get(pallet).and_then(|p| p.calls.get(call)))
		else {
			return Err(arbitrary::Error::IncorrectFormat);
		};
		// Nested calls may end up under root (sudo, scheduler, referenda).
		let maybe_root = privileged || depth > 0;
		if Self::unjudgeable(&p.name, &c.name) && maybe_root {
			write_remark(out);
			return Ok(());
		}
		out.push(p.index);
		out.push(c.index);
		for f in &c.fields {
			let kind = match kind(&p.name, f.name.as_deref(), f.type_name.as_deref()) {
				Kind::RootSpendStart if !maybe_root => Kind::Block,
				Kind::ActAs if !maybe_root => Kind::Generic,
				k => k,
			};
			let ctx = Ctx { pallet: &p.name, kind, siblings: 1, depth };
			let bound = f.type_name.as_deref().and_then(|t| bound_of(t, &pools.bounds));
			self.write_value(u, pools, f.ty.id, ctx, bound, out)?;
		}
		Ok(())
	}

	/// A nested call, generated (or a remark once deep enough).
	fn write_nested_call(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		ctx: Ctx,
		out: &mut Vec<u8>,
	) -> Result<()> {
		if ctx.depth + 1 >= MAX_CALL_DEPTH {
			write_remark(out);
			return Ok(());
		}
		let (p, c) = self.pick(u, &[])?;
		let start = out.len();
		self.write_call(u, pools, p, c, ctx.depth + 1, true, out)?;
		// Its hash, for whitelisting, noting and proposing it later.
		if let Some(bytes) = out.get(start..) {
			remember(pools, sp_io::hashing::blake2_256(bytes));
		}
		Ok(())
	}

	fn write_value(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		ty: u32,
		ctx: Ctx,
		bound: Option<u32>,
		out: &mut Vec<u8>,
	) -> Result<()> {
		if ty == self.call_ty {
			return self.write_nested_call(u, pools, ctx, out);
		}
		let Some(t) = self.registry.resolve(ty) else { return Ok(()) };
		let last = t.path.segments.last().map(String::as_str).unwrap_or("");
		match last {
			"AccountId32" => {
				out.extend_from_slice(&account(u, pools, ctx.kind)?);
				return Ok(());
			},
			// Mostly an account id; now and then an index or raw bytes.
			"MultiAddress" if u.ratio(9, 10)? => {
				out.push(0);
				out.extend_from_slice(&account(u, pools, ctx.kind)?);
				return Ok(());
			},
			"Perbill" | "Permill" | "Percent" | "Perquintill" | "PerU16" => {
				return write_per_thing(u, last, ctx.siblings, out)
			},
			"Bounded" if t.path.segments.iter().any(|s| s == "preimages") => {
				return self.write_bounded_call(u, pools, ctx, out)
			},
			_ => {},
		}
		match &t.type_def {
			TypeDef::Composite(c) => {
				// A wrapper of one unnamed field (BoundedVec, a newtype) keeps the context.
				if c.fields.len() == 1 && c.fields.iter().all(|f| f.name.is_none()) {
					if let Some(f) = c.fields.first() {
						let bound = bound.or_else(|| {
							f.type_name.as_deref().and_then(|n| bound_of(n, &pools.bounds))
						});
						return self.write_value(u, pools, f.ty.id, ctx, bound, out);
					}
				}
				self.write_fields(u, pools, &c.fields, ctx, out)
			},
			TypeDef::Variant(v) => {
				if v.variants.is_empty() {
					return Err(arbitrary::Error::IncorrectFormat);
				}
				let variant = if last == "Option" {
					let some = u8::from(u.ratio(2, 3)?);
					v.variants.iter().find(|x| x.index == some)
				} else {
					v.variants.get(u.choose_index(v.variants.len())?)
				};
				let Some(variant) = variant else { return Err(arbitrary::Error::IncorrectFormat) };
				out.push(variant.index);
				if last == "Option" {
					// `Some` keeps the field's meaning.
					if let Some(f) = variant.fields.first() {
						return self.write_value(u, pools, f.ty.id, ctx, bound, out);
					}
					return Ok(());
				}
				self.write_fields(u, pools, &variant.fields, ctx, out)
			},
			TypeDef::Sequence(s) => {
				let len = length(u, bound)?;
				Compact(len).encode_to(out);
				let elem = s.type_param.id;
				if self.is_u8(elem) {
					let bytes = u.bytes(len as usize).unwrap_or(&[]);
					out.extend_from_slice(bytes);
					out.resize(out.len() + (len as usize - bytes.len()), 0);
					return Ok(());
				}
				let ctx = Ctx { siblings: len.max(1), ..ctx };
				for _ in 0..len {
					self.write_value(u, pools, elem, ctx, None, out)?;
				}
				Ok(())
			},
			TypeDef::Array(a) => {
				if self.is_u8(a.type_param.id) {
					if a.len == 32 {
						out.extend_from_slice(&hash(u, pools)?);
					} else {
						for _ in 0..a.len {
							out.push(u.arbitrary()?);
						}
					}
					return Ok(());
				}
				for _ in 0..a.len {
					self.write_value(u, pools, a.type_param.id, ctx, None, out)?;
				}
				Ok(())
			},
			TypeDef::Tuple(tuple) => {
				for (i, f) in tuple.fields.iter().enumerate() {
					// (DatasetId, Version) pairs: the second of a dataset is its version.
					let kind =
						if i > 0 && ctx.kind == Kind::Dataset { Kind::Version } else { ctx.kind };
					let kind = if i == 0 && ctx.kind == Kind::Generic && ctx.pallet == "Attribution"
					{
						Kind::Contribution
					} else {
						kind
					};
					self.write_value(u, pools, f.id, Ctx { kind, ..ctx }, None, out)?;
				}
				Ok(())
			},
			TypeDef::Primitive(p) => write_primitive(u, pools, p, ctx.kind, out),
			TypeDef::Compact(c) => {
				let inner = self.registry.resolve(c.type_param.id).map(|t| &t.type_def);
				let value = number(u, pools, ctx.kind)?;
				match inner {
					Some(TypeDef::Primitive(TypeDefPrimitive::U8)) => {
						Compact(value as u8).encode_to(out)
					},
					Some(TypeDef::Primitive(TypeDefPrimitive::U16)) => {
						Compact(value as u16).encode_to(out)
					},
					Some(TypeDef::Primitive(TypeDefPrimitive::U32)) => {
						Compact(value as u32).encode_to(out)
					},
					Some(TypeDef::Primitive(TypeDefPrimitive::U64)) => {
						Compact(value as u64).encode_to(out)
					},
					Some(TypeDef::Primitive(TypeDefPrimitive::U128)) => {
						Compact(value).encode_to(out)
					},
					// A compact newtype (Perbill as compact, …): its inner number.
					_ => Compact(value as u32).encode_to(out),
				}
				Ok(())
			},
			TypeDef::BitSequence(_) => {
				Compact(0u32).encode_to(out);
				Ok(())
			},
		}
	}

	fn write_fields(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		fields: &[Field<PortableForm>],
		ctx: Ctx,
		out: &mut Vec<u8>,
	) -> Result<()> {
		for f in fields {
			let named = kind(ctx.pallet, f.name.as_deref(), f.type_name.as_deref());
			let kind = if named == Kind::Generic { ctx.kind } else { named };
			let bound = f.type_name.as_deref().and_then(|t| bound_of(t, &pools.bounds));
			self.write_value(u, pools, f.ty.id, Ctx { kind, ..ctx }, bound, out)?;
		}
		Ok(())
	}

	/// A `Bounded<RuntimeCall>` (a referendum's proposal): mostly a generated call inline.
	fn write_bounded_call(
		&self,
		u: &mut Unstructured,
		pools: &mut Pools,
		ctx: Ctx,
		out: &mut Vec<u8>,
	) -> Result<()> {
		match u.int_in_range(0u8..=9)? {
			0..=6 => {
				let mut call = Vec::new();
				self.write_nested_call(u, pools, ctx, &mut call)?;
				out.push(1); // Inline
				Compact(call.len() as u32).encode_to(out);
				out.extend_from_slice(&call);
			},
			7 | 8 => {
				out.push(2); // Lookup { hash, len }
				out.extend_from_slice(&hash(u, pools)?);
				out.extend_from_slice(&u.int_in_range(0u32..=256)?.to_le_bytes());
			},
			_ => {
				out.push(0); // Legacy { hash }
				out.extend_from_slice(&hash(u, pools)?);
			},
		}
		Ok(())
	}

	fn is_u8(&self, ty: u32) -> bool {
		matches!(
			self.registry.resolve(ty).map(|t: &Type<PortableForm>| &t.type_def),
			Some(TypeDef::Primitive(TypeDefPrimitive::U8))
		)
	}
}

/// `system.remark` of nothing: the call that stands in for one not to be built.
fn write_remark(out: &mut Vec<u8>) {
	RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() }).encode_to(out);
}

/// Remembers a hash the chain may see again (bounded).
pub fn remember(pools: &mut Pools, h: [u8; 32]) {
	if !pools.hashes.contains(&h) {
		if pools.hashes.len() >= 64 {
			pools.hashes.remove(0);
		}
		pools.hashes.push(h);
	}
}

/// What a field of `pallet` named `name` of type `type_name` holds.
fn kind(pallet: &str, name: Option<&str>, type_name: Option<&str>) -> Kind {
	let name = name.unwrap_or("");
	let ty = type_name.unwrap_or("");
	let is = |s: &str| name == s;
	match () {
		_ if is("request_id") => Kind::Request,
		_ if is("units") => Kind::Units,
		_ if is("score") => Kind::Score,
		_ if is("dataset") || ty.contains("DatasetId") => Kind::Dataset,
		_ if is("contribution") || ty.contains("ContributionId") => Kind::Contribution,
		_ if is("model") || is("parent") || ty.contains("ModelId") => Kind::Model,
		_ if is("receipt") || ty.contains("ReceiptId") => Kind::Receipt,
		_ if is("version") || ty.contains("DatasetVersion") => Kind::Version,
		_ if is("trained_on") || ty.contains("TrainedOn") => Kind::Dataset,
		_ if matches!(pallet, "Referenda" | "ConvictionVoting")
			&& (is("index") || is("poll_index") || is("ref_index") || ty.contains("PollIndex")) =>
		{
			Kind::Referendum
		},
		_ if matches!(pallet, "Referenda" | "ConvictionVoting") && (is("class") || is("track")) => {
			Kind::Track
		},
		_ if pallet == "Assets" && (is("id") || ty.contains("AssetId")) => Kind::Asset,
		_ if ty.contains("Balance")
			|| matches!(
				name,
				"amount"
					| "value" | "bond"
					| "allowance" | "price"
					| "deposit" | "min_balance"
					| "new_free" | "new_reserved"
					| "max_fee"
			) =>
		{
			Kind::Balance
		},
		_ if pallet == "Treasury" && is("valid_from") => Kind::RootSpendStart,
		_ if pallet == "Sudo" && is("who") => Kind::ActAs,
		_ if ty.contains("BlockNumber")
			|| matches!(name, "when" | "after" | "at" | "expiry" | "valid_from" | "delay") =>
		{
			Kind::Block
		},
		_ => Kind::Generic,
	}
}

/// The bound a type name gives a vector (`BoundedVec<u8, T::MaxNameLength>` → 64).
fn bound_of(type_name: &str, bounds: &BTreeMap<&'static str, u32>) -> Option<u32> {
	bounds.iter().find(|(name, _)| type_name.contains(*name)).map(|(_, b)| *b)
}

/// A vector's length: mostly short, sometimes its bound (full), now and then past it.
fn length(u: &mut Unstructured, bound: Option<u32>) -> Result<u32> {
	Ok(match (u.int_in_range(0u8..=19)?, bound) {
		(0..=3, _) => 0,
		(4..=9, _) => 1,
		(10..=13, _) => u.int_in_range(2..=8)?,
		(14 | 15, Some(b)) => b,
		(16, Some(b)) => b.saturating_add(1),
		(14..=16, None) => *u.choose(&[16, 32, 64])?,
		(_, Some(b)) => u.int_in_range(0..=b)?,
		(_, None) => u.int_in_range(0..=128)?,
	})
}

/// An account: mostly one of the harness's or the pallets' (only the harness's to act as).
fn account(u: &mut Unstructured, pools: &Pools, kind: Kind) -> Result<[u8; 32]> {
	let pallets = if kind == Kind::ActAs { &[][..] } else { &pools.pallet_accounts[..] };
	let known = pools.accounts.len() + pallets.len();
	if known == 0 || u.ratio(1, 20)? {
		return u.arbitrary();
	}
	let i = u.choose_index(known)?;
	Ok(pools.accounts.iter().chain(pallets).nth(i).copied().unwrap_or_default())
}

fn hash(u: &mut Unstructured, pools: &Pools) -> Result<[u8; 32]> {
	if !pools.hashes.is_empty() && u.ratio(2, 3)? {
		return Ok(*u.choose(&pools.hashes)?);
	}
	u.arbitrary()
}

/// A percentage, kept to a share of the whole when `siblings` share it.
fn write_per_thing(
	u: &mut Unstructured,
	which: &str,
	siblings: u32,
	out: &mut Vec<u8>,
) -> Result<()> {
	let whole: u64 = match which {
		"Perbill" => 1_000_000_000,
		"Permill" => 1_000_000,
		"Percent" => 100,
		"PerU16" => 65_535,
		_ => 1_000_000_000_000_000_000,
	};
	let value = match u.int_in_range(0u8..=9)? {
		0 => 0,
		1 => whole,
		2 => whole.saturating_add(1),
		_ => u.int_in_range(0..=whole / u64::from(siblings.max(1)))?,
	};
	match which {
		"Percent" => out.push(value as u8),
		"PerU16" => out.extend_from_slice(&(value as u16).to_le_bytes()),
		"Perquintill" => out.extend_from_slice(&value.to_le_bytes()),
		_ => out.extend_from_slice(&(value as u32).to_le_bytes()),
	}
	Ok(())
}

fn write_primitive(
	u: &mut Unstructured,
	pools: &mut Pools,
	p: &TypeDefPrimitive,
	kind: Kind,
	out: &mut Vec<u8>,
) -> Result<()> {
	match p {
		TypeDefPrimitive::Bool => out.push(u8::from(u.arbitrary::<bool>()?)),
		TypeDefPrimitive::Char => {
			out.extend_from_slice(&u32::from(u.arbitrary::<char>()?).to_le_bytes())
		},
		TypeDefPrimitive::Str => {
			let s: String = u.arbitrary()?;
			let s: String = s.chars().take(64).collect();
			s.encode_to(out);
		},
		TypeDefPrimitive::U8 => out.push(number(u, pools, kind)? as u8),
		TypeDefPrimitive::U16 => {
			out.extend_from_slice(&(number(u, pools, kind)? as u16).to_le_bytes())
		},
		TypeDefPrimitive::U32 => {
			out.extend_from_slice(&(number(u, pools, kind)? as u32).to_le_bytes())
		},
		TypeDefPrimitive::U64 => {
			out.extend_from_slice(&(number(u, pools, kind)? as u64).to_le_bytes())
		},
		TypeDefPrimitive::U128 => out.extend_from_slice(&number(u, pools, kind)?.to_le_bytes()),
		TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => {
			let bytes: [u8; 32] = u.arbitrary()?;
			out.extend_from_slice(&bytes);
		},
		TypeDefPrimitive::I8 => out.push(u.arbitrary()?),
		TypeDefPrimitive::I16 => out.extend_from_slice(&u.arbitrary::<i16>()?.to_le_bytes()),
		TypeDefPrimitive::I32 => out.extend_from_slice(&u.arbitrary::<i32>()?.to_le_bytes()),
		TypeDefPrimitive::I64 => out.extend_from_slice(&u.arbitrary::<i64>()?.to_le_bytes()),
		TypeDefPrimitive::I128 => out.extend_from_slice(&u.arbitrary::<i128>()?.to_le_bytes()),
	}
	Ok(())
}

/// A number of `kind`: a live id most of the time, else a boundary.
fn number(u: &mut Unstructured, pools: &mut Pools, kind: Kind) -> Result<u128> {
	let live = |u: &mut Unstructured, next: u128| -> Result<u128> {
		Ok(match u.int_in_range(0u8..=9)? {
			0 => next,
			1 => u128::from(u32::MAX),
			// Recent ids are the interesting ones.
			2..=5 => next.saturating_sub(u.int_in_range(1..=4)?),
			_ => u.int_in_range(0..=next.saturating_sub(1))?,
		})
	};
	Ok(match kind {
		Kind::Dataset => live(u, u128::from(pools.next_dataset))?,
		Kind::Contribution => live(u, u128::from(pools.next_contribution))?,
		Kind::Model => live(u, u128::from(pools.next_model))?,
		Kind::Receipt => live(u, u128::from(pools.next_receipt))?,
		Kind::Referendum => live(u, u128::from(pools.next_referendum))?,
		Kind::Asset => {
			if !pools.assets.is_empty() && u.ratio(3, 4)? {
				u128::from(*u.choose(&pools.assets)?)
			} else {
				u128::from(u.int_in_range(0u32..=3)?)
			}
		},
		Kind::Track => {
			if !pools.tracks.is_empty() && u.ratio(9, 10)? {
				u128::from(*u.choose(&pools.tracks)?)
			} else {
				u128::from(u16::MAX)
			}
		},
		Kind::Version => u128::from(u.int_in_range(0u32..=16)?),
		Kind::Score => *u.choose(&[0, 1, 50, 99, 100, 101, 255])?,
		Kind::Units => *u.choose(&[0, 1, 2, 7, 100, 10_000, u128::from(u32::MAX)])?,
		Kind::Request => {
			if u.ratio(9, 10)? {
				pools.requests = pools.requests.wrapping_add(1);
				u128::from(pools.requests)
			} else {
				u128::from(u.int_in_range(0..=pools.requests)?)
			}
		},
		Kind::Block | Kind::RootSpendStart => {
			let now = u128::from(pools.block);
			let last = if kind == Kind::Block { u32::MAX } else { u32::MAX / 2 };
			match u.int_in_range(0u8..=9)? {
				0 => 0,
				1 => u128::from(last),
				2 => now,
				_ => now.saturating_add(u.int_in_range(1..=30)?),
			}
		},
		Kind::Balance => {
			let ed = pools.existential_deposit;
			let e = pools.endowment;
			match u.int_in_range(0u8..=13)? {
				0 => 0,
				1 => 1,
				2 => ed.saturating_sub(1),
				3 => ed,
				4 => ed.saturating_add(1),
				5 => u128::MAX,
				6 => e,
				7 => e / 2,
				8 => u128::MAX / 2,
				9 => u.int_in_range(0..=ed.saturating_mul(1000))?,
				_ => u.int_in_range(0..=e / 1000)?,
			}
		},
		Kind::Generic | Kind::ActAs => match u.int_in_range(0u8..=11)? {
			0 => 0,
			1 => 1,
			2 => 2,
			3 => u128::from(u32::MAX),
			4 => u128::from(u64::MAX),
			5 => u128::MAX,
			6 => u.arbitrary()?,
			_ => u.int_in_range(0..=16)?,
		},
	})
}
