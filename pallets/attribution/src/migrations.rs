//! Storage migrations of `pallet-attribution`.

/// v0 → v1: the pot's four per-currency totals (`TotalOwed`, `Pooled`, `Dust`, `Reserve`) become
/// one [`CurrencyTotals`](crate::CurrencyTotals) per currency in
/// [`PotTotals`](crate::PotTotals), and each contribution's `Checkpoints` and
/// `ContributionEarnings` one [`ContributionLedger`](crate::ContributionLedger) in
/// [`ContributionLedgers`](crate::ContributionLedgers): a claim or a settlement writes one item
/// where it wrote two.
pub mod v1 {
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};

	use crate::{
		AssetKind, Balance, Config, ContributionId, ContributionLedgers, Pallet, PotTotals,
	};

	/// The v0 storage items, as they were.
	pub mod v0 {
		use super::*;

		#[storage_alias]
		pub type TotalOwed<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, AssetKind, Balance, ValueQuery>;
		#[storage_alias]
		pub type Pooled<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, AssetKind, Balance, ValueQuery>;
		#[storage_alias]
		pub type Dust<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, AssetKind, Balance, ValueQuery>;
		#[storage_alias]
		pub type Reserve<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, AssetKind, Balance, ValueQuery>;
		#[storage_alias]
		pub type Checkpoints<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ContributionId,
			Blake2_128Concat,
			AssetKind,
			u128,
			ValueQuery,
		>;
		#[storage_alias]
		pub type ContributionEarnings<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ContributionId,
			Blake2_128Concat,
			AssetKind,
			Balance,
			ValueQuery,
		>;
	}

	/// Moves every v0 item into its v1 place. One pass over the items moved: Tributary's chains
	/// are young, so it fits one block; the weight returned counts every read and write.
	pub struct Inner<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Inner<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut moved = 0u64;
			for (k, owed) in v0::TotalOwed::<T>::drain() {
				PotTotals::<T>::mutate(k, |t| t.owed = owed);
				moved = moved.saturating_add(1);
			}
			for (k, pooled) in v0::Pooled::<T>::drain() {
				PotTotals::<T>::mutate(k, |t| t.pooled = pooled);
				moved = moved.saturating_add(1);
			}
			for (k, dust) in v0::Dust::<T>::drain() {
				PotTotals::<T>::mutate(k, |t| t.dust = dust);
				moved = moved.saturating_add(1);
			}
			for (k, reserve) in v0::Reserve::<T>::drain() {
				PotTotals::<T>::mutate(k, |t| t.reserve = reserve);
				moved = moved.saturating_add(1);
			}
			for (c, k, checkpoint) in v0::Checkpoints::<T>::drain() {
				ContributionLedgers::<T>::mutate(c, k, |l| l.checkpoint = checkpoint);
				moved = moved.saturating_add(1);
			}
			for (c, k, earned) in v0::ContributionEarnings::<T>::drain() {
				ContributionLedgers::<T>::mutate(c, k, |l| l.earned = earned);
				moved = moved.saturating_add(1);
			}
			log::info!(target: crate::LOG_TARGET, "v1: moved {moved} items");
			// Each item: read and removed, then its new home read and written.
			T::DbWeight::get().reads_writes(moved.saturating_mul(2), moved.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let owed: Balance =
				v0::TotalOwed::<T>::iter_values().fold(0, |a, b| a.saturating_add(b));
			let earned: Balance =
				v0::ContributionEarnings::<T>::iter_values().fold(0, |a, b| a.saturating_add(b));
			Ok((owed, earned).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (owed, earned): (Balance, Balance) = Decode::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let now_owed: Balance =
				PotTotals::<T>::iter_values().fold(0, |a, t| a.saturating_add(t.owed));
			let now_earned: Balance =
				ContributionLedgers::<T>::iter_values().fold(0, |a, l| a.saturating_add(l.earned));
			ensure!(owed == now_owed, "owed totals changed in the move");
			ensure!(earned == now_earned, "contribution earnings changed in the move");
			Pallet::<T>::do_try_state()
		}
	}

	/// The v0 → v1 migration, run once (by the storage version).
	pub type MigrateV0ToV1<T> =
		VersionedMigration<0, 1, Inner<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}

#[cfg(test)]
mod tests {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	use super::v1::{v0, MigrateV0ToV1};
	use crate::{
		mock::*, ContributionLedger, ContributionLedgers, CurrencyTotals, Pallet, PotTotals,
	};

	#[test]
	fn v1_moves_every_total_and_contribution_ledger() {
		ExtBuilder.build().execute_with(|| {
			StorageVersion::new(0).put::<Pallet<Test>>();
			v0::TotalOwed::<Test>::insert(NATIVE, 100);
			v0::Pooled::<Test>::insert(NATIVE, 40);
			v0::Dust::<Test>::insert(NATIVE, 3);
			v0::Reserve::<Test>::insert(NATIVE, 10);
			v0::Dust::<Test>::insert(USD, 7);
			v0::Checkpoints::<Test>::insert(5, NATIVE, 1_000);
			v0::ContributionEarnings::<Test>::insert(5, NATIVE, 60);
			v0::ContributionEarnings::<Test>::insert(6, USD, 9);

			MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
			assert_eq!(
				PotTotals::<Test>::get(NATIVE),
				CurrencyTotals { owed: 100, pooled: 40, dust: 3, reserve: 10 }
			);
			assert_eq!(
				PotTotals::<Test>::get(USD),
				CurrencyTotals { dust: 7, ..Default::default() }
			);
			assert_eq!(
				ContributionLedgers::<Test>::get(5, NATIVE),
				ContributionLedger { checkpoint: 1_000, earned: 60 }
			);
			assert_eq!(
				ContributionLedgers::<Test>::get(6, USD),
				ContributionLedger { checkpoint: 0, earned: 9 }
			);
			assert_eq!(v0::TotalOwed::<Test>::iter().count(), 0);
			assert_eq!(v0::Checkpoints::<Test>::iter().count(), 0);
			assert_eq!(v0::ContributionEarnings::<Test>::iter().count(), 0);

			// Run again (the version is 1 now): nothing happens.
			v0::Dust::<Test>::insert(NATIVE, 1);
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(PotTotals::<Test>::get(NATIVE).dust, 3);
		});
	}
}
