//! The reporter: takes what the outbox holds, in batches, drops what the chain already has,
//! submits the rest as one signed `report_inferences`, and removes it once finalised. Failures
//! are retried with exponential backoff, one report at a time after a failed batch.

use std::{sync::Arc, time::Duration};

use tokio::sync::watch;

use super::Attestor;
use crate::chain;

impl Attestor {
	/// Reports what is in the outbox, in batches, until `shutdown` fires.
	pub async fn report_loop(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
		let mut backoff = Duration::from_secs(1);
		loop {
			let pending = match self.outbox.pending() {
				Ok(p) => p,
				Err(e) => {
					tracing::error!(error = %e, "cannot read the outbox");
					Vec::new()
				},
			};
			self.metrics.queue_depth.set(i64::try_from(pending.len()).unwrap_or(i64::MAX));
			if pending.is_empty() {
				tokio::select! {
					_ = self.wake.notified() => {},
					_ = tokio::time::sleep(Duration::from_secs(2)) => {},
					_ = shutdown.changed() => return,
				}
				continue;
			}
			if pending.len() < self.batch_size {
				// Let a batch gather.
				tokio::select! {
					_ = tokio::time::sleep(self.cfg.batch_wait) => {},
					_ = shutdown.changed() => return,
				}
			}
			match self.report_batch().await {
				Ok(()) => backoff = Duration::from_secs(1),
				Err(()) => {
					tokio::select! {
						_ = tokio::time::sleep(backoff) => {},
						_ = shutdown.changed() => return,
					}
					backoff = backoff.saturating_mul(2).min(Duration::from_secs(60));
				},
			}
		}
	}

	/// Submits one batch; entries the chain already holds are dropped first (a crash between
	/// submission and removal leaves them in the outbox).
	async fn report_batch(&self) -> Result<(), ()> {
		let mut batch = self.outbox.pending().map_err(|e| tracing::error!(error = %e, "outbox"))?;
		batch.truncate(self.batch_size);
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
		// After a failed batch, report one at a time so one bad report cannot hold the rest.
		if batch.iter().any(|e| e.attempts > 0) {
			batch.truncate(1);
		}
		let ids: Vec<_> = batch.iter().map(|e| e.request_id).collect();
		match chain::report(&self.client, &self.signer, &batch).await {
			Ok(extrinsic) => {
				for e in &batch {
					let _ = self.outbox.remove(e.request_id);
				}
				self.metrics.reports_submitted.inc_by(u64::try_from(batch.len()).unwrap_or(0));
				tracing::info!(request_ids = ?ids, %extrinsic, "reported and finalised");
				Ok(())
			},
			Err(err) => {
				let reason = err.one_line();
				self.metrics.reports_failed.inc();
				tracing::warn!(request_ids = ?ids, %reason, "report failed; will retry");
				for mut e in batch {
					e.attempts = e.attempts.saturating_add(1);
					e.last_error = Some(reason.clone());
					let _ = self.outbox.put(&e);
				}
				Err(())
			},
		}
	}
}
