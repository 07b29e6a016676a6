//! `tributary-attestor`: the inference provider service of Tributary, and the tools around it.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, str::FromStr, time::Duration};

use clap::{Parser, Subcommand};
use subxt_signer::{sr25519::Keypair, SecretUri};
use tributary_attestor::{
	attribution::Params,
	chain,
	content::{to_hex, ContentStore},
	service::{self, Config, Trained},
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
		/// Most reports per `report_inferences` (the chain takes 32).
		#[arg(long, default_value_t = 32)]
		batch_size: usize,
		/// Milliseconds the reporter lets a batch gather.
		#[arg(long, default_value_t = 1000)]
		batch_wait_ms: u64,
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
}

fn load_key(key_file: Option<PathBuf>) -> Result<Keypair, String> {
	let secret = match key_file {
		Some(path) => {
			#[cfg(unix)]
			{
				use std::os::unix::fs::PermissionsExt;
				let mode = std::fs::metadata(&path)
					.map_err(|e| format!("key file {}: {e}", path.display()))?
					.permissions()
					.mode();
				if mode & 0o077 != 0 {
					return Err(format!(
						"key file {} is readable by others (mode {:o}); chmod 600 it",
						path.display(),
						mode & 0o777
					));
				}
			}
			std::fs::read_to_string(&path)
				.map_err(|e| format!("key file {}: {e}", path.display()))?
		},
		None => std::env::var("TRIBUTARY_ATTESTOR_SURI").map_err(|_| {
			"no provider key: give --key-file PATH or set TRIBUTARY_ATTESTOR_SURI".to_string()
		})?,
	};
	let uri = SecretUri::from_str(secret.trim()).map_err(|e| format!("invalid secret URI: {e}"))?;
	Keypair::from_uri(&uri).map_err(|e| format!("invalid key: {e}"))
}

async fn verify(
	receipt: u64,
	node: String,
	data_dir: PathBuf,
	output_file: Option<PathBuf>,
) -> Result<bool, String> {
	let client = chain::connect(&node).await.map_err(|e| format!("cannot reach {node}: {e}"))?;
	let r =
		chain::receipt(&client, receipt).await.map_err(|e| e.to_string())?.ok_or_else(|| {
			format!("no receipt {receipt} on chain (receipts are kept for a bounded time)")
		})?;
	let output = match output_file {
		Some(p) => std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?,
		None => std::fs::read(data_dir.join("outputs").join(hex::encode(r.output_hash))).map_err(
			|_| {
				format!(
					"the output {} is not in {}; give --output-file",
					to_hex(&r.output_hash),
					data_dir.display()
				)
			},
		)?,
	};
	if tributary_attestor::content::hash(&output) != r.output_hash {
		return Err("the output text does not hash to the receipt's output hash".into());
	}
	let view = chain::read_view(&client, Some(r.block)).await.map_err(|e| e.to_string())?;
	let set =
		view.training_set(r.model).ok_or_else(|| format!("model {} not on chain", r.model))?;
	let store = ContentStore::open(&data_dir.join("content")).map_err(|e| e.to_string())?;
	let texts = store.texts(&set).map_err(|missing| {
		format!(
			"cannot recompute: the content of contributions {missing:?} is not in {}",
			data_dir.display()
		)
	})?;
	let n = set.len();
	let trained = Trained::build(set, &texts);
	let recomputed =
		trained.attribute(&words(&String::from_utf8_lossy(&output)), Params::default());
	let fmt = |s: &[(u64, u32)]| {
		s.iter()
			.map(|(c, p)| format!("{c}: {:.4} %", *p as f64 / 1e7))
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

async fn status(url: String) -> Result<(), String> {
	let addr = url.trim_start_matches("http://").trim_end_matches('/');
	let mut stream = tokio::net::TcpStream::connect(addr)
		.await
		.map_err(|e| format!("cannot reach {url}: {e}"))?;
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	stream
		.write_all(
			format!("GET /status HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
		)
		.await
		.map_err(|e| e.to_string())?;
	let mut raw = String::new();
	stream.read_to_string(&mut raw).await.map_err(|e| e.to_string())?;
	let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
	let v: serde_json::Value =
		serde_json::from_str(body).map_err(|e| format!("unexpected answer from {url}: {e}"))?;
	println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
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
					batch_size: batch_size.clamp(1, 32),
					batch_wait: Duration::from_millis(batch_wait_ms),
				};
				service::serve(cfg, signer).await.map_err(|e| e.to_string())
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
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}
