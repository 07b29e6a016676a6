//! `tributary-attestor`: the inference provider service of Tributary, and the tools around it.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, str::FromStr, time::Duration};

use clap::{Parser, Subcommand};
use subxt_signer::{sr25519::Keypair, SecretUri};
use tributary_attestor::{
	attribution::Params,
	chain,
	content::{to_hex, ContentStore},
	error::{Error, Result},
	outbox::write_atomically,
	service::{self, limits::LimitConfig, Config, Trained},
	tokenize::words,
};

/// Tributary's inference provider: holds contributed content, trains an n-gram model for each
/// on-chain model it serves, answers inferences, attributes every output to the training
/// contributions it reproduces, and reports each paid inference on chain.
#[derive(Parser)]
#[command(name = "tributary-attestor", version)]
struct Cli {
	#[command(subcommand)]
	command: Command,
	/// Log as JSON lines instead of text.
	#[arg(long, global = true)]
	log_json: bool,
}

#[derive(Subcommand)]
enum Command {
	/// Run the service: HTTP API, chain follower and reporter.
	///
	/// The provider key comes from --key-file (a file holding a secret URI or mnemonic, readable
	/// only by its owner) or, if that is not given, from the environment variable
	/// TRIBUTARY_ATTESTOR_SURI. It is never taken from the command line.
	Serve {
		/// The node's WebSocket URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// Address of the HTTP API.
		#[arg(long, default_value = "127.0.0.1:8088")]
		listen: SocketAddr,
		/// Directory for content, outputs and the outbox.
		#[arg(long, default_value = "attestor-data")]
		data_dir: PathBuf,
		/// File holding the provider's secret URI or mnemonic.
		#[arg(long)]
		key_file: Option<PathBuf>,
		/// Largest content upload, in bytes.
		#[arg(long, default_value_t = 10 * 1024 * 1024)]
		max_content_bytes: usize,
		/// Longest output, in words.
		#[arg(long, default_value_t = 64)]
		max_words: usize,
		/// Most reports per `report_inferences` (default and maximum: the chain's
		/// `Attribution::MaxBatchSize`).
		#[arg(long)]
		batch_size: Option<usize>,
		/// Milliseconds the reporter lets a batch gather.
		#[arg(long, default_value_t = 1000)]
		batch_wait_ms: u64,
		/// Seconds over which each client's request and upload budgets refill.
		#[arg(long, default_value_t = 60)]
		limit_window_secs: u64,
		/// Requests to /content and /infer one client (IP address) may make per window.
		#[arg(long, default_value_t = 600)]
		requests_per_window: u32,
		/// Content bytes one client may upload per window.
		#[arg(long, default_value_t = 256 * 1024 * 1024)]
		upload_bytes_per_window: u64,
		/// Requests one client may have in flight at once.
		#[arg(long, default_value_t = 8)]
		concurrent_requests: u32,
		/// Longest a request may take, reading its body included, in seconds.
		#[arg(long, default_value_t = 30)]
		request_timeout_secs: u64,
	},
	/// Re-run the attribution of a receipt on chain and say whether it matches.
	///
	/// Needs the content of the model's training contributions (in --data-dir) and the output
	/// text (kept by the attestor that served it, or given with --output-file).
	Verify {
		/// The receipt id.
		receipt: u64,
		/// The node's WebSocket URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// The attestor data directory holding the content (and outputs).
		#[arg(long, default_value = "attestor-data")]
		data_dir: PathBuf,
		/// The output text, if it is not in the data directory.
		#[arg(long)]
		output_file: Option<PathBuf>,
	},
	/// Show a running attestor's status (account, chain view, queue depth).
	Status {
		/// The attestor's HTTP address.
		#[arg(long, default_value = "http://127.0.0.1:8088")]
		url: String,
	},
	/// Fetch the node's runtime metadata (v16), which the attestor's chain code is generated
	/// from, and write it to --out; or, with --check, say whether --out is still the node's.
	///
	/// Run it after a runtime change, then rebuild (scripts/attestor-metadata.sh starts a dev
	/// node, runs this and makes cargo rebuild the generated code).
	Metadata {
		/// The node's WebSocket URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// The metadata file.
		#[arg(long, default_value = "clients/attestor/metadata/tributary.scale")]
		out: PathBuf,
		/// Only compare: exit 1 if the file is not the node's metadata.
		#[arg(long)]
		check: bool,
	},
}

fn load_key(key_file: Option<PathBuf>) -> Result<Keypair> {
	let secret = match key_file {
		Some(path) => {
			#[cfg(unix)]
			{
				use std::os::unix::fs::PermissionsExt;
				let mode = std::fs::metadata(&path)
					.map_err(|e| Error::ProviderKey(format!("key file {}: {e}", path.display())))?
					.permissions()
					.mode();
				if mode & 0o077 != 0 {
					return Err(Error::ProviderKey(format!(
						"key file {} is readable by others (mode {:o}); chmod 600 it",
						path.display(),
						mode & 0o777
					)));
				}
			}
			std::fs::read_to_string(&path)
				.map_err(|e| Error::ProviderKey(format!("key file {}: {e}", path.display())))?
		},
		None => std::env::var("TRIBUTARY_ATTESTOR_SURI").map_err(|_| {
			Error::ProviderKey(
				"none given: give --key-file PATH or set TRIBUTARY_ATTESTOR_SURI".to_string(),
			)
		})?,
	};
	let uri = SecretUri::from_str(secret.trim())
		.map_err(|e| Error::ProviderKey(format!("invalid secret URI: {e}")))?;
	Keypair::from_uri(&uri).map_err(|e| Error::ProviderKey(format!("invalid key: {e}")))
}

