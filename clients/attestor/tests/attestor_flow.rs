//! End to end with the real node and the real attestor binary: contributors upload content to the
//! attestor and register it on chain; a model is registered on that dataset version; a consumer
//! asks the attestor for an inference; the attestor is killed before it reports, restarted, and
//! the report arrives exactly once; the receipt on chain names the contributions the attestor
//! answered with; `tributary-attestor verify` recomputes it; a contributor claims the reward.
//! A report the chain refuses for good, queued ahead of it, moves to `outbox/dead/` with the
//! chain's reason and does not hold it up.
//! Bad input (oversize upload, uploads over the client's quota, unknown model, bad consumer) is
//! refused with a clear message, and
//! `tributary-attestor metadata --check` finds the committed metadata current.
//!
//! The node is the binary `$TRIBUTARY_NODE` (`scripts/test.sh` sets it to the one the root
//! workspace just built); everything on chain goes through subxt with the attestor's own
//! generated `chain::tributary` code, signed with the dev accounts.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use serde_json::{json, Value};
use subxt::{
	extrinsics::ExtrinsicEvents, transactions::Payload, utils::AccountId32, PolkadotConfig,
};
use subxt_signer::sr25519::{dev, Keypair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tributary_attestor::{
	chain::{self, tributary, Client},
	content::{hash, to_hex},
};

const ATTESTOR: &str = env!("CARGO_BIN_EXE_tributary-attestor");
const METADATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/metadata/tributary.scale");

fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out an ephemeral port")
}

/// `$TRIBUTARY_NODE --dev --tmp` on free loopback ports; killed on drop, even when the test
/// fails, and then its log's last lines are printed.
struct Node {
	child: Child,
	rpc_port: u16,
	log: PathBuf,
}

impl Node {
	fn start() -> Node {
		let bin = std::env::var_os("TRIBUTARY_NODE").map(PathBuf::from).expect(
			"TRIBUTARY_NODE is not set: point it at a tributary-node binary \
			 (scripts/test.sh sets it to $CARGO_TARGET_DIR/release/tributary-node)",
		);
		assert!(
			bin.is_file(),
			"TRIBUTARY_NODE={} is not a file: build the node first (cargo build --release -p \
			 tributary-node at the repository root)",
			bin.display()
		);
		let rpc_port = free_port();
		let log = std::env::temp_dir().join(format!("attestor-e2e-node-{rpc_port}.log"));
		let child = Command::new(&bin)
			.args(["--dev", "--tmp", "--no-mdns", "--no-telemetry", "--no-prometheus"])
			.arg("--listen-addr")
			.arg(format!("/ip4/127.0.0.1/tcp/{}", free_port()))
			.args(["--rpc-port", &rpc_port.to_string()])
			.stdout(Stdio::null())
			.stderr(std::fs::File::create(&log).expect("the node's log file"))
			.spawn()
			.unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
		Node { child, rpc_port, log }
	}

	fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// A subxt client, once the node's RPC answers.
	async fn client(&self) -> Client {
		let start = Instant::now();
		loop {
			match chain::connect(&self.url()).await {
				Ok(client) => return client,
				Err(e) if start.elapsed() > Duration::from_secs(60) => {
					panic!("the node's RPC did not come up within 60 s: {e}")
				},
				Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
			}
		}
	}

	/// 10^decimals of the native token, from the node's `system_properties`.
	async fn unit(&self) -> u128 {
		let call = json!({"jsonrpc": "2.0", "id": 1, "method": "system_properties", "params": []});
		let (_, body) = http(self.rpc_port, "POST", "/", call.to_string().as_bytes())
			.await
			.expect("system_properties");
		let v: Value = serde_json::from_slice(&body).expect("a JSON-RPC answer");
		let decimals = &v["result"]["tokenDecimals"];
		let decimals = decimals.as_u64().or_else(|| decimals[0].as_u64()).expect("tokenDecimals");
		10u128.pow(decimals as u32)
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
		if std::thread::panicking() {
			let log = std::fs::read_to_string(&self.log).unwrap_or_default();
			let lines: Vec<_> = log.lines().collect();
			let tail = lines[lines.len().saturating_sub(60)..].join("\n");
			eprintln!("--- the node's last log lines ---\n{tail}");
		}
		let _ = std::fs::remove_file(&self.log);
	}
}

