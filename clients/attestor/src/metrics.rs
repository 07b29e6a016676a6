//! Prometheus metrics, served at `GET /metrics`.

use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};

/// The attestor's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// Inferences served (and queued for reporting).
	pub inferences: IntCounter,
	/// Inference reports the chain finalised.
	pub reports_submitted: IntCounter,
	/// Failed report submissions (each attempt).
	pub reports_failed: IntCounter,
	/// Reports the chain refused for good, moved to `outbox/dead/`.
	pub reports_dead: IntCounter,
	/// Reports waiting in the outbox.
	pub queue_depth: IntGauge,
	/// Reports in `outbox/dead/`.
	pub dead_reports: IntGauge,
	/// Content uploads accepted.
	pub uploads: IntCounter,
	/// The finalised block the chain view is at.
	pub finalized_block: IntGauge,
}

impl Metrics {
	/// Registers every metric.
	#[allow(clippy::expect_used)]
	pub fn new() -> Self {
		let registry = Registry::new_custom(Some("tributary_attestor".into()), None)
			.expect("a constant prefix is valid; qed");
		let counter = |name: &str, help: &str| {
			let c = IntCounter::new(name, help).expect("valid metric name; qed");
			registry.register(Box::new(c.clone())).expect("registered once; qed");
			c
		};
		let inferences = counter("inferences_total", "Inferences served");
		let reports_submitted =
			counter("reports_submitted_total", "Inference reports finalised on chain");
		let reports_failed = counter("reports_failed_total", "Failed report submissions");
		let reports_dead =
			counter("reports_dead_total", "Reports the chain refused for good (outbox/dead/)");
		let uploads = counter("content_uploads_total", "Content uploads stored");
		let gauge = |name: &str, help: &str| {
			let g = IntGauge::new(name, help).expect("valid metric name; qed");
			registry.register(Box::new(g.clone())).expect("registered once; qed");
			g
		};
		let queue_depth = gauge("queue_depth", "Reports waiting in the outbox");
		let dead_reports =
			gauge("dead_reports", "Reports the chain refused for good, in outbox/dead/");
		let finalized_block = gauge("finalized_block", "Finalised block of the chain view");
		Self {
			registry,
			inferences,
			reports_submitted,
			reports_failed,
			reports_dead,
			queue_depth,
			dead_reports,
			uploads,
			finalized_block,
		}
	}

	/// The text exposition format.
	pub fn render(&self) -> String {
		let mut out = Vec::new();
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
		String::from_utf8(out).unwrap_or_default()
	}
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}