async fn verify(
	receipt: u64,
	node: String,
	data_dir: PathBuf,
	output_file: Option<PathBuf>,
) -> Result<bool> {
	let client = chain::connect(&node).await?;
	let r = chain::receipt(&client, receipt).await?.ok_or(Error::ReceiptUnknown(receipt))?;
	let output = match output_file {
		Some(path) => std::fs::read(&path).map_err(|source| Error::File { path, source })?,
		None => std::fs::read(data_dir.join("outputs").join(hex::encode(r.output_hash))).map_err(
			|_| Error::OutputMissing { hash: to_hex(&r.output_hash), dir: data_dir.clone() },
		)?,
	};
	if tributary_attestor::content::hash(&output) != r.output_hash {
		return Err(Error::OutputHashMismatch);
	}
	// The training set and the attribution bound as the chain had them at the receipt's block.
	let constants = chain::constants(&client, Some(r.block)).await?;
	let set = chain::training_set(&client, Some(r.block), r.model)
		.await?
		.ok_or(Error::ModelUnknown(r.model))?;
	let store = ContentStore::open(&data_dir.join("content"))?;
	let texts = store
		.texts(&set)
		.map_err(|missing| Error::VerifyContentMissing { missing, dir: data_dir.clone() })?;
	let n = set.len();
	let trained = Trained::build(set, &texts);
	let params = Params {
		top_k: usize::try_from(constants.max_attribution_entries).unwrap_or(usize::MAX),
		..Params::default()
	};
	let recomputed = trained.attribute(&words(&String::from_utf8_lossy(&output)), params);
	let fmt = |s: &[(u64, u32)]| {
		s.iter()
			.map(|(c, p)| format!("{c}: {:.4} %", f64::from(*p) / 1e7))
			.collect::<Vec<_>>()
			.join(", ")
	};
	println!(
		"receipt {receipt}: model {}, block #{}, {n} training contributions",
		r.model, r.block
	);
	println!("  on chain:   {}", fmt(&r.attribution));
	println!("  recomputed: {}", fmt(&recomputed.shares));
	let ok = recomputed.shares == r.attribution;
	println!(
		"{}",
		if ok { "MATCH: the attribution on chain is the one the method gives" } else { "MISMATCH" }
	);
	Ok(ok)
}

async fn status(url: String) -> Result<()> {
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	let unreachable =
		|e: std::io::Error| Error::AttestorUnreachable { url: url.clone(), reason: e.to_string() };
	let addr = url.trim_start_matches("http://").trim_end_matches('/');
	let mut stream = tokio::net::TcpStream::connect(addr).await.map_err(unreachable)?;
	stream
		.write_all(
			format!("GET /status HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
		)
		.await
		.map_err(unreachable)?;
	let mut raw = String::new();
	stream.read_to_string(&mut raw).await.map_err(unreachable)?;
	let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
	let v: serde_json::Value = serde_json::from_str(body)
		.map_err(|e| Error::UnexpectedAnswer { url: url.clone(), reason: e.to_string() })?;
	println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
	Ok(())
}

/// Writes the node's metadata to `out`, or checks that `out` holds it.
async fn metadata(node: String, out: PathBuf, check: bool) -> Result<()> {
	let client = chain::connect(&node).await?;
	let fetched = chain::fetch_metadata(&client).await?;
	let v = chain::METADATA_VERSION;
	if check {
		let held =
			std::fs::read(&out).map_err(|source| Error::File { path: out.clone(), source })?;
		if held != fetched {
			return Err(Error::MetadataStale { path: out, file: held.len(), node: fetched.len() });
		}
		println!("{} is the node's metadata ({} bytes, v{v})", out.display(), fetched.len());
	} else {
		write_atomically(&out, &fetched)
			.map_err(|source| Error::File { path: out.clone(), source })?;
		println!("wrote {}: {} bytes, metadata v{v}", out.display(), fetched.len());
	}
	Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let filter = tracing_subscriber::EnvFilter::try_from_default_env()
		.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
	if cli.log_json {
		tracing_subscriber::fmt().json().with_env_filter(filter).init();
	} else {
		tracing_subscriber::fmt().with_env_filter(filter).init();
	}
	let result = match cli.command {
		Command::Serve {
			node,
			listen,
			data_dir,
			key_file,
			max_content_bytes,
			max_words,
			batch_size,
			batch_wait_ms,
			limit_window_secs,
			requests_per_window,
			upload_bytes_per_window,
			concurrent_requests,
			request_timeout_secs,
		} => match load_key(key_file) {
			Err(e) => Err(e),
			Ok(signer) => {
				let cfg = Config {
					node_url: node,
					listen,
					data_dir,
					max_content_bytes,
					params: Params::default(),
					max_words,
					batch_size,
					batch_wait: Duration::from_millis(batch_wait_ms),
					limits: LimitConfig {
						requests: requests_per_window,
						upload_bytes: upload_bytes_per_window,
						concurrent: concurrent_requests,
						window: Duration::from_secs(limit_window_secs.max(1)),
						timeout: Duration::from_secs(request_timeout_secs.max(1)),
					},
				};
				service::serve(cfg, signer).await
			},
		},
		Command::Verify { receipt, node, data_dir, output_file } => {
			match verify(receipt, node, data_dir, output_file).await {
				Ok(true) => Ok(()),
				Ok(false) => return ExitCode::from(2),
				Err(e) => Err(e),
			}
		},
		Command::Status { url } => status(url).await,
		Command::Metadata { node, out, check } => metadata(node, out, check).await,
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {}", e.one_line());
			ExitCode::FAILURE
		},
	}
}
