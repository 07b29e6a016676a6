//! The follower of finalised blocks: keeps the service's view of the models and their training
//! sets at the finalised head, re-reading it when a block's events touch datasets or models.

use std::{sync::Arc, time::Duration};

use super::Attestor;
use crate::{
	chain,
	error::{Error, Result},
};

impl Attestor {
	/// Follows finalised blocks, re-reading the view when datasets or models change. A broken
	/// subscription is opened again every 2 s; if the node itself went away for good, the
	/// service needs a restart (run it under a supervisor): the outbox keeps what is unreported.
	pub async fn follow(self: Arc<Self>) {
		loop {
			if let Err(e) = self.follow_once().await {
				tracing::warn!(error = %e.one_line(), "chain follower lost the node; retrying in 2 s");
				tokio::time::sleep(Duration::from_secs(2)).await;
			}
		}
	}

	async fn follow_once(&self) -> Result<()> {
		let doing = "follow finalised blocks";
		let mut blocks = self.client.stream_blocks().await.map_err(chain::failed(doing))?;
		while let Some(block) = blocks.next().await {
			let number = block.map_err(chain::failed(doing))?.number();
			if chain::block_changes_view(&self.client, number).await? {
				let view = chain::read_view(&self.client, Some(number)).await?;
				tracing::info!(
					block = number,
					training_contributions = view.training_contributions(),
					models = view.models.len(),
					"chain view updated"
				);
				*self.view.write().await = view;
			} else {
				self.view.write().await.block = number;
			}
			self.metrics.finalized_block.set(i64::try_from(number).unwrap_or(i64::MAX));
		}
		Err(Error::SubscriptionEnded)
	}
}
