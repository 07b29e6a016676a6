//! Models, providers and allowances.

use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, fungibles::Inspect, tokens::Precision, Get},
};
use sp_runtime::{traits::Saturating, DispatchError, DispatchResult};
use tributary_primitives::{
	mutants::{planted, Mutant},
	DatasetInspect,
};

use crate::{pallet::*, types::*};

impl<T: Config> Pallet<T> {
	fn owned_model(who: &T::AccountId, model: ModelId) -> Result<ModelOf<T>, DispatchError> {
		let m = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(&m.owner == who, Error::<T>::NotModelOwner);
		Ok(m)
	}

	/// Registers a model and holds its deposit.
	pub fn do_register_model(
		owner: T::AccountId,
		metadata: Vec<u8>,
		trained_on: TrainedOnOf<T>,
		parent: Option<ModelId>,
		price: Balance,
		currency: AssetKind,
	) -> Result<ModelId, DispatchError> {
		let metadata = metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
		ensure!(!trained_on.is_empty(), Error::<T>::EmptyTrainingSet);
		let mut seen = BTreeSet::new();
		for (dataset, version) in trained_on.iter() {
			ensure!(seen.insert(*dataset), Error::<T>::DuplicateDataset);
			ensure!(
				T::Datasets::version_root(*dataset, *version).is_some(),
				Error::<T>::DatasetVersionNotFound
			);
		}
		if let Some(p) = parent {
			ensure!(Models::<T>::contains_key(p), Error::<T>::ParentModelNotFound);
		}
		ensure!(T::Assets::asset_exists(currency.clone()), Error::<T>::AssetNotFound);
		let id = NextModelId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::ModelDeposit::get();
		if deposit > 0 {
			T::NativeCurrency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Models::<T>::insert(
			id,
			Model {
				owner: owner.clone(),
				metadata,
				trained_on,
				parent,
				price,
				currency: currency.clone(),
				providers: Default::default(),
				status: ModelStatus::Active,
				deposit,
			},
		);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelRegistered { model: id, owner, price, currency });
		Ok(id)
	}

	pub(crate) fn do_set_price(
		who: T::AccountId,
		model: ModelId,
		price: Balance,
	) -> DispatchResult {
		let mut m = Self::owned_model(&who, model)?;
		ensure!(m.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		if planted(Mutant::PanicOnLargestPrice) {
			assert!(price < Balance::MAX, "price overflows");
		}
		m.price = price;
		Models::<T>::insert(model, m);
		Self::deposit_event(Event::PriceChanged { model, price });
		Ok(())
	}

	pub(crate) fn do_authorize(
		who: T::AccountId,
		model: ModelId,
		provider: T::AccountId,
	) -> DispatchResult {
		let mut m = Self::owned_model(&who, model)?;
		ensure!(m.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		ensure!(!m.providers.contains(&provider), Error::<T>::AlreadyAuthorized);
		m.providers.try_push(provider.clone()).map_err(|_| Error::<T>::TooManyProviders)?;
		Models::<T>::insert(model, m);
		Self::deposit_event(Event::ProviderAuthorized { model, provider });
		Ok(())
	}

	pub(crate) fn do_revoke(
		who: T::AccountId,
		model: ModelId,
		provider: T::AccountId,
	) -> DispatchResult {
		let mut m = Self::owned_model(&who, model)?;
		let before = m.providers.len();
		m.providers.retain(|p| p != &provider);
		ensure!(m.providers.len() < before, Error::<T>::NotAuthorized);
		Models::<T>::insert(model, m);
		Self::deposit_event(Event::ProviderRevoked { model, provider });
		Ok(())
	}

	pub(crate) fn do_retire(who: T::AccountId, model: ModelId) -> DispatchResult {
		let mut m = Self::owned_model(&who, model)?;
		ensure!(m.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		if m.deposit > 0 {
			T::NativeCurrency::release(
				&HoldReason::ModelDeposit.into(),
				&who,
				m.deposit,
				Precision::Exact,
			)?;
		}
		m.status = ModelStatus::Retired;
		m.deposit = 0;
		Models::<T>::insert(model, m);
		Self::deposit_event(Event::ModelRetired { model });
		Ok(())
	}

	pub(crate) fn do_register_provider(who: T::AccountId, bond: Balance) -> DispatchResult {
		ensure!(!Providers::<T>::contains_key(&who), Error::<T>::AlreadyProvider);
		ensure!(bond >= T::MinProviderBond::get(), Error::<T>::BondTooLow);
		if bond > 0 {
			T::NativeCurrency::hold(&HoldReason::ProviderBond.into(), &who, bond)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Providers::<T>::insert(&who, Provider { bond, unbonding_at: None });
		Self::deposit_event(Event::ProviderBonded { provider: who, bond });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let mut p = Providers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		ensure!(p.unbonding_at.is_none(), Error::<T>::AlreadyUnbonding);
		let at = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingDelay::get());
		p.unbonding_at = Some(at);
		Providers::<T>::insert(&who, p);
		Self::deposit_event(Event::ProviderUnbonding { provider: who, at });
		Ok(())
	}

	pub(crate) fn do_withdraw_bond(who: T::AccountId) -> DispatchResult {
		let p = Providers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		let at = p.unbonding_at.ok_or(Error::<T>::NotUnbonding)?;
		if planted(Mutant::WithdrawBondSwallowsError)
			&& frame_system::Pallet::<T>::block_number() < at
		{
			Providers::<T>::remove(&who);
			return Ok(());
		}
		ensure!(frame_system::Pallet::<T>::block_number() >= at, Error::<T>::UnbondingNotOver);
		if p.bond > 0 {
			T::NativeCurrency::release(
				&HoldReason::ProviderBond.into(),
				&who,
				p.bond,
				Precision::Exact,
			)?;
		}
		Providers::<T>::remove(&who);
		Self::deposit_event(Event::BondWithdrawn { provider: who, bond: p.bond });
		Ok(())
	}

	pub(crate) fn do_approve(
		consumer: T::AccountId,
		provider: T::AccountId,
		model: ModelId,
		expected: Option<Balance>,
		allowance: Balance,
	) -> DispatchResult {
		ensure!(Models::<T>::contains_key(model), Error::<T>::ModelNotFound);
		let key = (consumer.clone(), provider.clone(), model);
		if let Some(expected) = expected {
			let now = Allowances::<T>::get(&key).unwrap_or(0);
			ensure!(now == expected, Error::<T>::AllowanceChanged);
		}
		if allowance == 0 {
			Allowances::<T>::remove(key);
		} else {
			Allowances::<T>::insert(key, allowance);
		}
		Self::deposit_event(Event::AllowanceSet { consumer, provider, model, allowance });
		Ok(())
	}
}