/// One HTTP/1.1 request to 127.0.0.1:`port`: the status code and the body.
async fn http(port: u16, method: &str, path: &str, body: &[u8]) -> Result<(u16, Vec<u8>), String> {
	let mut s =
		tokio::net::TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
	let head = format!(
		"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n",
		body.len()
	);
	s.write_all(head.as_bytes()).await.map_err(|e| e.to_string())?;
	// The server may answer (e.g. 413) before reading the whole body.
	let _ = s.write_all(body).await;
	let mut raw = Vec::new();
	let _ = tokio::time::timeout(Duration::from_secs(60), s.read_to_end(&mut raw)).await;
	let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("malformed HTTP response")?;
	let head = String::from_utf8_lossy(&raw[..split]).to_string();
	let status = head
		.split_whitespace()
		.nth(1)
		.and_then(|c| c.parse().ok())
		.ok_or_else(|| format!("no status in {head:?}"))?;
	assert!(!head.to_ascii_lowercase().contains("chunked"), "chunked answers are not read here");
	Ok((status, raw[split + 4..].to_vec()))
}

/// A running attestor (key: //Eve); killed (SIGKILL, like a crash) on drop.
struct Attestor {
	child: Child,
	port: u16,
}

impl Attestor {
	async fn start(node: &Node, data_dir: &Path, extra: &[&str]) -> Attestor {
		let port = free_port();
		let child = Command::new(ATTESTOR)
			.arg("serve")
			.args(["--node", &node.url(), "--listen", &format!("127.0.0.1:{port}")])
			.arg("--data-dir")
			.arg(data_dir)
			.args(extra)
			.env("TRIBUTARY_ATTESTOR_SURI", "//Eve")
			.stdout(Stdio::null())
			.stderr(Stdio::inherit())
			.spawn()
			.expect("the attestor starts");
		let a = Attestor { child, port };
		let start = Instant::now();
		while http(port, "GET", "/status", b"").await.is_err() {
			assert!(
				start.elapsed() < Duration::from_secs(60),
				"the attestor's API did not come up"
			);
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
		a
	}

	async fn call(&self, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
		let (status, body) = http(self.port, method, path, body)
			.await
			.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
		let v = serde_json::from_slice(&body)
			.unwrap_or(Value::String(String::from_utf8_lossy(&body).into()));
		(status, v)
	}
}

impl Drop for Attestor {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn account(who: &Keypair) -> AccountId32 {
	AccountId32(who.public_key().0)
}

/// `who` signs and submits `call`; waits until it is finalised and succeeded.
async fn submit(
	client: &Client,
	who: &Keypair,
	call: impl Payload,
) -> ExtrinsicEvents<PolkadotConfig> {
	let what = format!("{}.{}", call.pallet_name(), call.call_name());
	let at = client.at_current_block().await.expect("the finalised head");
	at.transactions()
		.sign_and_submit_then_watch_default(&call, who)
		.await
		.unwrap_or_else(|e| panic!("{what}: {e}"))
		.wait_for_finalized_success()
		.await
		.unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// `who` submits `text` to the open dataset 0; returns the (accepted) contribution's id.
async fn submit_content(client: &Client, who: &Keypair, text: &[u8]) -> u64 {
	let call =
		tributary::tx().datasets().submit_contribution(0, hash(text), text.len() as u64, vec![]);
	let events = submit(client, who, call).await;
	events
		.find_first::<tributary::datasets::events::ContributionAccepted>()
		.expect("the open dataset accepts on submission")
		.expect("the event decodes")
		.contribution
}

/// Dave registers model 0 trained on `trained_on` at 1 unit per unit of inference; Eve bonds
/// 100 units as a provider and Dave authorises her; Ferdie allows her to charge `allowance`.
async fn open_market(client: &Client, trained_on: Vec<(u32, u32)>, unit: u128, allowance: u128) {
	use tributary::{
		attribution::calls::register_model::Currency,
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
	};
	let (dave, eve, ferdie) = (dev::dave(), dev::eve(), dev::ferdie());
	let tx = || tributary::tx().attribution();
	let model = tx().register_model(
		b"model".to_vec(),
		BoundedVec(trained_on),
		None,
		unit,
		Currency::Native,
	);
	tokio::join!(
		submit(client, &dave, model),
		submit(client, &eve, tx().register_provider(100 * unit)),
	);
	tokio::join!(
		submit(client, &dave, tx().authorize_provider(0, account(&eve))),
		submit(client, &ferdie, tx().approve(account(&eve), 0, allowance)),
	);
}

/// The receipt id of Eve's report `request_id`, if the chain has it (finalised).
async fn receipt_of(client: &Client, request_id: u64) -> Option<u64> {
	let at = client.at_current_block().await.expect("the finalised head");
	let entry = at
		.storage()
		.entry(tributary::storage().attribution().processed_requests())
		.expect("Attribution::ProcessedRequests");
	let value = entry.try_fetch((account(&dev::eve()), request_id)).await.expect("a storage read");
	value.map(|v| v.decode().expect("a receipt id"))
}

async fn wait_for<F: std::future::Future<Output = bool>>(
	what: &str,
	timeout: Duration,
	mut ready: impl FnMut() -> F,
) {
	let start = Instant::now();
	while !ready().await {
		assert!(start.elapsed() < timeout, "{what} within {timeout:?}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inference_is_attributed_reported_once_across_a_crash_verified_and_paid() {
	let node = Node::start();
	let client = node.client().await;
	let unit = node.unit().await;

	// The committed metadata is the node's (else: scripts/attestor-metadata.sh).
	let check = Command::new(ATTESTOR)
		.args(["metadata", "--check", "--node", &node.url(), "--out", METADATA])
		.output()
		.expect("metadata --check runs");
	assert!(
		check.status.success(),
		"{}{}",
		String::from_utf8_lossy(&check.stdout),
		String::from_utf8_lossy(&check.stderr)
	);

	let data = std::env::temp_dir().join(format!("attestor-e2e-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&data);
	let texts: [&[u8]; 2] = [
		b"the river carries fresh water from the mountains down to the quiet sea every spring",
		b"every spring the farmers open the gates and the river carries water to the fields",
	];

	// A long batch window: the test kills the attestor before it reports.
	let limits = ["--max-content-bytes", "1024", "--upload-bytes-per-window", "3000"];
	let attestor =
		Attestor::start(&node, &data, &[&["--batch-wait-ms", "60000"][..], &limits[..]].concat())
			.await;

	// Contributors upload their content to the attestor, then register it on chain.
	for text in texts {
		let (status, v) = attestor.call("POST", "/content", text).await;
		assert_eq!(status, 200, "{v}");
		assert_eq!(v["hash"], to_hex(&hash(text)));
		assert_eq!(v["in_training_set"], false, "not on chain yet");
	}
	let (status, v) = attestor.call("POST", "/content", &[b'x'; 2000]).await;
	assert_eq!(status, 413);
	assert!(v["error"].as_str().unwrap_or_default().contains("at most 1024 bytes"), "{v}");
	// Each client uploads at most 3,000 bytes per window: the third 1,000 bytes are refused
	// whole (the two texts used 164), with when to try again.
	for i in 0..2u8 {
		let (status, v) = attestor.call("POST", "/content", &[b'a' + i; 1000]).await;
		assert_eq!(status, 200, "{v}");
	}
	let (status, v) = attestor.call("POST", "/content", &[b'z'; 1000]).await;
	assert_eq!(status, 429, "{v}");
	assert!(v["error"].as_str().unwrap_or_default().contains("upload quota: 3000 bytes"), "{v}");

	let (bob, charlie) = (dev::bob(), dev::charlie());
	let (a, b) = tokio::join!(
		submit_content(&client, &bob, texts[0]),
		submit_content(&client, &charlie, texts[1]),
	);
	// Model 0 on dataset 0 version 2 (both contributions); Eve (the attestor's key) provides it.
	open_market(&client, vec![(0, 2)], unit, 1_000 * unit).await;

	wait_for(
		"the attestor to see itself authorised and both contributions",
		Duration::from_secs(60),
		|| async {
			let (_, s) = attestor.call("GET", "/status", b"").await;
			s["provides"] == json!([0]) && s["training_contributions"].as_u64() >= Some(2)
		},
	)
	.await;

	// Bad requests are refused with a reason.
	let ferdie = to_hex(&dev::ferdie().public_key().0);
	let request = json!({"model": 9, "prompt": "x", "consumer": ferdie});
	let (status, v) = attestor.call("POST", "/infer", request.to_string().as_bytes()).await;
	assert_eq!((status, v["error"].as_str()), (404, Some("no model 9 on chain")));
	let request = json!({"model": 0, "prompt": "x", "consumer": "nobody"});
	let (status, v) = attestor.call("POST", "/infer", request.to_string().as_bytes()).await;
	assert_eq!(status, 400, "{v}");
	assert!(v["error"].as_str().unwrap_or_default().contains("is not an account"), "{v}");

	// The inference.
	let request = json!({"model": 0, "prompt": "the river carries", "consumer": ferdie, "seed": 7, "max_words": 12});
	let (status, answer) = attestor.call("POST", "/infer", request.to_string().as_bytes()).await;
	assert_eq!(status, 200, "{answer}");
	let request_id = answer["request_id"].as_u64().expect("request id");
	let shares: Vec<(u64, u32)> = answer["attribution"]
		.as_array()
		.expect("attribution")
		.iter()
		.map(|s| {
			(
				s["contribution"].as_u64().unwrap_or(u64::MAX),
				s["share_ppb"].as_u64().unwrap_or(0) as u32,
			)
		})
		.collect();
	assert!(!shares.is_empty(), "a corpus-trained output overlaps its corpus: {answer}");
	assert!(shares.iter().all(|(c, _)| *c == a || *c == b), "{shares:?}");
	assert!(shares.iter().map(|(_, p)| *p as u64).sum::<u64>() <= 1_000_000_000);

	// Crash before reporting: nothing on chain.
	drop(attestor);
	tokio::time::sleep(Duration::from_secs(7)).await;
	assert_eq!(
		receipt_of(&client, request_id).await,
		None,
		"killed before its batch window closed"
	);

	// Ahead of it in the outbox, a report the chain can never take (its contribution does not
	// exist, as if its content had been withdrawn for good): it must not block the real one.
	let dead = json!({
		"request_id": 0,
		"model": 0,
		"consumer": dev::ferdie().public_key().0,
		"units": 1,
		"output_hash": vec![0u8; 32],
		"attribution": [[999_999, 1_000]],
	});
	std::fs::write(data.join("outbox/pending/00000000000000000000.json"), dead.to_string())
		.expect("an outbox entry is written");

	// Restart: the outbox still holds the inference; it is reported once.
	let attestor = Attestor::start(&node, &data, &["--batch-wait-ms", "200"]).await;
	wait_for("the report to be on chain", Duration::from_secs(90), || async {
		receipt_of(&client, request_id).await.is_some()
	})
	.await;
	let receipt_id = receipt_of(&client, request_id).await.expect("reported");
	wait_for("the outbox to drain", Duration::from_secs(60), || async {
		attestor.call("GET", "/status", b"").await.1["pending_reports"] == 0
	})
	.await;
	// The report the chain refused for good is dead, with the chain's reason, and counted.
	let (_, s) = attestor.call("GET", "/status", b"").await;
	assert_eq!(
		(s["dead_reports"].as_u64(), s["dead"][0]["request_id"].as_u64()),
		(Some(1), Some(0)),
		"{s}"
	);
	let reason = s["dead"][0]["reason"].as_str().unwrap_or_default();
	assert!(reason.contains("Attribution.ContributionNotFound"), "{s}");
	assert!(data.join("outbox/dead/00000000000000000000.json").is_file());
	assert_eq!(receipt_of(&client, 0).await, None, "the dead report never landed");
	let (_, metrics) = attestor.call("GET", "/metrics", b"").await;
	let metrics = metrics.as_str().unwrap_or_default().to_owned();
	assert!(metrics.contains("tributary_attestor_reports_dead_total 1"), "{metrics}");
	let at = client.at_current_block().await.expect("the finalised head");
	let receipts: u64 = at
		.storage()
		.entry(tributary::storage().attribution().next_receipt_id())
		.expect("Attribution::NextReceiptId")
		.try_fetch(())
		.await
		.expect("a storage read")
		.map(|v| v.decode().expect("a receipt count"))
		.unwrap_or(0);
	assert_eq!(receipts, 1, "exactly one receipt: the report arrived once");
	let receipt = at
		.storage()
		.entry(tributary::storage().attribution().receipts())
		.expect("Attribution::Receipts")
		.try_fetch((receipt_id,))
		.await
		.expect("a storage read")
		.expect("the receipt")
		.decode()
		.expect("the receipt decodes");
	assert_eq!(receipt.request_id, request_id);
	assert_eq!(receipt.consumer, account(&dev::ferdie()));
	let on_chain: Vec<(u64, u32)> = receipt.attribution.0.iter().map(|(c, p)| (*c, p.0)).collect();
	assert_eq!(on_chain, shares, "the receipt names the contributions the attestor answered with");
	assert_eq!(to_hex(&receipt.output_hash), answer["output_hash"]);

	// Anyone holding the content recomputes it.
	let verify = Command::new(ATTESTOR)
		.args(["verify", &receipt_id.to_string(), "--node", &node.url(), "--data-dir"])
		.arg(&data)
		.output()
		.expect("verify runs");
	let said = String::from_utf8_lossy(&verify.stdout);
	println!("{said}");
	assert!(
		verify.status.success() && said.contains("MATCH"),
		"{said}{}",
		String::from_utf8_lossy(&verify.stderr)
	);

	// The first attributed contributor claims what the inference paid them.
	use tributary::{
		attribution::{calls::claim::Currency, events::RewardsClaimed},
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
	};
	let (first, _) = shares[0];
	let who = if first == a { bob } else { charlie };
	let claim = tributary::tx().attribution().claim(
		account(&who),
		Currency::Native,
		BoundedVec(vec![first]),
	);
	let claimed = submit(&client, &who, claim).await;
	let amount = claimed
		.find_first::<RewardsClaimed>()
		.expect("RewardsClaimed")
		.expect("the event decodes")
		.amount;
	assert!(amount > 0, "the contributor was paid");
	drop(attestor);
	let _ = std::fs::remove_dir_all(&data);
}
