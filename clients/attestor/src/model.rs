//! A word-level trigram language model with back-off to bigrams and unigrams, trained on a
//! model's training contributions. Generation is deterministic: the same corpus, prompt and seed
//! give the same words (a SplitMix64 stream picks each next word by its count).

use std::collections::{BTreeMap, HashMap};

/// Counts of the words that follow each context.
#[derive(Default)]
pub struct NgramModel {
	unigrams: BTreeMap<String, u64>,
	bigrams: HashMap<String, BTreeMap<String, u64>>,
	trigrams: HashMap<(String, String), BTreeMap<String, u64>>,
}

impl NgramModel {
	/// Counts the n-grams of each document (none spans two documents).
	pub fn train<'a>(documents: impl IntoIterator<Item = &'a [String]>) -> Self {
		// Counts are at most the corpus length: `saturating_add` never saturates.
		fn count(counts: &mut BTreeMap<String, u64>, word: &str) {
			let c = counts.entry(word.to_owned()).or_default();
			*c = c.saturating_add(1);
		}
		let mut m = Self::default();
		for doc in documents {
			for w in doc {
				count(&mut m.unigrams, w);
			}
			for pair in doc.windows(2) {
				if let [a, w] = pair {
					count(m.bigrams.entry(a.clone()).or_default(), w);
				}
			}
			for triple in doc.windows(3) {
				if let [a, b, w] = triple {
					count(m.trigrams.entry((a.clone(), b.clone())).or_default(), w);
				}
			}
		}
		m
	}

	/// Whether the model saw no words.
	pub fn is_empty(&self) -> bool {
		self.unigrams.is_empty()
	}

	/// Up to `max_words` words continuing `prompt`, drawn with `seed`.
	pub fn generate(&self, prompt: &[String], seed: u64, max_words: usize) -> Vec<String> {
		let mut rng = SplitMix64(seed);
		let mut context: Vec<String> = prompt.iter().rev().take(2).rev().cloned().collect();
		let mut out = Vec::new();
		while out.len() < max_words && !self.is_empty() {
			let counts = match context.as_slice() {
				[.., a, b] => self.trigrams.get(&(a.clone(), b.clone())),
				_ => None,
			}
			.or_else(|| context.last().and_then(|w| self.bigrams.get(w)))
			.unwrap_or(&self.unigrams);
			// Every context seen has a follower, and the model is not empty: `total` > 0.
			let total: u64 = counts.values().sum();
			let mut pick = rng.next_u64().checked_rem(total).unwrap_or(0);
			let word = counts
				.iter()
				.find(|(_, c)| {
					if pick < **c {
						true
					} else {
						pick = pick.saturating_sub(**c);
						false
					}
				})
				.map(|(w, _)| w.clone())
				.unwrap_or_default();
			out.push(word.clone());
			context.push(word);
			if context.len() > 2 {
				context.remove(0);
			}
		}
		out
	}
}

/// SplitMix64: a tiny, well-mixed, platform-independent random stream.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
	/// The next number of the stream.
	pub fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tokenize::words;

	#[test]
	fn generation_follows_the_corpus_and_is_deterministic() {
		let docs = [words("the river carries the data to the sea")];
		let m = NgramModel::train(docs.iter().map(Vec::as_slice));
		// After "carries the" the corpus only ever says "data": the trigram decides.
		let out = m.generate(&words("river carries the"), 1, 1);
		assert_eq!(out, vec!["data"]);
		let a = m.generate(&words("the"), 42, 12);
		assert_eq!(a, m.generate(&words("the"), 42, 12));
		assert_eq!(a.len(), 12);
		assert!(a.iter().all(|w| docs[0].contains(w)));
	}

	#[test]
	fn an_empty_model_says_nothing() {
		let m = NgramModel::train(std::iter::empty());
		assert!(m.generate(&words("hello"), 1, 5).is_empty());
	}
}
