//! Per-client limits of the HTTP API, so that a provider can expose its service: each client
//! (IP address) gets a number of requests and of uploaded content bytes per window, and a number
//! of requests in flight at once; every request has a deadline, reading its body included.
//! Beyond a limit the answer is `429 Too Many Requests` with `Retry-After` and the limit's name;
//! past the deadline, `408 Request Timeout`. (An upload above `--max-content-bytes` is `413`.)
//!
//! The table of clients is bounded ([`MAX_CLIENTS`]): a client is forgotten once its window is
//! over, and while the table is full of clients inside their window, new clients wait.

use std::{
	collections::HashMap,
	net::IpAddr,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// Most clients tracked at once.
pub const MAX_CLIENTS: usize = 65_536;

/// The limits, per client.
#[derive(Clone, Copy, Debug)]
pub struct LimitConfig {
	/// Requests a client may make per window.
	pub requests: u32,
	/// Content bytes a client may upload per window.
	pub upload_bytes: u64,
	/// Requests a client may have in flight at once.
	pub concurrent: u32,
	/// The window the request and upload budgets refill over.
	pub window: Duration,
	/// The longest a request may take, reading its body included.
	pub timeout: Duration,
}

/// Why a request was refused, and when the client may try again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
	/// Which limit, in words.
	pub reason: String,
	/// When trying again can succeed.
	pub retry_after: Duration,
}

impl Refusal {
	/// The table of clients is full of clients inside their window.
	fn full() -> Self {
		Self {
			reason: format!("this attestor is serving {MAX_CLIENTS} clients already"),
			retry_after: Duration::from_secs(1),
		}
	}
}

#[derive(Clone, Copy, Debug)]
struct Usage {
	since: Instant,
	requests: u32,
	upload_bytes: u64,
	in_flight: u32,
}

impl Usage {
	fn new(now: Instant) -> Self {
		Self { since: now, requests: 0, upload_bytes: 0, in_flight: 0 }
	}
}

/// What every client used in its current window.
pub struct Limits {
	cfg: LimitConfig,
	clients: Mutex<HashMap<IpAddr, Usage>>,
}

/// A request in flight; dropping it frees its client's slot.
pub struct Permit {
	limits: Arc<Limits>,
	client: IpAddr,
}

impl Drop for Permit {
	fn drop(&mut self) {
		self.limits.with(|clients| {
			if let Some(u) = clients.get_mut(&self.client) {
				u.in_flight = u.in_flight.saturating_sub(1);
			}
		});
	}
}

impl Limits {
	/// No client has used anything yet.
	pub fn new(cfg: LimitConfig) -> Arc<Self> {
		Arc::new(Self { cfg, clients: Mutex::new(HashMap::new()) })
	}

	/// The configured limits.
	pub fn config(&self) -> LimitConfig {
		self.cfg
	}

	fn with<R>(&self, f: impl FnOnce(&mut HashMap<IpAddr, Usage>) -> R) -> R {
		let mut clients = self.clients.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
		f(&mut clients)
	}

	/// The time left of a window that started at `since`.
	fn rest_of_window(&self, since: Instant, now: Instant) -> Duration {
		self.cfg.window.saturating_sub(now.saturating_duration_since(since))
	}

