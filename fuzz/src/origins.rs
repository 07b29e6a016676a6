//! Who calls: the harness's origins, and which calls each may make.

use tributary_runtime::{governance::origins::Origin as TrackOrigin, AccountId, RuntimeOrigin};

/// A governance track's origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gov {
	/// Economic parameters.
	EconomicParams,
	/// The validator set.
	ValidatorAdmin,
	/// Treasury spends.
	Treasurer,
	/// Calls the technical committee whitelisted.
	WhitelistedCaller,
}

impl Gov {
	/// Every track origin.
	pub const ALL: [Gov; 4] =
		[Gov::EconomicParams, Gov::ValidatorAdmin, Gov::Treasurer, Gov::WhitelistedCaller];

	fn origin(self) -> TrackOrigin {
		match self {
			Gov::EconomicParams => TrackOrigin::EconomicParams,
			Gov::ValidatorAdmin => TrackOrigin::ValidatorAdmin,
			Gov::Treasurer => TrackOrigin::Treasurer,
			Gov::WhitelistedCaller => TrackOrigin::WhitelistedCaller,
		}
	}
}

/// An origin the fuzzer dispatches from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
	/// A funded account, by index into the harness's accounts; account 0 (Alice) is the sudo key.
	Signed(usize),
	/// An account that holds nothing.
	Unfunded,
	/// Root.
	Root,
	/// No origin (an unsigned transaction).
	None,
	/// A governance track's origin.
	Track(Gov),
	/// The whole technical committee.
	Committee,
}

/// How many funded accounts the harness has (Alice, Bob, Charlie, Dave, Eve, Ferdie).
pub const FUNDED: usize = 6;
/// The account that holds nothing.
pub const UNFUNDED: [u8; 32] = [0x42; 32];

impl Who {
	/// Every kind of origin, once (one funded account besides the sudo key).
	pub const KINDS: [Who; 9] = [
		Who::Signed(0),
		Who::Signed(1),
		Who::Unfunded,
		Who::None,
		Who::Root,
		Who::Track(Gov::EconomicParams),
		Who::Track(Gov::ValidatorAdmin),
		Who::Track(Gov::Treasurer),
		Who::Committee,
	];

	/// Whether this origin may use privileged calls, given who holds the sudo key: root,
	/// governance, the sudo key's account (Alice at genesis; `sudo.set_key` moves it).
	pub fn privileged(self, accounts: &[AccountId], sudo: Option<&AccountId>) -> bool {
		match self {
			Who::Root | Who::Track(_) | Who::Committee => true,
			Who::Signed(i) => sudo.is_some_and(|k| accounts.get(i) == Some(k)),
			Who::Unfunded => sudo.is_some_and(|k| *k == AccountId::new(UNFUNDED)),
			Who::None => false,
		}
	}

	/// The runtime origin.
	pub fn origin(self, accounts: &[AccountId]) -> RuntimeOrigin {
		match self {
			Who::Signed(i) => RuntimeOrigin::signed(
				accounts.get(i).cloned().unwrap_or_else(|| AccountId::new(UNFUNDED)),
			),
			Who::Unfunded => RuntimeOrigin::signed(AccountId::new(UNFUNDED)),
			Who::Root => RuntimeOrigin::root(),
			Who::None => RuntimeOrigin::none(),
			Who::Track(t) => t.origin().into(),
			Who::Committee => {
				pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(
					3, 3,
				)
				.into()
			},
		}
	}
}

/// Calls only a privileged origin may make: from any other origin they must fail with
/// `BadOrigin` (or the sudo pallet's `RequireSudo`). Every dispatchable of the runtime is in
/// this table or in [`PUBLIC`]; a test keeps the two complete, so a new call must be classified.
pub const PRIVILEGED: &[(&str, &[&str])] = &[
	(
		"System",
		&[
			"set_heap_pages",
			"set_code",
			"set_code_without_checks",
			"set_storage",
			"kill_storage",
			"kill_prefix",
			"authorize_upgrade",
			"authorize_upgrade_without_checks",
		],
	),
	(
		"Balances",
		&["force_transfer", "force_unreserve", "force_set_balance", "force_adjust_total_issuance"],
	),
	("Sudo", &["sudo", "sudo_unchecked_weight", "set_key", "sudo_as", "remove_key"]),
	("Utility", &["dispatch_as", "with_weight", "dispatch_as_fallible"]),
	(
		"Assets",
		&["force_create", "force_set_metadata", "force_clear_metadata", "force_asset_status"],
	),
	("Parameters", &["set_parameter"]),
	("Preimage", &["request_preimage", "unrequest_preimage"]),
	(
		"Scheduler",
		&[
			"schedule",
			"cancel",
			"schedule_named",
			"cancel_named",
			"schedule_after",
			"schedule_named_after",
			"set_retry",
			"set_retry_named",
			"cancel_retry",
			"cancel_retry_named",
		],
	),
	("Referenda", &["cancel", "kill", "nudge_referendum", "one_fewer_deciding"]),
	("TechnicalCommittee", &["set_members", "disapprove_proposal", "kill"]),
	("Whitelist", &["whitelist_call", "remove_whitelisted_call"]),
	("Treasury", &["spend_local", "remove_approval", "spend", "void_spend"]),
	("Grandpa", &["note_stalled"]),
	("ValidatorSet", &["add_validator", "remove_validator", "set_session_length"]),
];

