//! An in-memory backend: every account and slot lives in hash maps. It never suspends,
//! unless it is the lazy copy of a remote chain ([`InMemoryDb::forked`], in `remote.rs`).
//!
//! Every change goes through a method, so that while a snapshot exists each one is recorded in
//! an undo log (the prior value of what it overwrote): [`InMemoryDb::snapshot`] costs nothing,
//! and [`InMemoryDb::revert`] undoes only what changed since, however large the world is.

use super::remote::Remote;
use super::{AccountChange, AccountInfo, Backend, Need, StateResult};
use crate::bytecode::Code;
use crate::fast_map::FastMap;
use crate::primitives::{keccak256, Address, B256, U256};
use std::collections::HashMap;
use std::sync::Arc;

/// An account with its storage.
#[derive(Debug, Clone)]
pub struct DbAccount {
    /// Balance, nonce and code.
    pub info: AccountInfo,
    /// Non-zero storage slots.
    pub storage: HashMap<U256, U256>,
}

impl DbAccount {
    fn empty() -> DbAccount {
        DbAccount {
            info: AccountInfo {
                balance: U256::ZERO,
                nonce: 0,
                code: Arc::new(Code::new(&[])),
            },
            storage: HashMap::new(),
        }
    }
}

/// The prior value of something a change overwrote.
#[derive(Debug, Clone)]
pub(super) enum Undo {
    /// The whole account (`None`: it did not exist).
    Account(Address, Option<DbAccount>),
    /// Balance, nonce and code.
    Info(Address, AccountInfo),
    /// One slot's value (zero: unset).
    Slot(Address, U256, U256),
    /// The whole storage (before it was cleared).
    Storage(Address, HashMap<U256, U256>),
    /// A forked account's storage became wholly local (it was not before).
    StorageLocal(Address),
    /// A forked account became known by being set here (it had not been fetched).
    Known(Address),
}

/// The id of a snapshot (see [`InMemoryDb::snapshot`]).
pub type SnapshotId = u64;

/// A world state held in memory.
#[derive(Debug, Clone, Default)]
pub struct InMemoryDb {
    pub(super) accounts: FastMap<Address, DbAccount>,
    /// Known block hashes; others default to keccak256 of the decimal block number, as the
    /// state-test tools (geth's t8n, revm's statetest) define them.
    pub block_hashes: HashMap<u64, B256>,
    /// Live snapshots, oldest first: id and the undo log's length when taken.
    snapshots: Vec<(SnapshotId, usize)>,
    next_snapshot: SnapshotId,
    undo: Vec<Undo>,
    /// What a forked world has learnt of its remote chain (`None`: not forked).
    pub(super) remote: Option<Box<Remote>>,
}

impl InMemoryDb {
    /// An empty world.
    pub fn new() -> InMemoryDb {
        InMemoryDb::default()
    }

    /// Every account, by address.
    pub fn accounts(&self) -> &FastMap<Address, DbAccount> {
        &self.accounts
    }

    /// One account, if it exists.
    pub fn get(&self, address: &Address) -> Option<&DbAccount> {
        self.accounts.get(address)
    }

    /// Creates or replaces an account (zero storage values are left out).
    pub fn insert_account(
        &mut self,
        address: Address,
        balance: U256,
        nonce: u64,
        code: &[u8],
        storage: HashMap<U256, U256>,
    ) {
        let code = Arc::new(Code::new(code));
        let storage = storage.into_iter().filter(|(_, v)| !v.is_zero()).collect();
        let old = self.accounts.insert(
            address,
            DbAccount {
                info: AccountInfo {
                    balance,
                    nonce,
                    code,
                },
                storage,
            },
        );
        self.record(|| Undo::Account(address, old));
        self.storage_is_local(address);
        self.set_here(address);
    }

    /// Deletes an account with its storage; returns whether it existed.
    pub fn remove_account(&mut self, address: &Address) -> bool {
        let old = self.accounts.remove(address);
        let existed = old.is_some();
        if existed {
            self.record(|| Undo::Account(*address, old));
        }
        self.storage_is_local(*address);
        existed
    }

    /// Sets an account's balance (creating the account if needed).
    pub fn set_balance(&mut self, address: Address, balance: U256) {
        self.info_mut(address).balance = balance;
    }

    /// Sets an account's nonce (creating the account if needed).
    pub fn set_nonce(&mut self, address: Address, nonce: u64) {
        self.info_mut(address).nonce = nonce;
    }

    /// Sets an account's code (creating the account if needed).
    pub fn set_code(&mut self, address: Address, code: &[u8]) {
        self.info_mut(address).code = Arc::new(Code::new(code));
    }

    /// Sets one storage slot (zero clears it), creating the account if needed.
    pub fn set_storage(&mut self, address: Address, key: U256, value: U256) {
        self.account_mut(address);
        let acc = self.accounts.get_mut(&address).expect("just ensured");
        let old = if value.is_zero() {
            acc.storage.remove(&key)
        } else {
            acc.storage.insert(key, value)
        };
        if old != Some(value) && !(old.is_none() && value.is_zero()) {
            self.record(|| Undo::Slot(address, key, old.unwrap_or_default()));
        }
    }

    /// Clears every storage slot of an account.
    pub fn clear_storage(&mut self, address: &Address) {
        self.storage_is_local(*address);
        if let Some(acc) = self.accounts.get_mut(address) {
            if !acc.storage.is_empty() {
                let old = std::mem::take(&mut acc.storage);
                self.record(|| Undo::Storage(*address, old));
            }
        }
    }

