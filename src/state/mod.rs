//! World state: the backend trait, an in-memory backend, and the journaled cache that
//! execution works on.

mod alloc;
mod journal;
mod memory_db;
mod remote;

pub use journal::{Account, Checkpoint, Journal, Log, Slot};
pub use memory_db::{DbAccount, InMemoryDb, SnapshotId};
pub use remote::RemoteAccount;

use crate::bytecode::Code;
use crate::primitives::{Address, B256, U256};
use std::sync::Arc;

/// An account as a backend holds it.
#[derive(Debug, Clone)]
pub struct AccountInfo {
    /// Balance in wei.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Analysed code (empty for an externally owned account).
    pub code: Arc<Code>,
}

impl AccountInfo {
    /// Whether the account is empty in the sense of EIP-161 (no balance, nonce or code).
    pub fn is_empty(&self) -> bool {
        self.balance.is_zero() && self.nonce == 0 && self.code.is_empty()
    }
}

/// A piece of state that a backend cannot answer yet. Execution suspends on it, like a step,
/// and resumes once the caller has supplied the value to the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Need {
    /// The account at this address.
    Account(Address),
    /// A storage slot of an account.
    Storage(Address, U256),
    /// Whether an account has any storage (checked before creating a contract there, EIP-7610).
    HasStorage(Address),
    /// The hash of a block by number.
    BlockHash(u64),
}

impl std::fmt::Display for Need {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Need::Account(a) => write!(f, "account {a}"),
            Need::Storage(a, k) => write!(f, "storage slot {k:#x} of {a}"),
            Need::HasStorage(a) => write!(f, "whether {a} has storage"),
            Need::BlockHash(n) => write!(f, "hash of block {n}"),
        }
    }
}

/// The answer of a backend read: the value, or what it still needs.
pub type StateResult<T> = Result<T, Need>;

/// Where state comes from and where a finished transaction's changes go.
///
/// A backend that must fetch data asynchronously (a JSON-RPC fork, say) answers `Err(need)`;
/// execution then suspends with that [`Need`] and retries the same read when resumed.
pub trait Backend {
    /// The account at `address`, or `None` if it does not exist.
    fn account(&mut self, address: &Address) -> StateResult<Option<AccountInfo>>;
    /// The value of a storage slot (zero if unset).
    fn storage(&mut self, address: &Address, key: &U256) -> StateResult<U256>;
    /// Whether the account has any non-zero storage slot.
    fn has_storage(&mut self, address: &Address) -> StateResult<bool>;
    /// The hash of block `number`.
    fn block_hash(&mut self, number: u64) -> StateResult<B256>;
    /// Applies the changes of a finished transaction.
    fn commit(&mut self, changes: Vec<AccountChange>);
}

/// The change a transaction made to one account.
#[derive(Debug, Clone)]
pub enum AccountChange {
    /// The account was deleted (self-destructed, or touched while empty).
    Deleted(Address),
    /// The account now has this balance, nonce and code, and these storage slots changed.
    Updated {
        /// The account.
        address: Address,
        /// New balance, nonce and code.
        info: AccountInfo,
        /// Changed slots and their new values (zero = cleared).
        storage: Vec<(U256, U256)>,
        /// The account was created in this transaction: its old storage, if any, is gone.
        created: bool,
    },
}
