//! Planted bugs, for showing that the runtime fuzzer's oracles catch what they claim to.
//!
//! Each [`Mutant`] is one deliberate bug of a class that audits of Substrate chains find again and
//! again. Code in the pallets asks [`planted`] whether its bug is on; without the `mutants`
//! feature [`planted`] is `false` at compile time and the bug is not in the build at all. With the
//! feature (native test builds of `tributary-fuzz` only; the runtime refuses to build a node
//! with it), the fuzzer turns one bug on for the current thread with `plant` and checks that a
//! bounded run catches it.

/// One planted bug.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mutant {
	/// Weight below the work: `claim` declares a constant 1 µs and no proof.
	ClaimWeightTooLow,
	/// Weight returned above the weight declared: a report batch returns twice its bound.
	ReportRefundsTooLittle,
	/// Missing origin check: `set_session_length` takes any signed origin.
	SessionLengthAnyOrigin,
	/// State stored without a deposit: a curated submission records its deposit but holds none.
	SubmissionWithoutDeposit,
	/// Rounding that leaks a planck: each settled report credits its provider one planck more
	/// than its share.
	ProviderShareLeaksPlanck,
	/// Unbounded iteration in a hook: the datasets pallet's `on_initialize` reads every
	/// contribution each block and declares nothing for it.
	HookReadsEveryContribution,
	/// A panic on a boundary value: `set_price` panics on the largest balance.
	PanicOnLargestPrice,
	/// A read path that writes: the rewards query remembers who asked.
	RewardsQueryWrites,
	/// An error swallowed after a partial write: `withdraw_bond` before the unbonding period
	/// ends forgets the provider but keeps its bond on hold, and reports success.
	WithdrawBondSwallowsError,
	/// Issuance drift: a claim mints its payout instead of paying it from the pot.
	ClaimMints,
	/// Unbounded iteration in a call: `close_dataset` reads every contribution of the chain for
	/// the weight of one.
	CloseReadsEveryContribution,
}

impl Mutant {
	/// Every planted bug.
	pub const ALL: [Mutant; 11] = [
		Mutant::ClaimWeightTooLow,
		Mutant::ReportRefundsTooLittle,
		Mutant::SessionLengthAnyOrigin,
		Mutant::SubmissionWithoutDeposit,
		Mutant::ProviderShareLeaksPlanck,
		Mutant::HookReadsEveryContribution,
		Mutant::PanicOnLargestPrice,
		Mutant::RewardsQueryWrites,
		Mutant::WithdrawBondSwallowsError,
		Mutant::ClaimMints,
		Mutant::CloseReadsEveryContribution,
	];
}

/// Whether this build can plant bugs at all.
pub const ENABLED: bool = cfg!(feature = "mutants");

#[cfg(feature = "mutants")]
std::thread_local! {
	static PLANTED: core::cell::Cell<Option<Mutant>> = const { core::cell::Cell::new(None) };
}

/// Whether `mutant` is planted on this thread. Always `false` without the `mutants` feature.
#[inline(always)]
pub fn planted(mutant: Mutant) -> bool {
	#[cfg(feature = "mutants")]
	{
		PLANTED.with(|p| p.get() == Some(mutant))
	}
	#[cfg(not(feature = "mutants"))]
	{
		let _ = mutant;
		false
	}
}

/// Plants `mutant` on this thread (`None` removes it). Only with the `mutants` feature.
#[cfg(feature = "mutants")]
pub fn plant(mutant: Option<Mutant>) {
	PLANTED.with(|p| p.set(mutant));
}
