//! The origins referenda dispatch with, one per track beyond root, and the switch that gives the
//! development chain short track periods.

pub use pallet_custom_origins::*;

// FRAME's pallet macro expands to code these lints flag under our spans.
#[allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet_custom_origins {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Origins of the governance tracks.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Changes economic parameters: the fee split, deposits, bonds, windows.
		EconomicParams,
		/// Adds and removes validators.
		ValidatorAdmin,
		/// Spends from the treasury.
		Treasurer,
		/// Dispatches a call the technical committee whitelisted (the fast track).
		WhitelistedCaller,
	}

	/// Whether tracks use the development periods (a referendum passes in about a minute).
	#[pallet::storage]
	pub type DevelopmentPeriods<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Short track periods (development chains only).
		pub development_periods: bool,
		#[serde(skip)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			DevelopmentPeriods::<T>::put(self.development_periods);
		}
	}

	macro_rules! decl_ensure {
		($($name:ident),* $(,)?) => { $(
			/// Ensures the origin is the custom origin of the same name.
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.caller().try_into() {
						Ok(Origin::$name) => return Ok(()),
						_ => (),
					}
					Err(o)
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		)* };
	}
	decl_ensure!(EconomicParams, ValidatorAdmin, Treasurer, WhitelistedCaller);
}
