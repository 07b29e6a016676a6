//! The corpus index: every training contribution's tokens, concatenated with a separator, and a
//! suffix array over them (infini-gram style). For any token sequence it finds, in
//! `O(len · log n)`, the longest prefix that occurs in the corpus and the contributions it
//! occurs in. Built by prefix doubling in `O(n log² n)`; deterministic for the same input.

use std::collections::{BTreeSet, HashMap};

/// A contribution's identifier on chain.
pub type ContributionId = u64;

/// Token ids; [`SEPARATOR`] ends each contribution and matches nothing.
type Token = u32;
const SEPARATOR: Token = Token::MAX;

/// A suffix array over the tokenised training contributions.
pub struct CorpusIndex {
	vocab: HashMap<String, Token>,
	tokens: Vec<Token>,
	suffixes: Vec<u32>,
	/// Start offset of each contribution in `tokens`, ascending, with its id.
	starts: Vec<(usize, ContributionId)>,
}

/// The longest corpus match of a token sequence's prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
	/// Its length in tokens (0 if even the first token is unknown).
	pub len: usize,
	/// The contributions it occurs in, ascending.
	pub contributions: Vec<ContributionId>,
}

impl CorpusIndex {
	/// Indexes `documents` (contribution id, its tokens), in the order given.
	pub fn build<'a>(documents: impl IntoIterator<Item = (ContributionId, &'a [String])>) -> Self {
		let mut vocab = HashMap::new();
		let mut tokens = Vec::new();
		let mut starts = Vec::new();
		for (id, words) in documents {
			starts.push((tokens.len(), id));
			for w in words {
				let next = vocab.len() as Token;
				tokens.push(*vocab.entry(w.clone()).or_insert(next));
			}
			tokens.push(SEPARATOR);
		}
		let suffixes = suffix_array(&tokens);
		Self { vocab, tokens, suffixes, starts }
	}

	/// Tokens indexed, separators included.
	pub fn len(&self) -> usize {
		self.tokens.len()
	}

	/// Whether nothing is indexed.
	pub fn is_empty(&self) -> bool {
		self.starts.is_empty()
	}

	/// The longest prefix of `query` (at most `max_len` tokens) that occurs in the corpus, and the
	/// contributions holding it.
	pub fn longest_match(&self, query: &[String], max_len: usize) -> Match {
		// Offsets and lengths below are bounded by the corpus length, so `saturating_add` never
		// saturates.
		let mut lo = 0;
		let mut hi = self.suffixes.len();
		let mut len = 0usize;
		for word in query.iter().take(max_len) {
			let Some(&t) = self.vocab.get(word) else { break };
			// Suffixes in [lo, hi) share the first `len` tokens; narrow to those whose next is `t`.
			let at = |s: u32| {
				self.tokens.get((s as usize).saturating_add(len)).copied().unwrap_or(SEPARATOR)
			};
			let range = self.suffixes.get(lo..hi).unwrap_or_default();
			let first = range.partition_point(|&s| at(s) < t);
			let last = range.partition_point(|&s| at(s) <= t);
			if first == last {
				break;
			}
			hi = lo.saturating_add(last);
			lo = lo.saturating_add(first);
			len = len.saturating_add(1);
		}
		if len == 0 {
			return Match { len: 0, contributions: vec![] };
		}
		let contributions: BTreeSet<_> = self
			.suffixes
			.get(lo..hi)
			.unwrap_or_default()
			.iter()
			.filter_map(|&s| self.contribution_at(s as usize))
			.collect();
		Match { len, contributions: contributions.into_iter().collect() }
	}

	/// The contribution whose tokens (or separator) are at `offset`: the last one starting at or
	/// before it (there is always one: the first starts at 0).
	fn contribution_at(&self, offset: usize) -> Option<ContributionId> {
		let i = self.starts.partition_point(|&(start, _)| start <= offset);
		i.checked_sub(1).and_then(|i| self.starts.get(i)).map(|&(_, id)| id)
	}
}

