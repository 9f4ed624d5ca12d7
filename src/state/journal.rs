//! The journaled state a transaction runs on: a cache of accounts loaded from the backend,
//! with every change recorded so that any call depth can be reverted.

use super::{AccountChange, AccountInfo, Backend, StateResult};
use crate::bytecode::Code;
use crate::fast_map::FastMap;
use crate::precompiles::Precompiles;
use crate::primitives::{Address, B256, U256};
use std::sync::Arc;

/// A storage slot as seen during a transaction.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// Value at the start of the transaction (EIP-2200's "original").
    pub original: U256,
    /// Current value.
    pub present: U256,
    /// Accessed already in this transaction (EIP-2929).
    pub warm: bool,
}

/// An account as seen during a transaction.
#[derive(Debug, Clone)]
pub struct Account {
    /// Balance, nonce and code.
    pub info: AccountInfo,
    /// Slots read or written in this transaction.
    pub storage: FastMap<U256, Slot>,
    /// The backend had this account.
    pub existed: bool,
    /// Accessed already in this transaction (EIP-2929).
    pub warm: bool,
    /// Touched in the sense of EIP-161: deleted at the end if still empty.
    pub touched: bool,
    /// Created in this transaction.
    pub created: bool,
    /// Self-destructed in the transaction that created it (EIP-6780): deleted at the end.
    pub destroyed: bool,
}

/// A log record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    /// Emitting contract.
    pub address: Address,
    /// Topics (0 to 4).
    pub topics: Vec<B256>,
    /// Data.
    pub data: Vec<u8>,
}

/// A point to revert to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checkpoint {
    entries: usize,
    logs: usize,
    refund: i64,
}

#[derive(Debug, Clone)]
enum Entry {
    Warmed(Address),
    SlotWarmed(Address, U256),
    Touched(Address),
    Balance(Address, U256),
    Nonce(Address, u64),
    Storage(Address, U256, U256),
    Transient(Address, U256, U256),
    Created(Address),
    Code(Address, Arc<Code>),
    Destroyed(Address),
}

/// Journaled state over a backend.
#[derive(Debug)]
pub struct Journal<B> {
    /// The backend reads come from and changes go to.
    pub backend: B,
    accounts: FastMap<Address, Account>,
    transient: FastMap<(Address, U256), U256>,
    entries: Vec<Entry>,
    logs: Vec<Log>,
    refund: i64,
    empty_code: Arc<Code>,
    /// The fork's precompiles: warm from the start of every transaction (EIP-2929).
    pub precompiles: Precompiles,
}

impl<B: Backend> Journal<B> {
    /// A journal over `backend`.
    pub fn new(backend: B) -> Self {
        Journal {
            backend,
            accounts: FastMap::default(),
            transient: FastMap::default(),
            entries: Vec::new(),
            logs: Vec::new(),
            refund: 0,
            empty_code: Arc::new(Code::empty()),
            precompiles: Precompiles::OSAKA,
        }
    }

    /// Shared empty code.
    pub fn empty_code(&self) -> &Arc<Code> {
        &self.empty_code
    }

    /// Loads an account into the cache (a no-op if present).
    pub fn load(&mut self, address: Address) -> StateResult<&mut Account> {
        use std::collections::hash_map::Entry as E;
        match self.accounts.entry(address) {
            E::Occupied(o) => Ok(o.into_mut()),
            E::Vacant(v) => {
                let loaded = self.backend.account(&address)?;
                let existed = loaded.is_some();
                let info = loaded.unwrap_or_else(|| AccountInfo {
                    balance: U256::ZERO,
                    nonce: 0,
                    code: self.empty_code.clone(),
                });
                Ok(v.insert(Account {
                    info,
                    storage: FastMap::default(),
                    existed,
                    warm: self.precompiles.contains(&address),
                    touched: false,
                    created: false,
                    destroyed: false,
                }))
            }
        }
    }

    /// Whether creating a contract at `address` collides with what is there: a nonce, code,
    /// or storage in the backend (EIP-684, EIP-7610). Loads the account.
    pub fn create_collides(&mut self, address: Address) -> StateResult<bool> {
        let a = self.load(address)?;
        if a.info.nonce != 0 || !a.info.code.is_empty() {
            return Ok(true);
        }
        let stored = a.existed && !a.created;
        Ok(stored && self.backend.has_storage(&address)?)
    }

    /// A cached account, if loaded.
    pub fn cached(&self, address: &Address) -> Option<&Account> {
        self.accounts.get(address)
    }

    fn acc(&mut self, address: &Address) -> &mut Account {
        // Every caller loads the account first; a missing one is a logic error upstream,
        // answered with an empty account rather than a panic.
        let empty = &self.empty_code;
        self.accounts.entry(*address).or_insert_with(|| Account {
            info: AccountInfo {
                balance: U256::ZERO,
                nonce: 0,
                code: empty.clone(),
            },
            storage: FastMap::default(),
            existed: false,
            warm: false,
            touched: false,
            created: false,
            destroyed: false,
        })
    }

