//! The running service: HTTP API, chain follower and reporter, sharing one [`Attestor`].
//!
//! | route | what |
//! |---|---|
//! | `POST /content` | store the body; answers `{hash, size, accepted}` (hash to register on chain) |
//! | `GET /content/{hash}` | the content with that blake2-256 hash |
//! | `POST /infer` | `{model, prompt, consumer, seed?, max_words?}` → output, attribution, request id |
//! | `GET /status` | account, chain view, queue depth |
//! | `GET /metrics` | Prometheus |

use std::{collections::HashMap, net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

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
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;
use tokio::sync::{watch, Mutex, Notify, RwLock};

use crate::{
	attribution::{attribute, Attribution, Params},
	chain::{self, ChainView, Client},
	content::{parse_hash, to_hex, ContentStore},
	index::CorpusIndex,
	metrics::Metrics,
	model::NgramModel,
	outbox::{Entry, Outbox},
	tokenize::words,
};

/// How the service runs.
#[derive(Clone, Debug)]
pub struct Config {
	/// The node's WebSocket URL.
	pub node_url: String,
	/// Where the HTTP API listens.
	pub listen: SocketAddr,
	/// Content, outputs and the outbox live here.
	pub data_dir: PathBuf,
	/// Largest upload accepted, in bytes.
	pub max_content_bytes: usize,
	/// Attribution parameters.
	pub params: Params,
	/// Longest output, in words.
	pub max_words: usize,
	/// Most reports in one `report_inferences`.
	pub batch_size: usize,
	/// How long the reporter lets reports gather before submitting a batch.
	pub batch_wait: Duration,
}

/// A model trained on a training set, with the index attribution runs on.
pub struct Trained {
	/// The training set it was built from: `(contribution, content hash)` by id.
	pub training_set: Vec<(u64, [u8; 32])>,
	index: CorpusIndex,
	model: NgramModel,
}

impl Trained {
	/// Trains on the contributions' content (`texts` in the same order as `training_set`).
	pub fn build(training_set: Vec<(u64, [u8; 32])>, texts: &[String]) -> Self {
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

/// Why a request is refused.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		(self.0, Json(json!({ "error": self.1 }))).into_response()
	}
}

fn bad(status: StatusCode, msg: impl Into<String>) -> ApiError {
	ApiError(status, msg.into())
}

/// The shared state of the service.
pub struct Attestor {
	cfg: Config,
	store: ContentStore,
	outputs: PathBuf,
	outbox: Outbox,
	/// Serialises request-id allocation with outbox writes.
	outbox_lock: Mutex<()>,
	view: RwLock<ChainView>,
	trained: Mutex<HashMap<u32, Arc<Trained>>>,
	/// Prometheus metrics.
	pub metrics: Metrics,
	signer: Keypair,
	account: AccountId32,
	client: Client,
	wake: Notify,
}

impl Attestor {
	/// Opens the data directory and connects to the node.
	pub async fn new(cfg: Config, signer: Keypair) -> Result<Arc<Self>, chain::ChainError> {
		let client = chain::connect(&cfg.node_url).await?;
		let view = chain::read_view(&client, None).await?;
		let account = AccountId32(signer.public_key().0);
		let outputs = cfg.data_dir.join("outputs");
		std::fs::create_dir_all(&outputs)?;
		let metrics = Metrics::new();
		metrics.finalized_block.set(view.block as i64);
		Ok(Arc::new(Self {
			store: ContentStore::open(&cfg.data_dir.join("content"))?,
			outbox: Outbox::open(&cfg.data_dir.join("outbox"))?,
			outputs,
			outbox_lock: Mutex::new(()),
			view: RwLock::new(view),
			trained: Mutex::new(HashMap::new()),
			metrics,
			signer,
			account,
			client,
			wake: Notify::new(),
			cfg,
		}))
	}

	/// The provider account reports are signed with.
	pub fn account(&self) -> &AccountId32 {
		&self.account
	}

	/// The model trained on `model`'s current training set (built on first use and when the
	/// set changes). Refused unless every training contribution's content is held: otherwise
	/// the attribution would not be the one a verifier recomputes.
	async fn trained(&self, model: u32) -> Result<Arc<Trained>, ApiError> {
		let set = {
			let view = self.view.read().await;
			let m = view
				.models
				.get(&model)
				.ok_or_else(|| bad(StatusCode::NOT_FOUND, format!("no model {model} on chain")))?;
			if !m.active {
				return Err(bad(StatusCode::CONFLICT, format!("model {model} is retired")));
			}
			if !m.providers.contains(&self.account) {
				return Err(bad(
					StatusCode::FORBIDDEN,
					format!(
						"this attestor ({}) is not an authorised provider of model {model}",
						self.account
					),
				));
			}
			view.training_set(model).unwrap_or_default()
		};
		let mut cache = self.trained.lock().await;
		if let Some(t) = cache.get(&model).filter(|t| t.training_set == set) {
			return Ok(t.clone());
		}
		let texts = self.store.texts(&set).map_err(|missing| {
			bad(
				StatusCode::CONFLICT,
				format!("model {model}: the content of training contributions {missing:?} has not been uploaded here"),
			)
		})?;
		if set.is_empty() {
			return Err(bad(
				StatusCode::CONFLICT,
				format!("model {model} has no accepted training content yet"),
			));
		}
		let trained = Arc::new(
			tokio::task::spawn_blocking(move || Trained::build(set, &texts))
				.await
				.map_err(|e| bad(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?,
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

	/// Follows finalised blocks, re-reading the view when datasets or models change. A broken
	/// subscription is opened again every 2 s; if the node itself went away for good, the
	/// service needs a restart (run it under a supervisor): the outbox keeps what is unreported.
	pub async fn follow(self: Arc<Self>) {
		loop {
			if let Err(e) = self.follow_once().await {
				tracing::warn!(error = %e, "chain follower lost the node; retrying in 2 s");
				tokio::time::sleep(Duration::from_secs(2)).await;
			}
		}
	}

	async fn follow_once(&self) -> Result<(), chain::ChainError> {
		let mut blocks = self.client.stream_blocks().await?;
		while let Some(block) = blocks.next().await {
			let number = block?.number();
			if chain::block_changes_view(&self.client, number).await? {
				let view = chain::read_view(&self.client, Some(number)).await?;
				tracing::info!(
					block = number,
					contributions = view.contributions.len(),
					models = view.models.len(),
					"chain view updated"
				);
				*self.view.write().await = view;
			} else {
				self.view.write().await.block = number;
			}
			self.metrics.finalized_block.set(number as i64);
		}
		Err("the block subscription ended".into())
	}

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
			self.metrics.queue_depth.set(pending.len() as i64);
			if pending.is_empty() {
				tokio::select! {
					_ = self.wake.notified() => {},
					_ = tokio::time::sleep(Duration::from_secs(2)) => {},
					_ = shutdown.changed() => return,
				}
				continue;
			}
			if pending.len() < self.cfg.batch_size {
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
					backoff = (backoff * 2).min(Duration::from_secs(60));
				},
			}
		}
	}

	/// Submits one batch; entries the chain already holds are dropped first (a crash between
	/// submission and removal leaves them in the outbox).
	async fn report_batch(&self) -> Result<(), ()> {
		let mut batch = self.outbox.pending().map_err(|e| tracing::error!(error = %e, "outbox"))?;
		batch.truncate(self.cfg.batch_size);
		let ids: Vec<_> = batch.iter().map(|e| e.request_id).collect();
		let reported = chain::already_reported(&self.client, &self.account, &ids)
			.await
			.map_err(|err| tracing::warn!(error = %err, "cannot query the chain"))?;
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
				self.metrics.reports_submitted.inc_by(batch.len() as u64);
				tracing::info!(request_ids = ?ids, %extrinsic, "reported and finalised");
				Ok(())
			},
			Err(err) => {
				let reason = err.to_string();
				self.metrics.reports_failed.inc();
				tracing::warn!(request_ids = ?ids, %reason, "report failed; will retry");
				for mut e in batch {
					e.attempts += 1;
					e.last_error = Some(reason.clone());
					let _ = self.outbox.put(&e);
				}
				Err(())
			},
		}
	}

	/// Serves one inference: generate, attribute, persist to the outbox, answer.
	async fn infer(&self, req: InferRequest) -> Result<serde_json::Value, ApiError> {
		let consumer = parse_account(&req.consumer).ok_or_else(|| {
			bad(
				StatusCode::BAD_REQUEST,
				format!("consumer {:?} is not an account (SS58 or 0x + 64 hex)", req.consumer),
			)
		})?;
		let max_words = req.max_words.unwrap_or(self.cfg.max_words).clamp(1, self.cfg.max_words);
		let trained = self.trained(req.model).await?;
		let prompt = words(&req.prompt);
		let output = trained.model.generate(&prompt, req.seed.unwrap_or(0), max_words);
		if output.is_empty() {
			return Err(bad(
				StatusCode::CONFLICT,
				format!("model {}: its training content has no words to generate from", req.model),
			));
		}
		let text = output.join(" ");
		let attribution = trained.attribute(&output, self.cfg.params);
		let output_hash = crate::content::hash(text.as_bytes());
		crate::outbox::write_atomically(
			&self.outputs.join(hex::encode(output_hash)),
			text.as_bytes(),
		)
		.map_err(internal)?;
		let entry = {
			let _guard = self.outbox_lock.lock().await;
			let entry = Entry {
				request_id: self.outbox.next_request_id().map_err(internal)?,
				model: req.model,
				consumer,
				units: output.len() as u32,
				output_hash,
				attribution: attribution.shares.clone(),
				attempts: 0,
				last_error: None,
			};
			self.outbox.put(&entry).map_err(internal)?;
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

fn internal(e: impl std::fmt::Display) -> ApiError {
	bad(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

/// An account as SS58 or `0x` + 64 hex digits.
pub fn parse_account(s: &str) -> Option<[u8; 32]> {
	parse_hash(s).or_else(|| s.parse::<AccountId32>().ok().map(|a| a.0))
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
	let h = a.store.put(&body).map_err(internal)?;
	a.metrics.uploads.inc();
	let accepted = a.view.read().await.contributions.values().any(|c| c.content_hash == h);
	Ok(Json(json!({ "hash": to_hex(&h), "size": body.len(), "accepted": accepted })))
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
		"account": a.account.to_string(),
		"finalized_block": view.block,
		"accepted_contributions": view.contributions.len(),
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

/// Runs the service until SIGINT or SIGTERM: the API, the follower and the reporter. On
/// shutdown the API stops taking requests and the reporter finishes its current submission;
/// whatever is unreported stays in the outbox for the next start.
pub async fn serve(cfg: Config, signer: Keypair) -> Result<(), chain::ChainError> {
	let attestor = Attestor::new(cfg.clone(), signer).await?;
	tracing::info!(account = %attestor.account(), listen = %cfg.listen, node = %cfg.node_url, "attestor up");
	let (shutdown, stop) = watch::channel(false);
	let follower = tokio::spawn(attestor.clone().follow());
	let reporter = tokio::spawn(attestor.clone().report_loop(stop));
	let listener = tokio::net::TcpListener::bind(cfg.listen).await?;
	axum::serve(listener, router(attestor))
		.with_graceful_shutdown(async {
			let mut term =
				tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
					.expect("SIGTERM handler installs; qed");
			tokio::select! {
				_ = tokio::signal::ctrl_c() => {},
				_ = term.recv() => {},
			}
			tracing::info!("shutting down");
		})
		.await?;
	let _ = shutdown.send(true);
	follower.abort();
	let _ = tokio::time::timeout(Duration::from_secs(30), reporter).await;
	Ok(())
}
