//! End to end with the real node and the real attestor binary: contributors upload content to the
//! attestor and register it on chain; a model is registered on that dataset version; a consumer
//! asks the attestor for an inference; the attestor is killed before it reports, restarted, and
//! the report arrives exactly once; the receipt on chain names the contributions the attestor
//! answered with; `tributary-attestor verify` recomputes it; a contributor claims the reward.
//! Bad input (oversize upload, unknown model, bad consumer) is refused with a clear message.

mod common;

use std::{
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use codec::Encode;
use common::{
	chain::{blake2_map_key, hex, twox_map_key, value_key},
	free_port, http_request,
	market::{open_market, submit_content},
	Node,
};
use frame_support::BoundedVec;
use pallet_attribution::{AssetKind, Receipt};
use serde_json::{json, Value};
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Eve, Ferdie};
use sp_runtime::{AccountId32, Perbill};
use tributary_runtime::{RuntimeCall, RuntimeEvent};

/// The attestor binary (its own cargo workspace): `$TRIBUTARY_ATTESTOR`, which
/// `scripts/test.sh` sets after building it, or its default place.
fn attestor_bin() -> PathBuf {
	let bin = std::env::var_os("TRIBUTARY_ATTESTOR").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var("HOME").unwrap_or_default())
			.join(".cache/tributary/target-attestor/release/tributary-attestor")
	});
	assert!(
		bin.exists(),
		"{} missing: build it with `cargo build --release --manifest-path attestor/Cargo.toml` \
		 (scripts/test.sh does)",
		bin.display()
	);
	bin
}

/// A running attestor; killed (SIGKILL, like a crash) on drop.
struct Attestor {
	child: Child,
	port: u16,
}

impl Attestor {
	fn start(node: &Node, data_dir: &std::path::Path, extra: &[&str]) -> Attestor {
		let port = free_port();
		let child = Command::new(attestor_bin())
			.arg("serve")
			.args(["--node", &format!("ws://127.0.0.1:{}", node.rpc_port)])
			.args(["--listen", &format!("127.0.0.1:{port}")])
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
		while a.request("GET", "/status", b"").is_err() {
			assert!(
				start.elapsed() < Duration::from_secs(60),
				"the attestor's API did not come up"
			);
			std::thread::sleep(Duration::from_millis(250));
		}
		a
	}

	fn request(&self, method: &str, path: &str, body: &[u8]) -> Result<(u16, Value), String> {
		let (status, body) = http_request(self.port, method, path, body)?;
		let v = serde_json::from_slice(&body)
			.unwrap_or(Value::String(String::from_utf8_lossy(&body).into()));
		Ok((status, v))
	}