    /// Marks a loaded account warm; returns true if it was cold.
    pub fn warm(&mut self, address: Address) -> bool {
        let a = self.acc(&address);
        if a.warm {
            return false;
        }
        a.warm = true;
        self.entries.push(Entry::Warmed(address));
        true
    }

    /// Loads and warms an account; returns whether it was cold.
    pub fn load_warm(&mut self, address: Address) -> StateResult<bool> {
        self.load(address)?;
        Ok(self.warm(address))
    }

    /// Marks an account warm for the whole transaction (sender, recipient, access list).
    pub fn prewarm(&mut self, address: Address) -> StateResult<()> {
        self.load(address)?.warm = true;
        Ok(())
    }

    /// Marks a slot warm for the whole transaction (access list). The journal entry this
    /// leaves lies before the transaction's first checkpoint, so it is never undone.
    pub fn prewarm_slot(&mut self, address: Address, key: U256) -> StateResult<()> {
        self.sload(address, key).map(|_| ())
    }

    /// Touches an account (EIP-161).
    pub fn touch(&mut self, address: Address) {
        let a = self.acc(&address);
        if !a.touched {
            a.touched = true;
            self.entries.push(Entry::Touched(address));
        }
    }

    /// Sets a balance.
    pub fn set_balance(&mut self, address: Address, balance: U256) {
        let a = self.acc(&address);
        let prev = a.info.balance;
        a.info.balance = balance;
        self.entries.push(Entry::Balance(address, prev));
        self.touch(address);
    }

    /// Adds to a balance (saturating: total ether supply is far below 2^256).
    pub fn add_balance(&mut self, address: Address, value: U256) {
        let b = self.acc(&address).info.balance.saturating_add(value);
        self.set_balance(address, b);
    }

    /// Moves `value` wei between loaded accounts, touching both; a transfer of nothing
    /// touches only `to`, as geth's and revm's do (one lookup, not three, on a plain call's
    /// path). Returns false (changing nothing) if `from` has too little. Takes references:
    /// on every call's path, by-value addresses were copied through wasm's linear memory
    /// first (measured 5-10 % of a 1,000-CALL loop in wasm).
    pub fn transfer(&mut self, from: &Address, to: &Address, value: &U256) -> bool {
        if value.is_zero() {
            self.touch(*to);
            return true;
        }
        let fb = self.acc(from).info.balance;
        if fb < *value {
            return false;
        }
        self.set_balance(*from, fb - *value);
        self.add_balance(*to, *value);
        true
    }

    /// Sets a nonce.
    pub fn set_nonce(&mut self, address: Address, nonce: u64) {
        let a = self.acc(&address);
        let prev = a.info.nonce;
        a.info.nonce = nonce;
        self.entries.push(Entry::Nonce(address, prev));
        self.touch(address);
    }

    /// Sets the code of an account.
    pub fn set_code(&mut self, address: Address, code: Arc<Code>) {
        let a = self.acc(&address);
        let prev = std::mem::replace(&mut a.info.code, code);
        self.entries.push(Entry::Code(address, prev));
        self.touch(address);
    }

    /// Marks an account as created in this transaction, with nonce 1 (EIP-161).
    pub fn mark_created(&mut self, address: Address) {
        let a = self.acc(&address);
        a.created = true;
        self.entries.push(Entry::Created(address));
        self.set_nonce(address, 1);
    }

    /// Reads a slot; returns the value and whether the access was cold (the slot is warm after).
    pub fn sload(&mut self, address: Address, key: U256) -> StateResult<(U256, bool)> {
        let created = self.load(address)?.created;
        let a = self.acc(&address);
        if let Some(s) = a.storage.get_mut(&key) {
            let cold = !s.warm;
            s.warm = true;
            let v = s.present;
            if cold {
                self.entries.push(Entry::SlotWarmed(address, key));
            }
            return Ok((v, cold));
        }
        let v = if created {
            U256::ZERO
        } else {
            self.backend.storage(&address, &key)?
        };
        self.acc(&address).storage.insert(
            key,
            Slot {
                original: v,
                present: v,
                warm: true,
            },
        );
        self.entries.push(Entry::SlotWarmed(address, key));
        Ok((v, true))
    }

    /// Writes a slot; returns the slot as it was before (original, present, warm).
    pub fn sstore(
        &mut self,
        address: Address,
        key: U256,
        value: U256,
    ) -> StateResult<(Slot, bool)> {
        let (_, cold) = self.sload(address, key)?;
        let a = self.acc(&address);
        let s = a.storage.get_mut(&key);
        let Some(s) = s else {
            return Ok((
                Slot {
                    original: U256::ZERO,
                    present: U256::ZERO,
                    warm: true,
                },
                cold,
            ));
        };
        let before = *s;
        if before.present != value {
            s.present = value;
            self.entries
                .push(Entry::Storage(address, key, before.present));
        }
        Ok((before, cold))
    }

    /// Reads transient storage (EIP-1153).
    pub fn tload(&self, address: Address, key: U256) -> U256 {
        self.transient
            .get(&(address, key))
            .copied()
            .unwrap_or(U256::ZERO)
    }

