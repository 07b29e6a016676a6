//! Content held by the attestor, by blake2-256 hash, one file each under `content/`. Anyone may
//! upload; only content whose hash is an accepted contribution on chain is ever trained on.

use std::path::{Path, PathBuf};

use crate::{
	error::{Error, Result},
	outbox::write_atomically,
};

/// blake2-256, as the chain hashes contributions.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(bytes)
}

/// `0x`-prefixed lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Parses a 32-byte hash given as hex, with or without `0x`.
pub fn parse_hash(s: &str) -> Option<[u8; 32]> {
	hex::decode(s.trim_start_matches("0x")).ok()?.try_into().ok()
}

/// A directory of blobs named by their hash.
pub struct ContentStore {
	dir: PathBuf,
}

impl ContentStore {
	/// Opens (creating) the store under `dir`.
	pub fn open(dir: &Path) -> Result<Self> {
		std::fs::create_dir_all(dir)
			.map_err(|source| Error::ContentStore { path: dir.to_path_buf(), source })?;
		Ok(Self { dir: dir.to_path_buf() })
	}

	/// Stores `bytes`; returns their hash.
	pub fn put(&self, bytes: &[u8]) -> Result<[u8; 32]> {
		let h = hash(bytes);
		let path = self.path(&h);
		if !path.exists() {
			write_atomically(&path, bytes)
				.map_err(|source| Error::ContentStore { path, source })?;
		}
		Ok(h)
	}

	/// The content with hash `h`, if held.
	pub fn get(&self, h: &[u8; 32]) -> Option<Vec<u8>> {
		std::fs::read(self.path(h)).ok()
	}

	/// The texts of a training set `(contribution, content hash)`, in its order (one read each),
	/// or the contributions whose content is not held.
	pub fn texts(&self, set: &[(u64, [u8; 32])]) -> Result<Vec<String>, Vec<u64>> {
		let mut texts = Vec::with_capacity(set.len());
		let mut missing = Vec::new();
		for (id, h) in set {
			match self.get(h) {
				Some(bytes) => texts.push(String::from_utf8_lossy(&bytes).into_owned()),
				None => missing.push(*id),
			}
		}
		if missing.is_empty() {
			Ok(texts)
		} else {
			Err(missing)
		}
	}

	/// How many blobs are held.
	pub fn count(&self) -> usize {
		std::fs::read_dir(&self.dir).map(|d| d.count()).unwrap_or(0)
	}

	fn path(&self, h: &[u8; 32]) -> PathBuf {
		self.dir.join(hex::encode(h))
	}
}
