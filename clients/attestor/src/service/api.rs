//! The HTTP API: content intake, inferences (generate, attribute, persist to the outbox, answer),
//! status and metrics.

use std::sync::Arc;

use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, State},
	http::{header, StatusCode},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use serde::Deserialize;
use serde_json::json;

use super::Attestor;
use crate::{
	chain::parse_account,
	content::{parse_hash, to_hex},
	error::Error,
	outbox::Entry,
	tokenize::words,
};

/// Why a request is refused: a status code and a message.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		(self.0, Json(json!({ "error": self.1 }))).into_response()
	}
}

impl From<Error> for ApiError {
	fn from(e: Error) -> Self {
		let status = match &e {
			Error::ModelUnknown(_) => StatusCode::NOT_FOUND,
			Error::NotProvider { .. } => StatusCode::FORBIDDEN,
			Error::ModelRetired(_)
			| Error::TrainingContentMissing { .. }
			| Error::NoTrainingContent(_)
			| Error::NothingToGenerate(_) => StatusCode::CONFLICT,
			Error::BadConsumer(_) => StatusCode::BAD_REQUEST,
			_ => StatusCode::INTERNAL_SERVER_ERROR,
		};
		ApiError(status, e.one_line())
	}
}

fn bad(status: StatusCode, msg: impl Into<String>) -> ApiError {
	ApiError(status, msg.into())
}

/// The body of `POST /infer`.
#[derive(Deserialize)]
pub struct InferRequest {
	/// The on-chain model id.
	pub model: u32,
	/// The prompt text.
	pub prompt: String,
	/// Who pays (they must have approved this provider for the model).
	pub consumer: String,
	/// Generation seed (default 0).
	pub seed: Option<u64>,
	/// Output length in words (default and maximum: the service's `--max-words`).
	pub max_words: Option<usize>,
}

impl Attestor {
	/// Serves one inference: generate, attribute, persist to the outbox, answer.
	async fn infer(&self, req: InferRequest) -> Result<serde_json::Value, ApiError> {
		let consumer =
			parse_account(&req.consumer).ok_or_else(|| Error::BadConsumer(req.consumer.clone()))?;
		let max_words = req.max_words.unwrap_or(self.cfg.max_words).clamp(1, self.cfg.max_words);
		let trained = self.trained(req.model).await?;
		let prompt = words(&req.prompt);
		let output = trained.model.generate(&prompt, req.seed.unwrap_or(0), max_words);
		if output.is_empty() {
			return Err(Error::NothingToGenerate(req.model).into());
		}
		let text = output.join(" ");
		let attribution = trained.attribute(&output, self.params);
		let output_hash = crate::content::hash(text.as_bytes());
		let path = self.outputs.join(hex::encode(output_hash));
		crate::outbox::write_atomically(&path, text.as_bytes())
			.map_err(|source| Error::File { path, source })?;
		let entry = {
			let _guard = self.outbox_lock.lock().await;
			let entry = Entry {
				request_id: self.outbox.next_request_id()?,
				model: req.model,
				consumer,
				// At most `--max-words` words.
				units: u32::try_from(output.len()).unwrap_or(u32::MAX),
				output_hash,
				attribution: attribution.shares.clone(),
				attempts: 0,
				last_error: None,
			};
			self.outbox.put(&entry)?;
			entry
		};
		self.metrics.inferences.inc();
		self.wake.notify_one();
		Ok(json!({
			"request_id": entry.request_id,
			"model": req.model,
			"output": text,
			"output_hash": to_hex(&output_hash),
			"units": entry.units,
			"coverage_ppb": attribution.coverage,
			"attribution": attribution.shares.iter()
				.map(|(c, p)| json!({ "contribution": c, "share_ppb": p }))
				.collect::<Vec<_>>(),
		}))
	}
}

async fn put_content(
	State(a): State<Arc<Attestor>>,
	body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
	let body = body.map_err(|e| match e.status() {
		StatusCode::PAYLOAD_TOO_LARGE => bad(
			StatusCode::PAYLOAD_TOO_LARGE,
			format!(
				"upload too large: this attestor takes at most {} bytes",
				a.cfg.max_content_bytes
			),
		),
		status => bad(status, e.body_text()),
	})?;
	if body.is_empty() {
		return Err(bad(StatusCode::BAD_REQUEST, "empty upload"));
	}
	let h = a.store.put(&body)?;
	a.metrics.uploads.inc();
	let in_training_set = a.view.read().await.is_training_content(&h);
	Ok(Json(json!({ "hash": to_hex(&h), "size": body.len(), "in_training_set": in_training_set })))
}

async fn get_content(
	State(a): State<Arc<Attestor>>,
	Path(hash): Path<String>,
) -> Result<Response, ApiError> {
	let h = parse_hash(&hash).ok_or_else(|| {
		bad(StatusCode::BAD_REQUEST, format!("{hash:?} is not a 32-byte hex hash"))
	})?;
	let bytes = a
		.store
		.get(&h)
		.ok_or_else(|| bad(StatusCode::NOT_FOUND, format!("no content with hash {hash}")))?;
	Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
}

async fn infer(
	State(a): State<Arc<Attestor>>,
	body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
	let req: InferRequest = serde_json::from_slice(&body)
		.map_err(|e| bad(StatusCode::BAD_REQUEST, format!("bad inference request: {e}")))?;
	a.infer(req).await.map(Json)
}

async fn status(State(a): State<Arc<Attestor>>) -> Json<serde_json::Value> {
	let view = a.view.read().await;
	let pending = a.outbox.pending().unwrap_or_default();
	Json(json!({
		"account": a.address(),
		"finalized_block": view.block,
		"training_contributions": view.training_contributions(),
		"models": view.models.keys().collect::<Vec<_>>(),
		"provides": view.models.iter()
			.filter(|(_, m)| m.active && m.providers.contains(&a.account))
			.map(|(id, _)| id)
			.collect::<Vec<_>>(),
		"held_content": a.store.count(),
		"pending_reports": pending.len(),
		"last_report_error": pending.iter().find_map(|e| e.last_error.clone()),
	}))
}

async fn metrics(State(a): State<Arc<Attestor>>) -> String {
	a.metrics.render()
}

/// The HTTP API.
pub fn router(a: Arc<Attestor>) -> Router {
	let limit = a.cfg.max_content_bytes;
	Router::new()
		.route("/content", post(put_content))
		.route("/content/{hash}", get(get_content))
		.route("/infer", post(infer))
		.route("/status", get(status))
		.route("/metrics", get(metrics))
		.layer(DefaultBodyLimit::max(limit))
		.with_state(a)
}
