//! The pallets whose benchmarks the node's `benchmark pallet` command runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_assets, Assets]
	[pallet_parameters, Parameters]
	[pallet_datasets, Datasets]
	[pallet_attribution, Attribution]
	[pallet_validator_set, ValidatorSet]
);