    /// Marks the current state: [`InMemoryDb::revert`] with the id returned brings it back.
    /// Snapshots nest; taking one costs nothing, and while any exists each change records
    /// what it overwrote.
    pub fn snapshot(&mut self) -> SnapshotId {
        let id = self.next_snapshot;
        self.next_snapshot += 1;
        self.snapshots.push((id, self.undo.len()));
        id
    }

    /// Restores the state of snapshot `id`; that snapshot and every later one are used up.
    /// Returns false (changing nothing) if `id` is unknown or already used up.
    pub fn revert(&mut self, id: SnapshotId) -> bool {
        let Some(i) = self.snapshots.iter().position(|s| s.0 == id) else {
            return false;
        };
        let mark = self.snapshots[i].1;
        self.snapshots.truncate(i);
        while self.undo.len() > mark {
            match self.undo.pop().expect("len > mark") {
                Undo::Account(a, Some(acc)) => {
                    self.accounts.insert(a, acc);
                }
                Undo::Account(a, None) => {
                    self.accounts.remove(&a);
                }
                Undo::Info(a, info) => {
                    if let Some(acc) = self.accounts.get_mut(&a) {
                        acc.info = info;
                    }
                }
                Undo::Slot(a, k, v) => {
                    if let Some(acc) = self.accounts.get_mut(&a) {
                        if v.is_zero() {
                            acc.storage.remove(&k);
                        } else {
                            acc.storage.insert(k, v);
                        }
                    }
                }
                Undo::StorageLocal(a) => {
                    if let Some(r) = &mut self.remote {
                        r.local_storage.remove(&a);
                    }
                }
                Undo::Known(a) => {
                    if let Some(r) = &mut self.remote {
                        r.forget(&a);
                    }
                }
                Undo::Storage(a, s) => {
                    if let Some(acc) = self.accounts.get_mut(&a) {
                        acc.storage = s;
                    }
                }
            }
        }
        self.trim();
        true
    }

    /// Drops snapshot `id` without reverting (its changes stay); returns false if unknown.
    pub fn release(&mut self, id: SnapshotId) -> bool {
        let Some(i) = self.snapshots.iter().position(|s| s.0 == id) else {
            return false;
        };
        self.snapshots.remove(i);
        self.trim();
        true
    }

    /// Ids of the live snapshots, oldest first.
    pub fn snapshot_ids(&self) -> impl Iterator<Item = SnapshotId> + '_ {
        self.snapshots.iter().map(|s| s.0)
    }

    /// Forgets undo entries no live snapshot needs.
    fn trim(&mut self) {
        match self.snapshots.first() {
            None => self.undo.clear(),
            Some(&(_, 0)) => {}
            Some(&(_, mark)) => {
                // Entries before the oldest snapshot are never undone.
                self.undo.drain(..mark);
                for s in &mut self.snapshots {
                    s.1 -= mark;
                }
            }
        }
    }

    pub(super) fn record(&mut self, undo: impl FnOnce() -> Undo) {
        if !self.snapshots.is_empty() {
            self.undo.push(undo());
        }
    }

    /// The account, created empty if it did not exist (recorded).
    fn account_mut(&mut self, address: Address) {
        if let std::collections::hash_map::Entry::Vacant(e) = self.accounts.entry(address) {
            e.insert(DbAccount::empty());
            self.record(|| Undo::Account(address, None));
        }
    }

    /// The account's info, its prior value recorded.
    fn info_mut(&mut self, address: Address) -> &mut AccountInfo {
        self.account_mut(address);
        if !self.snapshots.is_empty() {
            let old = self.accounts[&address].info.clone();
            self.undo.push(Undo::Info(address, old));
        }
        &mut self.accounts.get_mut(&address).expect("just ensured").info
    }
}

impl Backend for InMemoryDb {
    fn account(&mut self, address: &Address) -> StateResult<Option<AccountInfo>> {
        if let Some(r) = &self.remote {
            r.has_account(address)?;
        }
        Ok(self.accounts.get(address).map(|a| a.info.clone()))
    }

    fn storage(&mut self, address: &Address, key: &U256) -> StateResult<U256> {
        if let Some(r) = &self.remote {
            r.has_slot(address, key)?;
        }
        Ok(self
            .accounts
            .get(address)
            .and_then(|a| a.storage.get(key).copied())
            .unwrap_or(U256::ZERO))
    }

    fn has_storage(&mut self, address: &Address) -> StateResult<bool> {
        let here = (self.accounts.get(address)).is_some_and(|a| !a.storage.is_empty());
        match &self.remote {
            Some(r) => Ok(here || r.remote_has_storage(address)?),
            None => Ok(here),
        }
    }

    fn block_hash(&mut self, number: u64) -> StateResult<B256> {
        match (self.block_hashes.get(&number), &self.remote) {
            (Some(h), _) => Ok(*h),
            (None, Some(_)) => Err(Need::BlockHash(number)),
            (None, None) => Ok(keccak256(number.to_string().as_bytes())),
        }
    }

    fn commit(&mut self, changes: Vec<AccountChange>) {
        for change in changes {
            match change {
                AccountChange::Deleted(a) => {
                    self.remove_account(&a);
                }
                AccountChange::Updated {
                    address,
                    info,
                    storage,
                    created,
                } => {
                    *self.info_mut(address) = info;
                    if created {
                        self.clear_storage(&address);
                    }
                    for (k, v) in storage {
                        self.set_storage(address, k, v);
                    }
                }
            }
        }
    }
}