	/// `client`'s usage at `now`, its window restarted if over; `None` when the table is full.
	fn usage<'a>(
		&self,
		clients: &'a mut HashMap<IpAddr, Usage>,
		client: IpAddr,
		now: Instant,
	) -> Option<&'a mut Usage> {
		let over = |u: &Usage| now.saturating_duration_since(u.since) >= self.cfg.window;
		if !clients.contains_key(&client) && clients.len() >= MAX_CLIENTS {
			clients.retain(|_, u| u.in_flight > 0 || !over(u));
			if clients.len() >= MAX_CLIENTS {
				return None;
			}
		}
		let u = clients.entry(client).or_insert_with(|| Usage::new(now));
		if over(u) {
			*u = Usage { in_flight: u.in_flight, ..Usage::new(now) };
		}
		Some(u)
	}

	/// Admits one request of `client` at `now`, or says which limit it is over.
	pub fn admit(self: &Arc<Self>, client: IpAddr, now: Instant) -> Result<Permit, Refusal> {
		let cfg = self.cfg;
		self.with(|clients| {
			let Some(u) = self.usage(clients, client, now) else { return Err(Refusal::full()) };
			if u.requests >= cfg.requests {
				return Err(Refusal {
					reason: format!(
						"request limit: {} requests per {} s per client",
						cfg.requests,
						cfg.window.as_secs()
					),
					retry_after: self.rest_of_window(u.since, now),
				});
			}
			if u.in_flight >= cfg.concurrent {
				return Err(Refusal {
					reason: format!(
						"concurrency limit: {} requests at once per client",
						cfg.concurrent
					),
					retry_after: Duration::from_secs(1),
				});
			}
			u.requests = u.requests.saturating_add(1);
			u.in_flight = u.in_flight.saturating_add(1);
			Ok(Permit { limits: self.clone(), client })
		})
	}

	/// Charges an upload of `bytes` to `client` at `now`, or refuses it whole.
	pub fn charge_upload(&self, client: IpAddr, bytes: u64, now: Instant) -> Result<(), Refusal> {
		let cfg = self.cfg;
		self.with(|clients| {
			let Some(u) = self.usage(clients, client, now) else { return Err(Refusal::full()) };
			match u.upload_bytes.checked_add(bytes) {
				Some(total) if total <= cfg.upload_bytes => {
					u.upload_bytes = total;
					Ok(())
				},
				_ => Err(Refusal {
					reason: format!(
						"upload quota: {} bytes per {} s per client ({} used)",
						cfg.upload_bytes,
						cfg.window.as_secs(),
						u.upload_bytes
					),
					retry_after: self.rest_of_window(u.since, now),
				}),
			}
		})
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	fn limits() -> Arc<Limits> {
		Limits::new(LimitConfig {
			requests: 3,
			upload_bytes: 100,
			concurrent: 2,
			window: Duration::from_secs(60),
			timeout: Duration::from_secs(30),
		})
	}

	const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
	const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

	#[test]
	fn requests_are_limited_per_client_and_window() {
		let (l, t0) = (limits(), Instant::now());
		for _ in 0..3 {
			drop(l.admit(A, t0).unwrap());
		}
		let refused = l.admit(A, t0 + Duration::from_secs(20)).err().unwrap();
		assert!(refused.reason.contains("3 requests per 60 s"), "{refused:?}");
		assert_eq!(refused.retry_after, Duration::from_secs(40));
		// Another client is not affected; a new window admits again.
		assert!(l.admit(B, t0).is_ok());
		assert!(l.admit(A, t0 + Duration::from_secs(60)).is_ok());
	}

	#[test]
	fn requests_in_flight_are_limited_until_they_end() {
		let (l, t0) = (limits(), Instant::now());
		let (first, _second) = (l.admit(A, t0).unwrap(), l.admit(A, t0).unwrap());
		let refused = l.admit(A, t0).err().unwrap();
		assert!(refused.reason.contains("2 requests at once"), "{refused:?}");
		drop(first);
		assert!(l.admit(A, t0).is_ok(), "a finished request frees its slot");
	}

	#[test]
	fn uploads_are_refused_whole_beyond_the_quota() {
		let (l, t0) = (limits(), Instant::now());
		assert!(l.charge_upload(A, 60, t0).is_ok());
		let refused = l.charge_upload(A, 41, t0).err().unwrap();
		assert!(refused.reason.contains("100 bytes per 60 s per client (60 used)"), "{refused:?}");
		assert!(l.charge_upload(A, 40, t0).is_ok(), "a refused upload used nothing");
		assert!(l.charge_upload(A, u64::MAX, t0).is_err());
		assert!(l.charge_upload(B, 100, t0).is_ok());
		assert!(l.charge_upload(A, 100, t0 + Duration::from_secs(61)).is_ok());
	}

	#[test]
	fn the_table_of_clients_is_bounded() {
		let (l, t0) = (limits(), Instant::now());
		let ip = |i: u32| IpAddr::V4(std::net::Ipv4Addr::from(i));
		let held: Vec<_> = (0..MAX_CLIENTS as u32).map(|i| l.admit(ip(i), t0).unwrap()).collect();
		assert!(l.admit(ip(u32::MAX), t0 + Duration::from_secs(61)).is_err(), "all in flight");
		drop(held);
		assert!(l.admit(ip(u32::MAX), t0 + Duration::from_secs(61)).is_ok(), "expired ones go");
		assert!(l.with(|c| c.len()) <= MAX_CLIENTS);
	}
}