    /// Writes transient storage (EIP-1153).
    pub fn tstore(&mut self, address: Address, key: U256, value: U256) {
        let prev = if value.is_zero() {
            self.transient.remove(&(address, key))
        } else {
            self.transient.insert((address, key), value)
        }
        .unwrap_or(U256::ZERO);
        if prev != value {
            self.entries.push(Entry::Transient(address, key, prev));
        }
    }

    /// Transient storage entries of an account.
    pub fn transient_of(&self, address: &Address) -> Vec<(U256, U256)> {
        let mut v: Vec<_> = self
            .transient
            .iter()
            .filter(|((a, _), _)| a == address)
            .map(|((_, k), v)| (*k, *v))
            .collect();
        v.sort_unstable();
        v
    }

    /// Records a log.
    pub fn log(&mut self, log: Log) {
        self.logs.push(log);
    }

    /// Logs recorded so far.
    pub fn logs(&self) -> &[Log] {
        &self.logs
    }

    /// The refund counter.
    pub fn refund(&self) -> i64 {
        self.refund
    }

    /// Adds to (or, negative, subtracts from) the refund counter.
    pub fn add_refund(&mut self, delta: i64) {
        self.refund += delta;
    }

    /// Self-destructs `address` in favour of `beneficiary` with EIP-6780 semantics: the balance
    /// moves; the account is deleted only if created in this transaction.
    pub fn selfdestruct(&mut self, address: Address, beneficiary: Address) {
        let balance = self.acc(&address).info.balance;
        let created = self.acc(&address).created;
        if beneficiary != address {
            self.add_balance(beneficiary, balance);
            self.set_balance(address, U256::ZERO);
        } else if created {
            self.set_balance(address, U256::ZERO);
        } else {
            self.touch(beneficiary);
        }
        if created {
            let a = self.acc(&address);
            if !a.destroyed {
                a.destroyed = true;
                self.entries.push(Entry::Destroyed(address));
            }
        }
    }

    /// A point to revert to.
    #[inline]
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            entries: self.entries.len(),
            logs: self.logs.len(),
            refund: self.refund,
        }
    }

    /// Undoes every change since `cp`.
    pub fn revert(&mut self, cp: Checkpoint) {
        while self.entries.len() > cp.entries {
            let Some(e) = self.entries.pop() else { break };
            match e {
                Entry::Warmed(a) => self.acc(&a).warm = false,
                Entry::SlotWarmed(a, k) => {
                    if let Some(s) = self.acc(&a).storage.get_mut(&k) {
                        s.warm = false;
                    }
                }
                Entry::Touched(a) => self.acc(&a).touched = false,
                Entry::Balance(a, v) => self.acc(&a).info.balance = v,
                Entry::Nonce(a, n) => self.acc(&a).info.nonce = n,
                Entry::Storage(a, k, v) => {
                    if let Some(s) = self.acc(&a).storage.get_mut(&k) {
                        s.present = v;
                    }
                }
                Entry::Transient(a, k, v) => {
                    if v.is_zero() {
                        self.transient.remove(&(a, k));
                    } else {
                        self.transient.insert((a, k), v);
                    }
                }
                Entry::Created(a) => self.acc(&a).created = false,
                Entry::Code(a, c) => self.acc(&a).info.code = c,
                Entry::Destroyed(a) => self.acc(&a).destroyed = false,
            }
        }
        self.logs.truncate(cp.logs);
        self.refund = cp.refund;
    }

    /// Ends the transaction: computes the account changes (EIP-161 and EIP-6780 deletions),
    /// commits them to the backend if `commit`, and clears the cache. Returns the logs and
    /// the changes.
    pub fn finish_tx(&mut self, commit: bool) -> (Vec<Log>, Vec<AccountChange>) {
        let mut changes = Vec::new();
        for (address, a) in self.accounts.drain() {
            if a.destroyed || (a.touched && a.info.is_empty()) {
                if a.existed || a.created {
                    changes.push(AccountChange::Deleted(address));
                }
                continue;
            }
            let storage: Vec<(U256, U256)> = a
                .storage
                .iter()
                .filter(|(_, s)| s.present != s.original || (a.created && !s.present.is_zero()))
                .map(|(k, s)| (*k, s.present))
                .collect();
            if !a.touched && storage.is_empty() {
                continue;
            }
            changes.push(AccountChange::Updated {
                address,
                info: a.info,
                storage,
                created: a.created,
            });
        }
        changes.sort_unstable_by_key(|c| match c {
            AccountChange::Deleted(a) => *a,
            AccountChange::Updated { address, .. } => *address,
        });
        if commit {
            self.backend.commit(changes.clone());
        }
        self.transient.clear();
        self.entries.clear();
        self.refund = 0;
        (std::mem::take(&mut self.logs), changes)
    }

    /// Drops everything the current transaction did (used when a transaction is abandoned).
    pub fn discard_tx(&mut self) {
        self.accounts.clear();
        self.transient.clear();
        self.entries.clear();
        self.logs.clear();
        self.refund = 0;
    }
}
