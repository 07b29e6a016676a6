//! The model set: for each on-chain model this attestor provides, an n-gram model and a corpus
//! index trained on exactly its training set, built on first use and again whenever the chain
//! changes that set.

use std::{collections::HashMap, sync::Arc};

use tokio::sync::Mutex;

use super::Attestor;
use crate::{
	attribution::{attribute, Attribution, Params},
	chain::TrainingContribution,
	error::{Error, Result},
	index::CorpusIndex,
	model::NgramModel,
	tokenize::words,
};

/// A model trained on a training set, with the index attribution runs on.
pub struct Trained {
	/// The training set it was built from: `(contribution, content hash)` by id.
	pub training_set: Vec<TrainingContribution>,
	pub(crate) index: CorpusIndex,
	pub(crate) model: NgramModel,
}

impl Trained {
	/// Trains on the contributions' content (`texts` in the same order as `training_set`).
	pub fn build(training_set: Vec<TrainingContribution>, texts: &[String]) -> Self {
		let docs: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
		let index = CorpusIndex::build(
			training_set.iter().zip(&docs).map(|((id, _), d)| (*id, d.as_slice())),
		);
		let model = NgramModel::train(docs.iter().map(Vec::as_slice));
		Self { training_set, index, model }
	}

	/// The attribution of `output` over this training set.
	pub fn attribute(&self, output: &[String], params: Params) -> Attribution {
		attribute(&self.index, output, params)
	}
}

/// The trained models, by on-chain model id.
#[derive(Default)]
pub struct ModelSet {
	trained: Mutex<HashMap<u32, Arc<Trained>>>,
}

impl Attestor {
	/// The model trained on `model`'s current training set (built on first use and when the
	/// set changes). Refused unless every training contribution's content is held: otherwise
	/// the attribution would not be the one a verifier recomputes.
	pub(super) async fn trained(&self, model: u32) -> Result<Arc<Trained>> {
		let set = {
			let view = self.view.read().await;
			let m = view.models.get(&model).ok_or(Error::ModelUnknown(model))?;
			if !m.active {
				return Err(Error::ModelRetired(model));
			}
			if !m.providers.contains(&self.account) {
				return Err(Error::NotProvider { account: self.address(), model });
			}
			m.training_set.clone()
		};
		let mut cache = self.models.trained.lock().await;
		if let Some(t) = cache.get(&model).filter(|t| t.training_set == set) {
			return Ok(t.clone());
		}
		let texts = self
			.store
			.texts(&set)
			.map_err(|missing| Error::TrainingContentMissing { model, missing })?;
		if set.is_empty() {
			return Err(Error::NoTrainingContent(model));
		}
		let trained = Arc::new(
			tokio::task::spawn_blocking(move || Trained::build(set, &texts))
				.await
				.map_err(|e| Error::Training { model, reason: e.to_string() })?,
		);
		tracing::info!(
			model,
			contributions = trained.training_set.len(),
			tokens = trained.index.len(),
			"trained"
		);
		cache.insert(model, trained.clone());
		Ok(trained)
	}
}
