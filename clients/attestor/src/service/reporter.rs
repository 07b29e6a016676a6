//! The reporter: takes what the outbox holds, in batches, drops what the chain already has,
//! submits the rest as one signed `report_inferences`, and removes it once finalised.
//!
//! One bad report never holds up the others: after a failed batch each of its reports is
//! retried alone; a report the chain refuses for a reason no later block can change
//! ([`FINAL_REFUSALS`]) moves to `outbox/dead/` with the chain's reason, and any other failure
//! is retried with that report's own exponential backoff while the rest go on.

use std::{
	sync::Arc,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

use tokio::sync::watch;

use super::Attestor;
use crate::{chain, error::Error, outbox::Entry};

/// The chain's refusals of a report that no later block can change: its model is gone or
/// retired, or its attribution names a contribution that does not exist, was withdrawn or is
/// outside the model's training set, or is malformed. (A missing allowance, a consumer who
/// cannot pay or a contribution still under review can change: those are retried.)
pub const FINAL_REFUSALS: &[&str] = &[
	"Attribution.ModelNotFound",
	"Attribution.ModelNotActive",
	"Attribution.ZeroUnits",
	"Attribution.SharesExceed",
	"Attribution.DuplicateAttribution",
	"Attribution.ContributionNotFound",
	"Attribution.WithdrawnContribution",
	"Attribution.NotInTrainingSet",
];

/// The longest wait between two attempts of one report.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// Whether `err` is a refusal of the report that will never change.
pub fn refused_for_good(err: &Error) -> bool {
	match err {
		Error::ReportRefused(name) => FINAL_REFUSALS.iter().any(|f| {
			name.strip_prefix(f).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
		}),
		_ => false,
	}
}

/// The wait before attempt `attempts + 1` of one report: 1 s, doubling, at most 5 minutes.
pub fn backoff(attempts: u32) -> Duration {
	Duration::from_secs(2u64.saturating_pow(attempts.saturating_sub(1))).min(MAX_BACKOFF)
}

fn now_ms() -> u64 {
	let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
	u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
}

/// What to submit next from `pending` (sorted by request id) at `now`: the first retry that is
/// due, alone; else up to `batch_size` fresh reports.
pub fn next_batch(pending: &[Entry], now: u64, batch_size: usize) -> Vec<Entry> {
	let due = |e: &&Entry| e.not_before_ms <= now;
	if let Some(retry) = pending.iter().filter(due).find(|e| e.attempts > 0) {
		return vec![retry.clone()];
	}
	pending.iter().filter(|e| e.attempts == 0).take(batch_size).cloned().collect()
}

impl Attestor {
	/// Reports what is in the outbox, in batches, until `shutdown` fires.
	pub async fn report_loop(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
		let mut backoff = Duration::from_secs(1);
		// Dead reports from earlier runs; each one buried from now on adds one.
		let dead = self.outbox.dead().map_or(0, |d| d.len());
		self.metrics.dead_reports.set(i64::try_from(dead).unwrap_or(i64::MAX));
		loop {
			let pending = match self.outbox.pending() {
				Ok(p) => p,
				Err(e) => {
					tracing::error!(error = %e, "cannot read the outbox");
					Vec::new()
				},
			};
			self.metrics.queue_depth.set(i64::try_from(pending.len()).unwrap_or(i64::MAX));
			let now = now_ms();
			let batch = next_batch(&pending, now, self.batch_size);
			if batch.is_empty() {
				// Nothing due: wait for new work or the next retry (at most 2 s).
				let next = pending.iter().map(|e| e.not_before_ms.saturating_sub(now)).min();
				let wait = Duration::from_millis(next.unwrap_or(u64::MAX).min(2_000));
				tokio::select! {
					_ = self.wake.notified() => {},
					_ = tokio::time::sleep(wait) => {},
					_ = shutdown.changed() => return,
				}
				continue;
			}
			if batch.first().is_some_and(|e| e.attempts == 0) && batch.len() < self.batch_size {
				// Let a batch gather.
				tokio::select! {
					_ = tokio::time::sleep(self.cfg.batch_wait) => {},
					_ = shutdown.changed() => return,
				}
			}
			match self.report_batch().await {
				Ok(()) => backoff = Duration::from_secs(1),
				Err(()) => {
					// The chain could not be asked at all: every report waits.
					tokio::select! {
						_ = tokio::time::sleep(backoff) => {},
						_ = shutdown.changed() => return,
					}
					backoff = backoff.saturating_mul(2).min(Duration::from_secs(60));
				},
			}
		}
	}

	/// Submits the next batch; entries the chain already holds are dropped first (a crash
	/// between submission and removal leaves them in the outbox). `Err` when the outbox or the
	/// chain cannot be read.
	async fn report_batch(&self) -> Result<(), ()> {
		let pending = self.outbox.pending().map_err(|e| tracing::error!(error = %e, "outbox"))?;
		let mut batch = next_batch(&pending, now_ms(), self.batch_size);
		let ids: Vec<_> = batch.iter().map(|e| e.request_id).collect();
		let reported = chain::already_reported(&self.client, &self.account, &ids)
			.await
			.map_err(|err| tracing::warn!(error = %err.one_line(), "cannot query the chain"))?;
		for id in &reported {
			tracing::info!(request_id = id, "already on chain; dropping from the outbox");
			let _ = self.outbox.remove(*id);
		}
		batch.retain(|e| !reported.contains(&e.request_id));
		if batch.is_empty() {
			return Ok(());
		}
		let ids: Vec<_> = batch.iter().map(|e| e.request_id).collect();
		match chain::report(&self.client, &self.signer, &batch).await {
			Ok(extrinsic) => {
				for e in &batch {
					let _ = self.outbox.remove(e.request_id);
				}
				self.metrics.reports_submitted.inc_by(u64::try_from(batch.len()).unwrap_or(0));
				tracing::info!(request_ids = ?ids, %extrinsic, "reported and finalised");
			},
			Err(err) => {
				let reason = err.one_line();
				self.metrics.reports_failed.inc();
				match batch.as_slice() {
					[alone] if refused_for_good(&err) => {
						let dead = Entry { last_error: Some(reason.clone()), ..alone.clone() };
						if let Err(e) = self.outbox.bury(&dead) {
							tracing::error!(error = %e, "cannot move a dead report to outbox/dead/");
						}
						self.metrics.reports_dead.inc();
						self.metrics.dead_reports.inc();
						tracing::warn!(
							request_id = alone.request_id,
							%reason,
							"refused for good; moved to outbox/dead/"
						);
					},
					_ => {
						tracing::warn!(request_ids = ?ids, %reason, "report failed; will retry");
						// A failed batch is retried report by report at once (which one failed
						// is not known); a report that failed alone waits its backoff.
						let alone = batch.len() == 1;
						for mut e in batch {
							e.attempts = e.attempts.saturating_add(1);
							e.last_error = Some(reason.clone());
							e.not_before_ms = if alone {
								let wait = u64::try_from(backoff(e.attempts).as_millis());
								now_ms().saturating_add(wait.unwrap_or(u64::MAX))
							} else {
								0
							};
							let _ = self.outbox.put(&e);
						}
					},
				}
			},
		}
		Ok(())
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;

	fn entry(request_id: u64, attempts: u32, not_before_ms: u64) -> Entry {
		Entry {
			request_id,
			model: 0,
			consumer: [1; 32],
			units: 1,
			output_hash: [2; 32],
			attribution: vec![],
			attempts,
			last_error: None,
			not_before_ms,
		}
	}

	#[test]
	fn a_due_retry_goes_alone_and_one_waiting_holds_no_one_up() {
		let pending = [entry(1, 3, 5_000), entry(2, 1, 900), entry(3, 0, 0), entry(4, 0, 0)];
		let ids = |b: Vec<Entry>| b.iter().map(|e| e.request_id).collect::<Vec<_>>();
		// At 1,000 ms the retry of 2 is due (1's is not): it goes alone.
		assert_eq!(ids(next_batch(&pending, 1_000, 8)), vec![2]);
		// Before any retry is due, the fresh reports go together, up to the batch size.
		assert_eq!(ids(next_batch(&pending, 800, 8)), vec![3, 4]);
		assert_eq!(ids(next_batch(&pending, 800, 1)), vec![3]);
		assert_eq!(ids(next_batch(&pending[..1], 800, 8)), Vec::<u64>::new());
	}

	#[test]
	fn only_refusals_that_cannot_change_are_final() {
		let refused = |name: &str| Error::ReportRefused(name.into());
		assert!(refused_for_good(&refused(
			"Attribution.WithdrawnContribution (An attributed contribution was withdrawn by its \
			 contributor.)"
		)));
		assert!(refused_for_good(&refused("Attribution.ContributionNotFound")));
		assert!(!refused_for_good(&refused("Attribution.ContributionNotFoundYet")));
		assert!(!refused_for_good(&refused("Attribution.AllowanceExceeded (The fee ...)")));
		assert!(!refused_for_good(&refused("Attribution.ContributionNotAccepted")));
		assert!(!refused_for_good(&Error::ReportNotIncluded("Invalid: stale".into())));
	}

	#[test]
	fn backoff_doubles_to_five_minutes() {
		let secs: Vec<u64> = [1, 2, 3, 9, 10, 40].iter().map(|a| backoff(*a).as_secs()).collect();
		assert_eq!(secs, vec![1, 2, 4, 256, 300, 300]);
	}
}
