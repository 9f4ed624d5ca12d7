//! A world forked from a remote chain: an [`InMemoryDb`] that starts empty and learns the
//! remote state as execution reaches it. A read of an account or slot it has not learnt yet
//! answers [`Need`], execution suspends, and the caller fetches the value (from a JSON-RPC
//! node: see [`crate::rpc`]) and hands it over with the `supply_*` methods before resuming.
//!
//! What was fetched is not a change: it is kept outside the undo log, so reverting a snapshot
//! never makes the world fetch it again, and a change made after it is undone back to it.
//! Local changes always win over what is fetched later (a late answer for an account or slot
//! the world already knows is ignored).

use super::memory_db::{DbAccount, InMemoryDb, Undo};
use super::{AccountInfo, Need, StateResult};
use crate::bytecode::CodeCache;
use crate::fast_map::{FastMap, FastSet};
use crate::primitives::{Address, B256, U256};

/// What a forked world has learnt of its remote chain.
#[derive(Debug, Clone, Default)]
pub struct Remote {
    /// Accounts fetched (present or absent), with whether the remote account has storage.
    accounts: FastMap<Address, bool>,
    /// Slots fetched.
    slots: FastSet<(Address, U256)>,
    /// Accounts whose storage is wholly local (replaced or created here): none of their
    /// slots is fetched.
    pub(super) local_storage: FastSet<Address>,
    /// Analysed code by hash, shared by every account that has it.
    codes: CodeCache,
}

impl Remote {
    /// `Err(Need::Account)` unless the account has been fetched.
    pub(super) fn has_account(&self, address: &Address) -> StateResult<()> {
        match self.accounts.contains_key(address) {
            true => Ok(()),
            false => Err(Need::Account(*address)),
        }
    }

    /// `Err(Need)` unless the slot can be answered: its account fetched, and the slot fetched
    /// or the account's storage wholly local.
    pub(super) fn has_slot(&self, address: &Address, key: &U256) -> StateResult<()> {
        self.has_account(address)?;
        if self.local_storage.contains(address) || self.slots.contains(&(*address, *key)) {
            Ok(())
        } else {
            Err(Need::Storage(*address, *key))
        }
    }

    /// Forgets that an account is known (undoing [`InMemoryDb::set_here`]).
    pub(super) fn forget(&mut self, address: &Address) {
        self.accounts.remove(address);
    }

    /// Whether the remote account has storage that still counts here.
    pub(super) fn remote_has_storage(&self, address: &Address) -> StateResult<bool> {
        match self.accounts.get(address) {
            None => Err(Need::Account(*address)),
            Some(&has) => Ok(has && !self.local_storage.contains(address)),
        }
    }
}

/// An account as fetched from the remote chain.
#[derive(Debug, Clone)]
pub struct RemoteAccount {
    /// Balance in wei.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Code.
    pub code: Vec<u8>,
    /// Whether its storage root is not the empty trie's.
    pub has_storage: bool,
}

impl RemoteAccount {
    /// The account, or `None` if it is empty (no balance, nonce, code or storage): a node
    /// answers for any address, and an empty account is an absent one (EIP-161).
    pub fn existing(self) -> Option<RemoteAccount> {
        let empty =
            self.balance.is_zero() && self.nonce == 0 && self.code.is_empty() && !self.has_storage;
        (!empty).then_some(self)
    }
}

impl InMemoryDb {
    /// An empty world that is the lazy copy of a remote chain: reads of what it has not been
    /// given yet answer [`Need`] instead of "absent" or zero.
    pub fn forked() -> InMemoryDb {
        let mut db = InMemoryDb::default();
        db.remote = Some(Box::default());
        db
    }

    /// Whether this world is the lazy copy of a remote chain.
    pub fn is_forked(&self) -> bool {
        self.remote.is_some()
    }

    /// Whether a forked world has yet to fetch `address` (always false when not forked).
    pub fn lacks_account(&self, address: &Address) -> bool {
        self.remote
            .as_ref()
            .is_some_and(|r| r.has_account(address).is_err())
    }

    /// Whether a forked world has yet to fetch slot `key` of `address` (always false when not
    /// forked).
    pub fn lacks_slot(&self, address: &Address, key: &U256) -> bool {
        self.remote
            .as_ref()
            .is_some_and(|r| r.has_slot(address, key).is_err())
    }

    /// Hands over an account fetched from the remote chain (`None`: it does not exist there).
    /// Ignored if the world already knows the account, or is not forked.
    pub fn supply_account(&mut self, address: Address, account: Option<RemoteAccount>) {
        let Some(r) = &mut self.remote else { return };
        if r.accounts.contains_key(&address) {
            return;
        }
        r.accounts
            .insert(address, account.as_ref().is_some_and(|a| a.has_storage));
        let Some(a) = account else { return };
        let code = r.codes.get_or_analyse(&a.code);
        let info = AccountInfo {
            balance: a.balance,
            nonce: a.nonce,
            code,
        };
        self.accounts.insert(
            address,
            DbAccount {
                info,
                storage: Default::default(),
            },
        );
    }

    /// Hands over a storage slot fetched from the remote chain. Ignored if the world already
    /// knows the slot, has not fetched the account, or is not forked.
    pub fn supply_storage(&mut self, address: Address, key: U256, value: U256) {
        let Some(r) = &mut self.remote else { return };
        if !r.accounts.contains_key(&address) || r.has_slot(&address, &key).is_ok() {
            return;
        }
        r.slots.insert((address, key));
        if let (Some(acc), false) = (self.accounts.get_mut(&address), value.is_zero()) {
            acc.storage.insert(key, value);
        }
    }

    /// Hands over the hash of block `number`.
    pub fn supply_block_hash(&mut self, number: u64, hash: B256) {
        self.block_hashes.entry(number).or_insert(hash);
    }

    /// Marks an account replaced wholesale here as known, so that it is never fetched
    /// (recorded for snapshots).
    pub(super) fn set_here(&mut self, address: Address) {
        let newly = (self.remote.as_mut()).is_some_and(|r| match r.accounts.entry(address) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(false);
                true
            }
        });
        if newly {
            self.record(|| Undo::Known(address));
        }
    }

    /// Marks a forked account's storage as wholly local (recorded for snapshots).
    pub(super) fn storage_is_local(&mut self, address: Address) {
        let newly = (self.remote.as_mut()).is_some_and(|r| r.local_storage.insert(address));
        if newly {
            self.record(|| Undo::StorageLocal(address));
        }
    }
}
