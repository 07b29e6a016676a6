//! Word-level tokens: lower-cased runs of letters and digits. The same text always gives the same
//! tokens, on every machine; punctuation and whitespace only separate words.

/// Splits `text` into lower-case words.
pub fn words(text: &str) -> Vec<String> {
	text.split(|c: char| !c.is_alphanumeric())
		.filter(|w| !w.is_empty())
		.map(str::to_lowercase)
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_are_lower_case_alphanumeric_runs() {
		assert_eq!(words("The cat, the HAT! 42x"), vec!["the", "cat", "the", "hat", "42x"]);
		assert!(words(" ,.; ").is_empty());
	}
}