	fn call(&self, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
		self.request(method, path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
	}
}

impl Drop for Attestor {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn receipt_of(node: &Node, request_id: u64) -> Option<u64> {
	// A double map, both keys Blake2_128Concat: the first key's entry key, then the second's.
	let mut key = blake2_map_key("Attribution", "ProcessedRequests", &Eve.to_account_id().encode());
	let rid = request_id.encode();
	key.extend(sp_io::hashing::blake2_128(&rid));
	key.extend(&rid);
	node.storage(&key)
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
	let start = Instant::now();
	while !ready() {
		assert!(start.elapsed() < timeout, "{what} within {timeout:?}");
		std::thread::sleep(Duration::from_millis(500));
	}
}

#[test]
fn an_inference_is_attributed_reported_once_across_a_crash_verified_and_paid() {
	let node = Node::dev();
	let data = std::env::temp_dir().join(format!("attestor-e2e-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&data);
	let texts: [&[u8]; 2] = [
		b"the river carries fresh water from the mountains down to the quiet sea every spring",
		b"every spring the farmers open the gates and the river carries water to the fields",
	];

	// A long batch window: the test kills the attestor before it reports.
	let attestor =
		Attestor::start(&node, &data, &["--batch-wait-ms", "60000", "--max-content-bytes", "1024"]);

	// Contributors upload their content to the attestor, then register it on chain.
	for text in texts {
		let (status, v) = attestor.call("POST", "/content", text);
		assert_eq!(status, 200, "{v}");
		assert_eq!(v["hash"], hex(&sp_io::hashing::blake2_256(text)));
		assert_eq!(v["accepted"], false, "not on chain yet");
	}
	let (status, v) = attestor.call("POST", "/content", &[b'x'; 2000]);
	assert_eq!(status, 413);
	assert!(v["error"].as_str().unwrap_or_default().contains("at most 1024 bytes"), "{v}");

	let a = submit_content(&node, Bob, texts[0]);
	let b = submit_content(&node, Charlie, texts[1]);
	// Model 0 on dataset 0 version 2 (both contributions); Eve (the attestor's key) provides it.
	open_market(&node, vec![(0, 2)], 1_000 * tributary_runtime::UNIT);

	wait_for(
		"the attestor to see itself authorised and both contributions",
		Duration::from_secs(60),
		|| {
			let (_, s) = attestor.call("GET", "/status", b"");
			s["provides"] == json!([0]) && s["accepted_contributions"].as_u64() >= Some(2)
		},
	);

	// Bad requests are refused with a reason.
	let ferdie = hex(Ferdie.to_account_id().as_ref());
	let (status, v) = attestor.call(
		"POST",
		"/infer",
		json!({"model": 9, "prompt": "x", "consumer": ferdie}).to_string().as_bytes(),
	);
	assert_eq!((status, v["error"].as_str()), (404, Some("no model 9 on chain")));
	let (status, v) = attestor.call(
		"POST",
		"/infer",
		json!({"model": 0, "prompt": "x", "consumer": "nobody"}).to_string().as_bytes(),
	);
	assert_eq!(status, 400, "{v}");

	// The inference.
	let request = json!({"model": 0, "prompt": "the river carries", "consumer": ferdie, "seed": 7, "max_words": 12});
	let (status, answer) = attestor.call("POST", "/infer", request.to_string().as_bytes());
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
	std::thread::sleep(Duration::from_secs(7));
	assert_eq!(receipt_of(&node, request_id), None, "killed before its batch window closed");

	// Restart: the outbox still holds the inference; it is reported once.
	let attestor = Attestor::start(&node, &data, &["--batch-wait-ms", "200"]);
	wait_for("the report to be on chain", Duration::from_secs(90), || {
		receipt_of(&node, request_id).is_some()
	});
	let receipt_id = receipt_of(&node, request_id).expect("reported");
	wait_for("the outbox to drain", Duration::from_secs(60), || {
		attestor.call("GET", "/status", b"").1["pending_reports"] == 0
	});
	let receipts: u64 = node.storage(&value_key("Attribution", "NextReceiptId")).unwrap_or(0);
	assert_eq!(receipts, 1, "exactly one receipt: the report arrived once");
	let receipt: Receipt<
		AccountId32,
		BoundedVec<(u64, Perbill), frame_support::traits::ConstU32<32>>,
		u32,
	> = node.storage(&twox_map_key("Attribution", "Receipts", &receipt_id.encode())).expect("receipt");
	assert_eq!(receipt.request_id, request_id);
	assert_eq!(receipt.consumer, Ferdie.to_account_id());
	let on_chain: Vec<(u64, u32)> =
		receipt.attribution.iter().map(|(c, p)| (*c, p.deconstruct())).collect();
	assert_eq!(on_chain, shares, "the receipt names the contributions the attestor answered with");
	assert_eq!(hex(&receipt.output_hash), answer["output_hash"]);

	// Anyone holding the content recomputes it.
	let verify = Command::new(attestor_bin())
		.arg("verify")
		.arg(receipt_id.to_string())
		.args(["--node", &format!("ws://127.0.0.1:{}", node.rpc_port)])
		.arg("--data-dir")
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
	let (first, _) = shares[0];
	let who = if first == a { Bob } else { Charlie };
	let claimed = node
		.submit(
			who,
			RuntimeCall::Attribution(pallet_attribution::Call::claim {
				who: who.to_account_id(),
				currency: AssetKind::Native,
				settle: BoundedVec::truncate_from(vec![first]),
			}),
		)
		.expect_success();
	let amount = claimed
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Attribution(pallet_attribution::Event::RewardsClaimed {
				amount, ..
			}) => Some(*amount),
			_ => None,
		})
		.expect("RewardsClaimed");
	assert!(amount > 0, "the contributor was paid");
	drop(attestor);
	let _ = std::fs::remove_dir_all(&data);
}
