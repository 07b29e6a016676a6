//! What can go wrong, in the attestor's words: one [`Error`] for the service, `verify`, `status`
//! and `metadata`. The HTTP API maps the variants a request can cause to a status code
//! (`service::api`); the CLI prints any of them on one line.

use std::path::PathBuf;

/// Everything that can go wrong in the attestor.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The node does not answer at `url`.
	#[error("cannot reach the node at {url}: {reason}")]
	NodeUnreachable {
		/// The node's WebSocket URL.
		url: String,
		/// What the connection said.
		reason: String,
	},
	/// The node answered a request with an error, or went away during it.
	#[error("the node could not {doing}: {reason}")]
	Node {
		/// What the attestor asked for, e.g. "read the models".
		doing: String,
		/// What subxt or the node said.
		reason: String,
	},
	/// The node ended the subscription to finalised blocks.
	#[error("the node ended the subscription to finalised blocks")]
	SubscriptionEnded,
	/// The node's runtime has calls, storage, constants or runtime APIs other than those in
	/// the metadata this attestor was built from.
	#[error(
		"the node's runtime does not match the metadata this attestor was built from ({0}); \
		 regenerate clients/attestor/metadata/tributary.scale (scripts/attestor-metadata.sh) and \
		 rebuild"
	)]
	MetadataMismatch(String),
	/// The node does not offer metadata in the version the attestor's code is generated from.
	#[error("the node's runtime offers no metadata v{0}")]
	MetadataVersionMissing(u32),
	/// The metadata file is not the node's.
	#[error(
		"{} is not the node's metadata ({file} bytes on file, {node} from the node): regenerate \
		 it with `tributary-attestor metadata --node …` (scripts/attestor-metadata.sh) and rebuild",
		path.display()
	)]
	MetadataStale {
		/// The metadata file.
		path: PathBuf,
		/// Its size.
		file: usize,
		/// The size of the node's metadata.
		node: usize,
	},
	/// The chain executed a report and refused it.
	#[error("the chain refused the report: {0}")]
	ReportRefused(String),
	/// The node's transaction pool refused or dropped a report.
	#[error("the node did not include the report: {0}")]
	ReportNotIncluded(String),
	/// No model with this id on chain.
	#[error("no model {0} on chain")]
	ModelUnknown(u32),
	/// The model is retired: it takes no inferences.
	#[error("model {0} is retired")]
	ModelRetired(u32),
	/// The model's owner has not authorised this attestor's account.
	#[error("this attestor ({account}) is not an authorised provider of model {model}")]
	NotProvider {
		/// The attestor's account (SS58).
		account: String,
		/// The model.
		model: u32,
	},
	/// The content of some training contributions was never uploaded here.
	#[error(
		"model {model}: the content of training contributions {missing:?} has not been uploaded \
		 here"
	)]
	TrainingContentMissing {
		/// The model.
		model: u32,
		/// The contributions whose content is missing.
		missing: Vec<u64>,
	},
	/// The model's training set is empty.
	#[error("model {0} has no accepted training content yet")]
	NoTrainingContent(u32),
	/// The model's training content has no words.
	#[error("model {0}: its training content has no words to generate from")]
	NothingToGenerate(u32),
	/// The consumer is not an account.
	#[error("consumer {0:?} is not an account (SS58 or 0x + 64 hex)")]
	BadConsumer(String),
	/// No such receipt on chain (any more).
	#[error("no receipt {0} on chain (receipts are kept for a bounded time)")]
	ReceiptUnknown(u64),
	/// `verify` lacks the output text of a receipt.
	#[error("the output {hash} is not in {}; give --output-file", dir.display())]
	OutputMissing {
		/// The output hash on chain.
		hash: String,
		/// The data directory searched.
		dir: PathBuf,
	},
	/// `verify` was given an output that is not the receipt's.
	#[error("the output text does not hash to the receipt's output hash")]
	OutputHashMismatch,
	/// `verify` lacks the content of some training contributions.
	#[error("cannot recompute: the content of contributions {missing:?} is not in {}", dir.display())]
	VerifyContentMissing {
		/// The contributions whose content is missing.
		missing: Vec<u64>,
		/// The data directory searched.
		dir: PathBuf,
	},
	/// Reading or writing the content store failed.
	#[error("content store {}: {source}", path.display())]
	ContentStore {
		/// The file or directory.
		path: PathBuf,
		/// The I/O error.
		source: std::io::Error,
	},
	/// Reading or writing the outbox failed.
	#[error("outbox {}: {source}", path.display())]
	Outbox {
		/// The file or directory.
		path: PathBuf,
		/// The I/O error.
		source: std::io::Error,
	},
	/// An outbox entry does not parse.
	#[error("corrupt outbox entry {}: {reason}", path.display())]
	OutboxCorrupt {
		/// The entry's file.
		path: PathBuf,
		/// What the parser said.
		reason: String,
	},
	/// Another file could not be read or written.
	#[error("{}: {source}", path.display())]
	File {
		/// The file.
		path: PathBuf,
		/// The I/O error.
		source: std::io::Error,
	},
	/// The provider key is missing, exposed or invalid.
	#[error("provider key: {0}")]
	ProviderKey(String),
	/// The HTTP API cannot listen or stopped with an error.
	#[error("HTTP API on {addr}: {source}")]
	Listen {
		/// The address.
		addr: std::net::SocketAddr,
		/// The I/O error.
		source: std::io::Error,
	},
	/// A running attestor does not answer (`status`).
	#[error("cannot reach the attestor at {url}: {reason}")]
	AttestorUnreachable {
		/// Its URL.
		url: String,
		/// What the connection said.
		reason: String,
	},
	/// A running attestor answered something else than its status.
	#[error("unexpected answer from {url}: {reason}")]
	UnexpectedAnswer {
		/// Its URL.
		url: String,
		/// What did not parse.
		reason: String,
	},
	/// Training a model failed unexpectedly.
	#[error("training model {model} failed: {reason}")]
	Training {
		/// The model.
		model: u32,
		/// Why.
		reason: String,
	},
}

/// The attestor's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
	/// The error on one line (some of subxt's messages span several).
	pub fn one_line(&self) -> String {
		self.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
	}
}
