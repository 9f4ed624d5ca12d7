//! An in-memory backend: every account and slot lives in hash maps. It never suspends.

use super::{AccountChange, AccountInfo, Backend, StateResult};
use crate::bytecode::Code;
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

/// A world state held in memory.
#[derive(Debug, Clone, Default)]
pub struct InMemoryDb {
    /// Accounts by address.
    pub accounts: HashMap<Address, DbAccount>,
    /// Known block hashes; others default to keccak256 of the decimal block number, as the
    /// state-test tools (geth's t8n, revm's statetest) define them.
    pub block_hashes: HashMap<u64, B256>,
}

impl InMemoryDb {
    /// An empty world.
    pub fn new() -> InMemoryDb {
        InMemoryDb::default()
    }

    /// Creates or replaces an account.
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
        self.accounts.insert(
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
    }
}

impl Backend for InMemoryDb {
    fn account(&mut self, address: &Address) -> StateResult<Option<AccountInfo>> {
        Ok(self.accounts.get(address).map(|a| a.info.clone()))
    }

    fn storage(&mut self, address: &Address, key: &U256) -> StateResult<U256> {
        Ok(self
            .accounts
            .get(address)
            .and_then(|a| a.storage.get(key).copied())
            .unwrap_or(U256::ZERO))
    }

    fn has_storage(&mut self, address: &Address) -> StateResult<bool> {
        Ok(self
            .accounts
            .get(address)
            .is_some_and(|a| !a.storage.is_empty()))
    }

    fn block_hash(&mut self, number: u64) -> StateResult<B256> {
        Ok(self
            .block_hashes
            .get(&number)
            .copied()
            .unwrap_or_else(|| keccak256(number.to_string().as_bytes())))
    }

    fn commit(&mut self, changes: Vec<AccountChange>) {
        for change in changes {
            match change {
                AccountChange::Deleted(a) => {
                    self.accounts.remove(&a);
                }
                AccountChange::Updated {
                    address,
                    info,
                    storage,
                    created,
                } => {
                    let acc = self.accounts.entry(address).or_insert_with(|| DbAccount {
                        info: info.clone(),
                        storage: HashMap::new(),
                    });
                    acc.info = info;
                    if created {
                        acc.storage.clear();
                    }
                    for (k, v) in storage {
                        if v.is_zero() {
                            acc.storage.remove(&k);
                        } else {
                            acc.storage.insert(k, v);
                        }
                    }
                }
            }
        }
    }
}
