//! The forks evmbox implements (Cancun, Prague, Osaka) and every rule that differs between
//! them, decided here once: an [`Evm`](crate::Evm) holds the [`Rules`] of its fork, and the
//! loop, the transaction checks and the precompiles read them from there. No instruction
//! asks which fork it runs in: the opcode table of the fork says whether an opcode exists
//! and what it costs, and [`Precompiles`] says which precompiles exist and how MODEXP is
//! priced.
//!
//! What each fork adds, for a transaction sandbox:
//! - **Prague**: EIP-7702 set-code transactions, EIP-2537 BLS12-381 precompiles
//!   (0x0b–0x11), EIP-7623 calldata floor, EIP-7691 blob schedule (target 6, max 9).
//! - **Osaka**: EIP-7939 CLZ, EIP-7883 MODEXP pricing and EIP-7823 MODEXP bounds, EIP-7951
//!   P256VERIFY (0x100), EIP-7825 transaction gas cap (2^24), EIP-7594 at most 6 blobs per
//!   transaction.
//!
//! Block-level rules (EIP-2935 history storage, EIP-7918 excess blob gas, withdrawals,
//! requests, block size) decide how blocks are built and checked, not how one transaction
//! runs, and are out of scope.

use crate::opcodes::{OpInfo, CANCUN_OPCODES, OSAKA_OPCODES};
use crate::precompiles::Precompiles;

/// A hard fork whose rules evmbox implements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fork {
    /// Cancun (March 2024).
    Cancun,
    /// Prague (May 2025).
    Prague,
    /// Osaka (December 2025): the rules mainnet runs, and the default.
    #[default]
    Osaka,
}

impl Fork {
    /// Every fork implemented, oldest first.
    pub const ALL: [Fork; 3] = [Fork::Cancun, Fork::Prague, Fork::Osaka];

    /// The fork's name as the fixtures and clients spell it (`Cancun`, `Prague`, `Osaka`).
    pub fn name(self) -> &'static str {
        match self {
            Fork::Cancun => "Cancun",
            Fork::Prague => "Prague",
            Fork::Osaka => "Osaka",
        }
    }

    /// The fork named `name` (any case), or an error that lists the known names.
    pub fn from_name(name: &str) -> Result<Fork, String> {
        Fork::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let known: Vec<_> = Fork::ALL
                    .iter()
                    .map(|f| f.name().to_ascii_lowercase())
                    .collect();
                format!("unknown fork {name:?} (known: {})", known.join(", "))
            })
    }

    /// The fork's rules, with its default blob schedule.
    pub fn rules(self) -> Rules {
        match self {
            Fork::Cancun => Rules {
                fork: self,
                opcodes: &CANCUN_OPCODES,
                precompiles: Precompiles::CANCUN,
                calldata_floor: false,
                set_code: false,
                tx_gas_cap: None,
                max_blobs_per_tx: None,
                blobs: BlobSchedule::CANCUN,
            },
            Fork::Prague => Rules {
                fork: self,
                opcodes: &CANCUN_OPCODES,
                precompiles: Precompiles::PRAGUE,
                calldata_floor: true,
                set_code: true,
                tx_gas_cap: None,
                max_blobs_per_tx: None,
                blobs: BlobSchedule::PRAGUE,
            },
            Fork::Osaka => Rules {
                fork: self,
                opcodes: &OSAKA_OPCODES,
                precompiles: Precompiles::OSAKA,
                calldata_floor: true,
                set_code: true,
                tx_gas_cap: Some(1 << 24),
                max_blobs_per_tx: Some(6),
                blobs: BlobSchedule::PRAGUE,
            },
        }
    }
}

impl std::fmt::Display for Fork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A fork's blob parameters (EIP-4844, EIP-7691): chains may set their own (a state test's
/// `config.blobSchedule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlobSchedule {
    /// Target blobs per block.
    pub target: u64,
    /// Most blobs per block.
    pub max: u64,
    /// Denominator of the blob base fee's exponential.
    pub update_fraction: u64,
}

impl BlobSchedule {
    /// Cancun's: target 3, max 6 (EIP-4844).
    pub const CANCUN: BlobSchedule = BlobSchedule {
        target: 3,
        max: 6,
        update_fraction: 3_338_477,
    };
    /// Prague's and Osaka's: target 6, max 9 (EIP-7691).
    pub const PRAGUE: BlobSchedule = BlobSchedule {
        target: 6,
        max: 9,
        update_fraction: 5_007_716,
    };
}

/// Everything that differs between forks.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// The fork these rules are.
    pub fork: Fork,
    /// Which opcodes exist and their static costs.
    pub opcodes: &'static [OpInfo; 256],
    /// Which precompiles exist and how MODEXP is priced.
    pub precompiles: Precompiles,
    /// Whether a transaction pays at least the calldata floor (EIP-7623).
    pub calldata_floor: bool,
    /// Whether set-code transactions and delegation designators exist (EIP-7702).
    pub set_code: bool,
    /// Highest gas limit of a transaction (EIP-7825), if any beyond the block's.
    pub tx_gas_cap: Option<u64>,
    /// Most blobs in one transaction (EIP-7594), if fewer than a block's.
    pub max_blobs_per_tx: Option<u64>,
    /// Blob target, maximum and base-fee fraction.
    pub blobs: BlobSchedule,
}

impl Default for Rules {
    fn default() -> Self {
        Fork::default().rules()
    }
}

impl Rules {
    /// Most blobs a transaction may carry.
    pub fn blob_limit(&self) -> u64 {
        self.max_blobs_per_tx
            .map_or(self.blobs.max, |m| m.min(self.blobs.max))
    }
}
