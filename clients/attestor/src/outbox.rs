//! The persistent outbox: every paid inference is written here (one JSON file per request,
//! written to a temporary file, synced and renamed into place) *before* its answer leaves the
//! service, and leaves it only when the chain has its receipt. After a crash the reporter finds
//! every unreported inference again; the chain's replay protection (one receipt per provider and
//! request id) makes a second submission of one that did land fail harmlessly, so nothing is
//! reported twice and nothing is lost.
//!
//! A report the chain refuses for a reason that cannot change (its contribution was withdrawn,
//! its model retired, ...) moves to `dead/` with the chain's reason: it is never retried and
//! never holds up the reports behind it. Transient failures wait their own backoff.

use std::{
	fs,
	io::Write,
	path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An inference waiting to be reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
	/// The provider's request id (unique per provider; the chain refuses a second report).
	pub request_id: u64,
	/// The model used.
	pub model: u32,
	/// Who pays (the account id).
	pub consumer: [u8; 32],
	/// Units billed: the output's words.
	pub units: u32,
	/// blake2-256 of the output text.
	pub output_hash: [u8; 32],
	/// `(contribution, parts per billion)`.
	pub attribution: Vec<(u64, u32)>,
	/// Submission attempts so far.
	#[serde(default)]
	pub attempts: u32,
	/// The chain's reason for the last failure, if any.
	#[serde(default)]
	pub last_error: Option<String>,
	/// No attempt before this time (milliseconds since the Unix epoch): its retry's backoff.
	#[serde(default)]
	pub not_before_ms: u64,
}

/// A directory of pending entries plus the request-id counter.
pub struct Outbox {
	dir: PathBuf,
}

impl Outbox {
	/// Opens (creating) the outbox under `dir`.
	pub fn open(dir: &Path) -> Result<Self> {
		for sub in [PENDING, DEAD] {
			let path = dir.join(sub);
			fs::create_dir_all(&path).map_err(|source| Error::Outbox { path, source })?;
		}
		Ok(Self { dir: dir.to_path_buf() })
	}

	/// Reserves the next request id (persisted before it is used).
	pub fn next_request_id(&self) -> Result<u64> {
		let path = self.dir.join("next_request_id");
		let next =
			fs::read_to_string(&path).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(1u64);
		// A provider cannot serve 2^64 inferences; saturating keeps the counter from wrapping
		// onto ids already used (the chain would refuse them as replays).
		write_atomically(&path, next.saturating_add(1).to_string().as_bytes())
			.map_err(|source| Error::Outbox { path, source })?;
		Ok(next)
	}

	/// Persists `entry` (pending).
	pub fn put(&self, entry: &Entry) -> Result<()> {
		self.write(PENDING, entry)
	}

	/// Moves `entry` to `dead/` (with its `last_error`): the chain will never take it.
	pub fn bury(&self, entry: &Entry) -> Result<()> {
		self.write(DEAD, entry)?;
		self.remove(entry.request_id)
	}

	fn write(&self, sub: &str, entry: &Entry) -> Result<()> {
		let path = self.entry_path(sub, entry.request_id);
		let bytes = serde_json::to_vec_pretty(entry)
			.map_err(|e| Error::OutboxCorrupt { path: path.clone(), reason: e.to_string() })?;
		write_atomically(&path, &bytes).map_err(|source| Error::Outbox { path, source })
	}

	/// Removes a reported entry.
	pub fn remove(&self, request_id: u64) -> Result<()> {
		let path = self.entry_path(PENDING, request_id);
		match fs::remove_file(&path) {
			Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
				Err(Error::Outbox { path, source: e })
			},
			_ => Ok(()),
		}
	}

	/// Every pending entry, by request id.
	pub fn pending(&self) -> Result<Vec<Entry>> {
		self.read(PENDING)
	}

	/// Every dead entry (refused by the chain for good), by request id.
	pub fn dead(&self) -> Result<Vec<Entry>> {
		self.read(DEAD)
	}

	fn read(&self, sub: &str) -> Result<Vec<Entry>> {
		let dir = self.dir.join(sub);
		let io = |path: &Path| {
			let path = path.to_path_buf();
			move |source| Error::Outbox { path, source }
		};
		let mut out = Vec::new();
		for f in fs::read_dir(&dir).map_err(io(&dir))? {
			let path = f.map_err(io(&dir))?.path();
			if path.extension().is_some_and(|e| e == "json") {
				let bytes = fs::read(&path).map_err(io(&path))?;
				out.push(serde_json::from_slice(&bytes).map_err(|e| Error::OutboxCorrupt {
					path: path.clone(),
					reason: e.to_string(),
				})?);
			}
		}
		out.sort_by_key(|e: &Entry| e.request_id);
		Ok(out)
	}

	fn entry_path(&self, sub: &str, request_id: u64) -> PathBuf {
		self.dir.join(sub).join(format!("{request_id:020}.json"))
	}
}

/// Entries waiting to be reported.
const PENDING: &str = "pending";
/// Entries the chain refused for good.
const DEAD: &str = "dead";

/// Writes `bytes` to `path` so that a crash leaves either the old or the new content.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	let tmp = path.with_extension("tmp");
	{
		let mut f = fs::File::create(&tmp)?;
		f.write_all(bytes)?;
		f.sync_all()?;
	}
	fs::rename(&tmp, path)?;
	if let Some(parent) = path.parent() {
		fs::File::open(parent)?.sync_all()?;
	}
	Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;

	fn entry(request_id: u64) -> Entry {
		Entry {
			request_id,
			model: 0,
			consumer: [1; 32],
			units: 3,
			output_hash: [2; 32],
			attribution: vec![(5, 500_000_000)],
			attempts: 0,
			last_error: None,
			not_before_ms: 0,
		}
	}

	#[test]
	fn entries_survive_reopening_until_removed() {
		let dir = std::env::temp_dir().join(format!("outbox-test-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		{
			let o = Outbox::open(&dir).unwrap();
			assert_eq!(o.next_request_id().unwrap(), 1);
			assert_eq!(o.next_request_id().unwrap(), 2);
			o.put(&entry(2)).unwrap();
			o.put(&entry(1)).unwrap();
		}
		let o = Outbox::open(&dir).unwrap();
		assert_eq!(o.next_request_id().unwrap(), 3, "the counter is persisted");
		assert_eq!(o.pending().unwrap(), vec![entry(1), entry(2)]);
		o.remove(1).unwrap();
		o.remove(1).unwrap();
		assert_eq!(o.pending().unwrap(), vec![entry(2)]);
		// A dead entry leaves the queue and keeps its reason, across reopening.
		let refused =
			Entry { last_error: Some("Attribution.WithdrawnContribution".into()), ..entry(2) };
		o.bury(&refused).unwrap();
		let o = Outbox::open(&dir).unwrap();
		assert_eq!(o.pending().unwrap(), vec![]);
		assert_eq!(o.dead().unwrap(), vec![refused]);
		fs::remove_dir_all(&dir).unwrap();
	}
}
