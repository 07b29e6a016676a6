//! The running service: the HTTP API ([`api`]), the follower of finalised blocks ([`follower`]),
//! the reporter ([`reporter`]) and the models trained for the chain's models ([`models`]), sharing
//! one [`Attestor`].
//!
//! | route | what |
//! |---|---|
//! | `POST /content` | store the body; answers `{hash, size, in_training_set}` (hash to register on chain) |
//! | `GET /content/{hash}` | the content with that blake2-256 hash |
//! | `POST /infer` | `{model, prompt, consumer, seed?, max_words?}` → output, attribution, request id |
//! | `GET /status` | account, chain view, queue depth, dead reports and their reasons |
//! | `GET /metrics` | Prometheus |

pub mod api;
pub mod follower;
pub mod limits;
pub mod models;
pub mod reporter;

use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;
use tokio::sync::{watch, Mutex, Notify, RwLock};

pub use api::router;
pub use models::Trained;

use crate::{
	attribution::Params,
	chain::{self, ChainView, Client},
	content::ContentStore,
	error::{Error, Result},
	metrics::Metrics,
	outbox::Outbox,
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
	/// Attribution parameters (`top_k` is replaced by the chain's `MaxAttributionEntries`).
	pub params: Params,
	/// Longest output, in words.
	pub max_words: usize,
	/// Most reports in one `report_inferences` (`None`: the chain's `MaxBatchSize`; never more).
	pub batch_size: Option<usize>,
	/// How long the reporter lets reports gather before submitting a batch.
	pub batch_wait: Duration,
	/// What each client may use of the API.
	pub limits: limits::LimitConfig,
}

/// The shared state of the service.
pub struct Attestor {
	cfg: Config,
	/// Attribution parameters, with the chain's `MaxAttributionEntries`.
	params: Params,
	/// Most reports per submission, at most the chain's `MaxBatchSize`.
	batch_size: usize,
	/// The chain's SS58 format, for showing accounts.
	ss58_prefix: u16,
	store: ContentStore,
	outputs: PathBuf,
	outbox: Outbox,
	/// Serialises request-id allocation with outbox writes.
	outbox_lock: Mutex<()>,
	view: RwLock<ChainView>,
	models: models::ModelSet,
	/// Prometheus metrics.
	pub metrics: Metrics,
	/// What each client used of the API.
	limits: Arc<limits::Limits>,
	signer: Keypair,
	account: AccountId32,
	client: Client,
	wake: Notify,
}

impl Attestor {
	/// Opens the data directory and connects to the node.
	pub async fn new(cfg: Config, signer: Keypair) -> Result<Arc<Self>> {
		let client = chain::connect(&cfg.node_url).await?;
		let constants = chain::constants(&client, None).await?;
		let view = chain::read_view(&client, None).await?;
		let account = AccountId32(signer.public_key().0);
		let outputs = cfg.data_dir.join("outputs");
		std::fs::create_dir_all(&outputs)
			.map_err(|source| Error::File { path: outputs.clone(), source })?;
		let metrics = Metrics::new();
		metrics.finalized_block.set(i64::try_from(view.block).unwrap_or(i64::MAX));
		let max_batch = usize::try_from(constants.max_batch_size).unwrap_or(usize::MAX).max(1);
		Ok(Arc::new(Self {
			params: Params {
				top_k: usize::try_from(constants.max_attribution_entries).unwrap_or(usize::MAX),
				..cfg.params
			},
			batch_size: cfg.batch_size.unwrap_or(max_batch).clamp(1, max_batch),
			ss58_prefix: constants.ss58_prefix,
			store: ContentStore::open(&cfg.data_dir.join("content"))?,
			outbox: Outbox::open(&cfg.data_dir.join("outbox"))?,
			outputs,
			outbox_lock: Mutex::new(()),
			view: RwLock::new(view),
			models: models::ModelSet::default(),
			metrics,
			limits: limits::Limits::new(cfg.limits),
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

	/// The provider account in the chain's SS58 format.
	pub fn address(&self) -> String {
		chain::ss58(&self.account, self.ss58_prefix)
	}
}

/// Runs the service until SIGINT or SIGTERM: the API, the follower and the reporter. On
/// shutdown the API stops taking requests and the reporter finishes its current submission;
/// whatever is unreported stays in the outbox for the next start.
pub async fn serve(cfg: Config, signer: Keypair) -> Result<()> {
	let attestor = Attestor::new(cfg.clone(), signer).await?;
	tracing::info!(
		account = %attestor.address(),
		listen = %cfg.listen,
		node = %cfg.node_url,
		batch_size = attestor.batch_size,
		"attestor up"
	);
	let (shutdown, stop) = watch::channel(false);
	let follower = tokio::spawn(attestor.clone().follow());
	let reporter = tokio::spawn(attestor.clone().report_loop(stop));
	let listen = |source| Error::Listen { addr: cfg.listen, source };
	let listener = tokio::net::TcpListener::bind(cfg.listen).await.map_err(listen)?;
	axum::serve(listener, router(attestor).into_make_service_with_connect_info::<SocketAddr>())
		.with_graceful_shutdown(async {
			match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
				Ok(mut term) => {
					tokio::select! {
						_ = tokio::signal::ctrl_c() => {},
						_ = term.recv() => {},
					}
				},
				Err(e) => {
					tracing::warn!(error = %e, "no SIGTERM handler; stopping on SIGINT only");
					let _ = tokio::signal::ctrl_c().await;
				},
			}
			tracing::info!("shutting down");
		})
		.await
		.map_err(listen)?;
	let _ = shutdown.send(true);
	follower.abort();
	let _ = tokio::time::timeout(Duration::from_secs(30), reporter).await;
	Ok(())
}
