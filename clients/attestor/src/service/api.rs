//! The HTTP API: content intake, inferences (generate, attribute, persist to the outbox, answer),
//! status and metrics. Content and inferences are limited per client ([`super::limits`]).

use std::{net::SocketAddr, sync::Arc, time::Instant};

use axum::{
	body::Bytes,
	extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State},
	http::{header, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use serde::Deserialize;
use serde_json::json;

use super::{limits::Refusal, Attestor};
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

/// `429 Too Many Requests`, with `Retry-After` and the limit.
fn too_many(r: Refusal) -> Response {
	let retry_after = r.retry_after.as_secs().max(1).to_string();
	let body = Json(json!({ "error": r.reason }));
	(StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, retry_after)], body).into_response()
}

/// Admits a request within its client's limits and runs it within the deadline. (An inference
/// can only be cut short before it is written to the outbox: nothing after that write awaits.)
async fn limited(
	State(a): State<Arc<Attestor>>,
	ConnectInfo(peer): ConnectInfo<SocketAddr>,
	req: Request,
	next: Next,
) -> Response {
	let _permit = match a.limits.admit(peer.ip(), Instant::now()) {
		Ok(permit) => permit,
		Err(refusal) => return too_many(refusal),
	};
	let timeout = a.limits.config().timeout;
	match tokio::time::timeout(timeout, next.run(req)).await {
		Ok(response) => response,
		Err(_) => bad(
			StatusCode::REQUEST_TIMEOUT,
			format!("the request took longer than this attestor's {} s", timeout.as_secs()),
		)
		.into_response(),
	}
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
				not_before_ms: 0,
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
	ConnectInfo(peer): ConnectInfo<SocketAddr>,
	body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<serde_json::Value>, Response> {
	let body = body
		.map_err(|e| match e.status() {
			StatusCode::PAYLOAD_TOO_LARGE => bad(
				StatusCode::PAYLOAD_TOO_LARGE,
				format!(
					"upload too large: this attestor takes at most {} bytes",
					a.cfg.max_content_bytes
				),
			),
			status => bad(status, e.body_text()),
		})
		.map_err(IntoResponse::into_response)?;
	if body.is_empty() {
		return Err(bad(StatusCode::BAD_REQUEST, "empty upload").into_response());
	}
	let size = u64::try_from(body.len()).unwrap_or(u64::MAX);
	a.limits.charge_upload(peer.ip(), size, Instant::now()).map_err(too_many)?;
	let h = a.store.put(&body).map_err(|e| ApiError::from(e).into_response())?;
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
	let dead = a.outbox.dead().unwrap_or_default();
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
		"dead_reports": dead.len(),
		"dead": dead.iter()
			.map(|e| json!({ "request_id": e.request_id, "reason": e.last_error }))
			.collect::<Vec<_>>(),
	}))
}

async fn metrics(State(a): State<Arc<Attestor>>) -> String {
	a.metrics.render()
}

/// The HTTP API.
pub fn router(a: Arc<Attestor>) -> Router {
	let limit = a.cfg.max_content_bytes;
	let served = Router::new()
		.route("/content", post(put_content))
		.route("/content/{hash}", get(get_content))
		.route("/infer", post(infer))
		.route_layer(middleware::from_fn_with_state(a.clone(), limited));
	// Status and metrics stay unlimited, for monitoring.
	Router::new()
		.merge(served)
		.route("/status", get(status))
		.route("/metrics", get(metrics))
		.layer(DefaultBodyLimit::max(limit))
		.with_state(a)
}
