//! Every dispatchable of the runtime is classified by the origins it needs (privileged or
//! public), so the origin oracle knows what to expect of a new call; the tables name no call
//! the runtime lacks.
// A test computes freely.
#![allow(clippy::arithmetic_side_effects, clippy::expect_used, clippy::indexing_slicing)]

use tributary_fuzz::{catalog, origins};

#[test]
fn every_dispatchable_is_classified_and_every_listed_call_exists() {
	let all = catalog().all_calls();
	assert!(all.len() > 100, "the catalogue reads the runtime's calls ({} found)", all.len());
	let missing: Vec<_> =
		all.iter().filter(|(p, c)| !origins::is_classified(p, c)).cloned().collect();
	assert!(missing.is_empty(), "classify these calls in fuzz/src/origins.rs: {missing:?}");
	for table in [origins::PRIVILEGED, origins::PUBLIC] {
		for (p, calls) in table {
			for c in *calls {
				assert!(
					all.iter().any(|(pp, cc)| pp == p && cc == c),
					"{p}.{c} is listed but not in the runtime"
				);
			}
		}
	}
	for (p, calls) in origins::PRIVILEGED {
		for c in *calls {
			assert!(
				!origins::PUBLIC.iter().any(|(pp, cc)| pp == p && cc.contains(c)),
				"{p}.{c} is both privileged and public"
			);
		}
	}
}