/// Suffix array of `tokens` by prefix doubling: ranks of 2^k-token prefixes, sorted by pairs.
///
/// Ranks are below `n` (or a token id, at most `u32::MAX`, in the first round), so `rank + 1`
/// never overflows `u64`.
fn suffix_array(tokens: &[Token]) -> Vec<u32> {
	let n = tokens.len();
	let mut sa: Vec<u32> = (0..n as u32).collect();
	let mut rank: Vec<u64> = tokens.iter().map(|&t| u64::from(t)).collect();
	let mut next = vec![0u64; n];
	let mut k = 1usize;
	if n < 2 {
		return sa;
	}
	loop {
		// A suffix's key: the rank of its first k tokens, then that of the next k (0 past the end).
		let key = |i: u32, rank: &[u64]| {
			let i = i as usize;
			let second = i.checked_add(k).and_then(|j| rank.get(j));
			(rank.get(i).copied().unwrap_or(0), second.map_or(0, |r| r.saturating_add(1)))
		};
		sa.sort_unstable_by_key(|&i| key(i, &rank));
		// New ranks: equal keys share one, each new key takes the next.
		let mut last = None;
		let mut r = 0u64;
		for &s in &sa {
			let this = key(s, &rank);
			if last.is_some_and(|l| l != this) {
				r = r.saturating_add(1);
			}
			last = Some(this);
			if let Some(slot) = next.get_mut(s as usize) {
				*slot = r;
			}
		}
		std::mem::swap(&mut rank, &mut next);
		// Every rank distinct: sorted.
		if r.saturating_add(1) == n as u64 {
			break;
		}
		k = k.saturating_mul(2);
	}
	sa
}

/// Indexes `(contribution, text)` pairs, tokenising the texts (for tests).
#[cfg(test)]
pub(crate) fn index_texts(docs: &[(ContributionId, &str)]) -> CorpusIndex {
	let tokens: Vec<_> = docs.iter().map(|(id, t)| (*id, crate::tokenize::words(t))).collect();
	CorpusIndex::build(tokens.iter().map(|(id, w)| (*id, w.as_slice())))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
	use super::{index_texts as index, *};
	use crate::tokenize::words;

	#[test]
	fn the_suffix_array_sorts_every_suffix() {
		let t = [3, 1, 2, 1, 2, 0, SEPARATOR, 1, 2];
		let sa = suffix_array(&t);
		for w in sa.windows(2) {
			assert!(t[w[0] as usize..] < t[w[1] as usize..], "{sa:?}");
		}
		assert_eq!(sa.len(), t.len());
	}

	#[test]
	fn longest_match_finds_spans_and_their_contributions() {
		let idx =
			index(&[(7, "the cat sat on the mat"), (9, "a cat sat still"), (11, "on the mat")]);
		let q = words("cat sat on the moon");
		assert_eq!(idx.longest_match(&q, 10), Match { len: 4, contributions: vec![7] });
		let q = words("cat sat still");
		assert_eq!(idx.longest_match(&q, 10), Match { len: 3, contributions: vec![9] });
		let q = words("on the mat");
		assert_eq!(idx.longest_match(&q, 10), Match { len: 3, contributions: vec![7, 11] });
		assert_eq!(idx.longest_match(&q, 2), Match { len: 2, contributions: vec![7, 11] });
		let q = words("dog");
		assert_eq!(idx.longest_match(&q, 10), Match { len: 0, contributions: vec![] });
	}

	#[test]
	fn matches_never_cross_contributions() {
		// "mat a" would span the end of 7 and the start of 9; the separator stops it.
		let idx = index(&[(7, "on the mat"), (9, "a cat")]);
		let q = words("mat a cat");
		assert_eq!(idx.longest_match(&q, 10), Match { len: 1, contributions: vec![7] });
	}
}
