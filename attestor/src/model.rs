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
		let mut m = Self::default();
		for doc in documents {
			for (i, w) in doc.iter().enumerate() {
				*m.unigrams.entry(w.clone()).or_default() += 1;
				if i >= 1 {
					*m.bigrams
						.entry(doc[i - 1].clone())
						.or_default()
						.entry(w.clone())
						.or_default() += 1;
				}
				if i >= 2 {
					*m.trigrams
						.entry((doc[i - 2].clone(), doc[i - 1].clone()))
						.or_default()
						.entry(w.clone())
						.or_default() += 1;
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
			let n = context.len();
			let counts = (n >= 2)
				.then(|| self.trigrams.get(&(context[n - 2].clone(), context[n - 1].clone())))
				.flatten()
				.or_else(|| context.last().and_then(|w| self.bigrams.get(w)))
				.unwrap_or(&self.unigrams);
			let total: u64 = counts.values().sum();
			let mut pick = rng.next() % total;
			let word = counts
				.iter()
				.find(|(_, c)| {
					if pick < **c {
						true
					} else {
						pick -= **c;
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
	pub fn next(&mut self) -> u64 {
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