/// Calls a signed account (or, for the unsigned ones, no origin) may make.
pub const PUBLIC: &[(&str, &[&str])] = &[
	("System", &["remark", "remark_with_event", "apply_authorized_upgrade"]),
	("Timestamp", &["set"]),
	("Session", &["set_keys", "purge_keys"]),
	("Grandpa", &["report_equivocation", "report_equivocation_unsigned"]),
	(
		"Balances",
		&[
			"transfer_allow_death",
			"transfer_keep_alive",
			"transfer_all",
			"upgrade_accounts",
			"burn",
		],
	),
	("Utility", &["batch", "as_derivative", "batch_all", "force_batch", "if_else"]),
	(
		"Assets",
		&[
			"create",
			"start_destroy",
			"destroy_accounts",
			"destroy_approvals",
			"finish_destroy",
			"mint",
			"burn",
			"transfer",
			"transfer_keep_alive",
			"force_transfer",
			"freeze",
			"thaw",
			"freeze_asset",
			"thaw_asset",
			"transfer_ownership",
			"set_team",
			"set_metadata",
			"clear_metadata",
			"approve_transfer",
			"cancel_approval",
			"force_cancel_approval",
			"transfer_approved",
			"touch",
			"refund",
			"set_min_balance",
			"touch_other",
			"refund_other",
			"block",
			"transfer_all",
			"set_reserves",
		],
	),
	("Preimage", &["note_preimage", "unnote_preimage", "ensure_updated"]),
	(
		"Referenda",
		&[
			"submit",
			"place_decision_deposit",
			"refund_decision_deposit",
			"refund_submission_deposit",
			"set_metadata",
		],
	),
	(
		"ConvictionVoting",
		&["vote", "delegate", "undelegate", "unlock", "remove_vote", "remove_other_vote"],
	),
	("TechnicalCommittee", &["execute", "propose", "vote", "close", "release_proposal_cost"]),
	// Anyone may relay a whitelisted call once its deferral has passed.
	(
		"Whitelist",
		&[
			"dispatch_whitelisted_call",
			"dispatch_whitelisted_call_with_preimage",
			"remove_deferred_dispatch",
		],
	),
	("Treasury", &["payout", "check_status"]),
	(
		"Datasets",
		&[
			"create_dataset",
			"update_metadata",
			"update_policy",
			"add_curator",
			"remove_curator",
			"offer_ownership",
			"accept_ownership",
			"close_dataset",
			"submit_contribution",
			"submit_contributions",
			"accept_contribution",
			"reject_contribution",
			"expire_contribution",
			"withdraw_contribution",
		],
	),
	(
		"Attribution",
		&[
			"register_model",
			"set_price",
			"authorize_provider",
			"revoke_provider",
			"retire_model",
			"register_provider",
			"unbond_provider",
			"withdraw_bond",
			"approve",
			"change_allowance",
			"report_inference",
			"report_inferences",
			"claim",
		],
	),
];

/// Calls that may succeed with no origin: inherents, unsigned transactions (which the
/// runtime's `ValidateUnsigned` admits), and `system.remark`, which checks no origin and
/// changes nothing.
pub const UNSIGNED: &[(&str, &str)] = &[
	("System", "remark"),
	("Timestamp", "set"),
	("Grandpa", "report_equivocation_unsigned"),
	("System", "apply_authorized_upgrade"),
];

/// Inherents the harness applies itself each block and never dispatches as a step (a second
/// timestamp in a block is a panic by design: block authors cannot include one).
pub const INHERENTS: &[(&str, &str)] = &[("Timestamp", "set")];

/// Whether `(pallet, call)` is an inherent the harness applies itself.
pub fn is_inherent(pallet: &str, call: &str) -> bool {
	INHERENTS.iter().any(|(p, c)| *p == pallet && *c == call)
}

fn listed(table: &[(&str, &[&str])], pallet: &str, call: &str) -> bool {
	table.iter().any(|(p, calls)| *p == pallet && calls.contains(&call))
}

/// Whether `(pallet, call)` needs a privileged origin.
pub fn is_privileged(pallet: &str, call: &str) -> bool {
	listed(PRIVILEGED, pallet, call)
}

/// Whether `(pallet, call)` is classified at all.
pub fn is_classified(pallet: &str, call: &str) -> bool {
	listed(PRIVILEGED, pallet, call) || listed(PUBLIC, pallet, call)
}

/// Whether `(pallet, call)` may be made with no origin.
pub fn is_unsigned(pallet: &str, call: &str) -> bool {
	UNSIGNED.iter().any(|(p, c)| *p == pallet && *c == call)
}
