//! The origin matrix: every dispatchable of the runtime, with generated arguments, from every
//! kind of origin (the sudo key, a funded and an unfunded account, none, root, each governance
//! track, the technical committee), through the harness's per-call oracles. A privileged call
//! must refuse every unprivileged origin with `BadOrigin` (or `RequireSudo`), every call but the
//! unsigned ones must refuse no origin, and nothing may panic, exceed its weight or leave a
//! write behind on failure.
// A test computes freely.
#![allow(clippy::arithmetic_side_effects, clippy::expect_used, clippy::indexing_slicing)]

use tributary_fuzz::{
	catalog,
	generate::Catalog,
	origins::{self, Who},
	Harness,
};

#[test]
fn every_dispatchable_from_every_origin() {
	let catalog = catalog();
	let mut h = Harness::new(catalog);
	h.start().unwrap_or_else(|f| panic!("{f}"));
	let bytes: Vec<u8> =
		(0..1u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
	let mut u = arbitrary::Unstructured::new(&bytes);
	let (mut refused, mut dispatched) = (0u32, 0u32);
	for (p, pallet) in catalog.pallets.iter().enumerate() {
		for (c, call) in pallet.calls.iter().enumerate() {
			if origins::is_inherent(&pallet.name, &call.name) || !catalog.inhabited(p, c) {
				continue;
			}
			for who in Who::KINDS {
				let privileged = h.is_privileged(who);
				if privileged && Catalog::unjudgeable(&pallet.name, &call.name) {
					continue;
				}
				let Some(rc) = h.generate(&mut u, p, c, privileged, 32) else {
					panic!("no decodable arguments for {}.{}", pallet.name, call.name)
				};
				h.try_dispatch(who, rc).unwrap_or_else(|f| panic!("{f}"));
				dispatched += 1;
				if !privileged && origins::is_privileged(&pallet.name, &call.name) {
					refused += 1;
				}
			}
			h.next_block().unwrap_or_else(|f| panic!("{f}"));
		}
	}
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	let privileged: usize = origins::PRIVILEGED.iter().map(|(_, c)| c.len()).sum();
	assert!(
		refused as usize >= privileged * 3,
		"each privileged call met three unprivileged origins"
	);
	eprintln!(
		"origin matrix: {dispatched} dispatches over {} calls, {refused} refusals of privileged calls checked",
		catalog.all_calls().len()
	);
}
