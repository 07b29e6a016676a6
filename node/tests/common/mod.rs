//! Starts the real `tributary-node` binary on free loopback ports and talks JSON-RPC to it.
//!
//! The node is killed when [`Node`] is dropped, so a failing assertion never leaves it running.

#![allow(dead_code)]

use std::{
	io::{BufRead, BufReader, Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use serde_json::{json, Value};

/// A free TCP port on 127.0.0.1 (bound, then released for the node to take).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out an ephemeral port")
}

/// A running node; killed on drop.
pub struct Node {
	child: Child,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub prometheus_port: u16,
	log: Arc<Mutex<Vec<String>>>,
}

impl Node {
	/// Starts `tributary-node --dev --tmp` and waits until its RPC answers.
	pub fn dev() -> Node {
		Self::start(&["--dev"])
	}

	/// Starts the node with extra arguments, on fresh ports, with `--tmp`.
	pub fn start(extra: &[&str]) -> Node {
		let bin = PathBuf::from(env!("CARGO_BIN_EXE_tributary-node"));
		let rpc_port = free_port();
		let p2p_port = free_port();
		let prometheus_port = free_port();
		let mut child = Command::new(&bin)
			.args(extra)
			.args(["--tmp", "--no-mdns", "--no-telemetry", "--listen-addr"])
			.arg(format!("/ip4/127.0.0.1/tcp/{p2p_port}"))
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--prometheus-port", &prometheus_port.to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::piped())
			.spawn()
			.unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
		// Keep the node's log: it is printed if the test fails.
		let log = Arc::new(Mutex::new(Vec::new()));
		let stderr = child.stderr.take().expect("stderr is piped");
		let sink = log.clone();
		std::thread::spawn(move || {
			for line in BufReader::new(stderr).lines().map_while(Result::ok) {
				if let Ok(mut l) = sink.lock() {
					l.push(line);
				}
			}
		});
		let node = Node { child, rpc_port, p2p_port, prometheus_port, log };
		node.wait_for_rpc(Duration::from_secs(60));
		node
	}

	fn wait_for_rpc(&self, timeout: Duration) {
		let start = Instant::now();
		while start.elapsed() < timeout {
			if self.try_rpc("system_health", json!([])).is_ok() {
				return;
			}
			std::thread::sleep(Duration::from_millis(250));
		}
		self.fail(&format!("RPC on port {} did not answer within {timeout:?}", self.rpc_port));
	}

	/// Panics with the node's log attached.
	pub fn fail(&self, why: &str) -> ! {
		let log = self.log.lock().map(|l| l.join("\n")).unwrap_or_default();
		panic!("{why}\n--- node log ---\n{log}");
	}

	/// One JSON-RPC call over HTTP; `Err` carries a transport error or the JSON-RPC error object.
	pub fn try_rpc(&self, method: &str, params: Value) -> Result<Value, Value> {
		let body =
			json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
		let response = http_post(self.rpc_port, &body).map_err(|e| json!(e))?;
		let v: Value = serde_json::from_str(&response).map_err(|e| json!(e.to_string()))?;
		match v.get("error") {
			Some(err) => Err(err.clone()),
			None => Ok(v.get("result").cloned().unwrap_or(Value::Null)),
		}
	}

	/// A JSON-RPC call that must succeed.
	pub fn rpc(&self, method: &str, params: Value) -> Value {
		self.try_rpc(method, params).unwrap_or_else(|e| self.fail(&format!("{method} failed: {e}")))
	}

	/// Number of the finalised head.
	pub fn finalized_number(&self) -> u64 {
		let hash = self.rpc("chain_getFinalizedHead", json!([]));
		let header = self.rpc("chain_getHeader", json!([hash]));
		hex_u64(&header["number"])
	}

	/// Number of the best block.
	pub fn best_number(&self) -> u64 {
		let header = self.rpc("chain_getHeader", json!([]));
		hex_u64(&header["number"])
	}

	/// Waits until the finalised head reaches `n`.
	pub fn wait_finalized(&self, n: u64, timeout: Duration) {
		let start = Instant::now();
		loop {
			let f = self.finalized_number();
			if f >= n {
				return;
			}
			if start.elapsed() > timeout {
				self.fail(&format!("finalised head stuck at #{f}, wanted #{n} within {timeout:?}"));
			}
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// This node's libp2p address, to pass another node as `--bootnodes`.
	pub fn multiaddr(&self) -> String {
		let peer_id = self.rpc("system_localPeerId", json!([]));
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, peer_id.as_str().unwrap_or_default())
	}

	/// Waits until the node has at least `n` peers.
	pub fn wait_peers(&self, n: u64, timeout: Duration) {
		let start = Instant::now();
		while self.rpc("system_health", json!([]))["peers"].as_u64().unwrap_or(0) < n {
			if start.elapsed() > timeout {
				self.fail(&format!("fewer than {n} peers after {timeout:?}"));
			}
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// GET a path of the Prometheus endpoint.
	pub fn metrics(&self) -> String {
		http_get(self.prometheus_port, "/metrics")
			.unwrap_or_else(|e| self.fail(&format!("prometheus: {e}")))
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// Parses a `0x…` hex number as JSON-RPC returns block numbers.
pub fn hex_u64(v: &Value) -> u64 {
	let s = v.as_str().unwrap_or_else(|| panic!("expected a hex string, got {v}"));
	u64::from_str_radix(s.trim_start_matches("0x"), 16)
		.unwrap_or_else(|e| panic!("bad hex number {s}: {e}"))
}

fn http_post(port: u16, body: &str) -> Result<String, String> {
	let request = format!(
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	);
	http_exchange(port, &request)
}

fn http_get(port: u16, path: &str) -> Result<String, String> {
	http_exchange(
		port,
		&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
	)
}

fn http_exchange(port: u16, request: &str) -> Result<String, String> {
	let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
	s.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
	s.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
	let mut raw = Vec::new();
	s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
	let text = String::from_utf8_lossy(&raw).to_string();
	let (head, body) = text.split_once("\r\n\r\n").ok_or("malformed HTTP response")?;
	if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
		return Ok(dechunk(body));
	}
	Ok(body.to_string())
}

fn dechunk(mut body: &str) -> String {
	let mut out = String::new();
	while let Some((size, rest)) = body.split_once("\r\n") {
		let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
		if n == 0 || rest.len() < n {
			break;
		}
		out.push_str(&rest[..n]);
		body = rest[n..].trim_start_matches("\r\n");
	}
	out
}

pub mod chain;
pub mod market;
