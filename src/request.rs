//! Requests as JSON-RPC clients (viem, `eth_call`, `eth_sendTransaction`) spell them: a
//! transaction request whose type and fees may be left out, block overrides and state
//! overrides; turned here into a [`Transaction`], a [`BlockEnv`] and changes to a world, with
//! the defaults a node applies for a local account.

use crate::env::{BlockEnv, Env};
use crate::primitives::{Address, B256, U256};
use crate::state::InMemoryDb;
use crate::transaction::{Authorization, Mode, Transaction};
use std::collections::HashMap;

/// A transaction type (EIP-2718), as a request names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxType {
    /// Type 0, `'legacy'`: a gas price.
    Legacy,
    /// Type 1, `'eip2930'`: a gas price and an access list.
    Eip2930,
    /// Type 2, `'eip1559'`: a max fee and a priority fee.
    Eip1559,
    /// Type 3, `'eip4844'`: as type 2, with blobs.
    Eip4844,
    /// Type 4, `'eip7702'`: as type 2, with authorizations (Prague and later).
    Eip7702,
}

impl TxType {
    /// The type named by viem's string or a JSON-RPC number (`'eip1559'`, `'0x2'`, `2`).
    pub fn parse(s: &str) -> Result<TxType, String> {
        Ok(match s {
            "legacy" | "0x0" | "0" => TxType::Legacy,
            "eip2930" | "0x1" | "1" => TxType::Eip2930,
            "eip1559" | "0x2" | "2" => TxType::Eip1559,
            "eip4844" | "0x3" | "3" => TxType::Eip4844,
            "eip7702" | "0x4" | "4" => TxType::Eip7702,
            _ => {
                return Err(format!(
                    "{s:?} is not a transaction type (legacy, eip2930, eip1559, eip4844, eip7702 or 0-4)"
                ))
            }
        })
    }
}

/// A transaction request: every field optional, as `eth_sendTransaction` takes it.
#[derive(Debug, Clone, Default)]
pub struct TxRequest {
    /// Sender (default: the caller's choice, see [`TxRequest::into_transaction`]).
    pub from: Option<Address>,
    /// Recipient; `None` creates a contract.
    pub to: Option<Address>,
    /// Call data, or initcode for a creation.
    pub data: Vec<u8>,
    /// Wei sent.
    pub value: Option<U256>,
    /// Gas limit (default: the block's gas limit, within the fork's cap, see [`default_gas`]).
    pub gas: Option<u64>,
    /// Legacy gas price.
    pub gas_price: Option<U256>,
    /// EIP-1559 max fee per gas.
    pub max_fee_per_gas: Option<U256>,
    /// EIP-1559 max priority fee per gas.
    pub max_priority_fee_per_gas: Option<U256>,
    /// EIP-4844 max fee per blob gas.
    pub max_fee_per_blob_gas: Option<U256>,
    /// Nonce (default: the sender's).
    pub nonce: Option<u64>,
    /// EIP-2930 access list.
    pub access_list: Option<Vec<(Address, Vec<U256>)>>,
    /// EIP-4844 blob versioned hashes.
    pub blob_versioned_hashes: Option<Vec<B256>>,
    /// EIP-7702 signed authorizations.
    pub authorization_list: Option<Vec<Authorization>>,
    /// Explicit type; otherwise inferred from the fields, as viem does.
    pub tx_type: Option<TxType>,
}

impl TxRequest {
    /// The type: explicit, or inferred (authorizations: 7702; blob hashes: 4844; a max fee
    /// or priority fee: 1559; a gas price: legacy, or 2930 with an access list; nothing:
    /// 1559).
    pub fn resolved_type(&self) -> TxType {
        if let Some(t) = self.tx_type {
            return t;
        }
        if self.authorization_list.is_some() {
            TxType::Eip7702
        } else if self.blob_versioned_hashes.is_some() || self.max_fee_per_blob_gas.is_some() {
            TxType::Eip4844
        } else if self.max_fee_per_gas.is_some() || self.max_priority_fee_per_gas.is_some() {
            TxType::Eip1559
        } else if self.gas_price.is_some() {
            if self.access_list.is_some() {
                TxType::Eip2930
            } else {
                TxType::Legacy
            }
        } else {
            TxType::Eip1559
        }
    }

    /// The transaction, with a node's defaults for a local account: sender `default_from`,
    /// the sender's nonce (`nonce_of`), gas = [`default_gas`], and fees that a
    /// transaction can always pay: a max fee of the base fee and no priority fee (type 2),
    /// a gas price of the base fee (types 0 and 1), a max blob fee of the blob base fee. For
    /// a call ([`Mode::Call`]) a request naming no fee pays none (`eth_call`). Fields that
    /// do not belong to the type are errors, naming the field.
    pub fn into_transaction(
        self,
        mode: Mode,
        env: &Env,
        default_from: Address,
        nonce_of: impl Fn(&Address) -> u64,
    ) -> Result<Transaction, String> {
        let block = &env.block;
        let ty = self.resolved_type();
        let legacy = matches!(ty, TxType::Legacy | TxType::Eip2930);
        let forbid = |set: bool, field: &str| -> Result<(), String> {
            if set {
                Err(format!(
                    "{field}: not a field of {} transactions",
                    type_name(ty)
                ))
            } else {
                Ok(())
            }
        };
        forbid(legacy && self.max_fee_per_gas.is_some(), "maxFeePerGas")?;
        forbid(
            legacy && self.max_priority_fee_per_gas.is_some(),
            "maxPriorityFeePerGas",
        )?;
        forbid(!legacy && self.gas_price.is_some(), "gasPrice")?;
        forbid(
            ty == TxType::Legacy && self.access_list.is_some(),
            "accessList",
        )?;
        let blob = ty == TxType::Eip4844;
        forbid(
            !blob && self.blob_versioned_hashes.is_some(),
            "blobVersionedHashes",
        )?;
        forbid(
            !blob && self.max_fee_per_blob_gas.is_some(),
            "maxFeePerBlobGas",
        )?;
        if blob && self.to.is_none() {
            return Err("to: a blob transaction cannot create a contract".into());
        }
        let set_code = ty == TxType::Eip7702;
        forbid(
            !set_code && self.authorization_list.is_some(),
            "authorizationList",
        )?;
        if set_code && self.to.is_none() {
            return Err("to: an eip7702 transaction cannot create a contract".into());
        }
        if set_code && self.authorization_list.as_ref().is_none_or(Vec::is_empty) {
            return Err("authorizationList: an eip7702 transaction needs at least one".into());
        }
        if blob
            && self
                .blob_versioned_hashes
                .as_ref()
                .is_none_or(Vec::is_empty)
        {
            return Err("blobVersionedHashes: a blob transaction needs at least one".into());
        }
        let fee_named = self.gas_price.is_some()
            || self.max_fee_per_gas.is_some()
            || self.max_priority_fee_per_gas.is_some();
        let free = mode == Mode::Call && !fee_named;
        let base = if free { U256::ZERO } else { block.base_fee };
        let (gas_price, tip) = if legacy {
            (self.gas_price.unwrap_or(base), None)
        } else {
            let tip = self.max_priority_fee_per_gas.unwrap_or(U256::ZERO);
            let max = self.max_fee_per_gas.unwrap_or(base.saturating_add(tip));
            (max, Some(tip))
        };
        let caller = self.from.unwrap_or(default_from);
        Ok(Transaction {
            caller,
            to: self.to,
            value: self.value.unwrap_or(U256::ZERO),
            data: self.data,
            gas_limit: self.gas.unwrap_or(default_gas(env)),
            nonce: self.nonce.unwrap_or_else(|| nonce_of(&caller)),
            gas_price,
            max_priority_fee_per_gas: tip,
            access_list: self.access_list.unwrap_or_default(),
            blob_hashes: self.blob_versioned_hashes.unwrap_or_default(),
            max_fee_per_blob_gas: blob.then(|| {
                self.max_fee_per_blob_gas.unwrap_or_else(|| {
                    if free {
                        U256::ZERO
                    } else {
                        env.blob_base_fee()
                    }
                })
            }),
            authorization_list: self.authorization_list,
        })
    }
}

/// The gas limit of a request that names none: the block's, within the fork's cap.
pub fn default_gas(env: &Env) -> u64 {
    env.rules
        .tx_gas_cap
        .map_or(env.block.gas_limit, |cap| cap.min(env.block.gas_limit))
}

fn type_name(t: TxType) -> &'static str {
    match t {
        TxType::Legacy => "legacy",
        TxType::Eip2930 => "eip2930",
        TxType::Eip1559 => "eip1559",
        TxType::Eip4844 => "eip4844",
        TxType::Eip7702 => "eip7702",
    }
}

/// Block fields to change, as viem's `BlockOverrides` names them (plus `chainId` and
/// `excessBlobGas`, which evmbox's blocks carry too).
#[derive(Debug, Clone, Default)]
pub struct BlockOverrides {
    /// NUMBER.
    pub number: Option<u64>,
    /// TIMESTAMP.
    pub time: Option<u64>,
    /// COINBASE.
    pub fee_recipient: Option<Address>,
    /// GASLIMIT.
    pub gas_limit: Option<u64>,
    /// BASEFEE.
    pub base_fee_per_gas: Option<U256>,
    /// PREVRANDAO.
    pub prev_randao: Option<B256>,
    /// BLOBBASEFEE, set directly.
    pub blob_base_fee: Option<U256>,
    /// Excess blob gas (BLOBBASEFEE follows from it unless set directly).
    pub excess_blob_gas: Option<u64>,
    /// CHAINID.
    pub chain_id: Option<u64>,
}

impl BlockOverrides {
    /// `block` with these fields changed. Setting `excessBlobGas` drops a directly set blob
    /// base fee (the fee follows from it again); setting both at once is an error.
    pub fn apply(&self, block: &BlockEnv) -> Result<BlockEnv, String> {
        if self.blob_base_fee.is_some() && self.excess_blob_gas.is_some() {
            return Err(
                "blobBaseFee and excessBlobGas: give one (the fee follows from the excess)".into(),
            );
        }
        let mut b = block.clone();
        b.number = self.number.unwrap_or(b.number);
        b.timestamp = self.time.unwrap_or(b.timestamp);
        b.coinbase = self.fee_recipient.unwrap_or(b.coinbase);
        b.gas_limit = self.gas_limit.unwrap_or(b.gas_limit);
        b.base_fee = self.base_fee_per_gas.unwrap_or(b.base_fee);
        b.prevrandao = self.prev_randao.unwrap_or(b.prevrandao);
        b.chain_id = self.chain_id.unwrap_or(b.chain_id);
        if let Some(x) = self.excess_blob_gas {
            b.excess_blob_gas = x;
            b.blob_base_fee = None;
        }
        if self.blob_base_fee.is_some() {
            b.blob_base_fee = self.blob_base_fee;
        }
        Ok(b)
    }
}

/// One account of a state override (viem's `StateOverride` item).
#[derive(Debug, Clone, Default)]
pub struct AccountOverride {
    /// The account.
    pub address: Address,
    /// New balance.
    pub balance: Option<U256>,
    /// New nonce.
    pub nonce: Option<u64>,
    /// New code.
    pub code: Option<Vec<u8>>,
    /// Storage replacing all of the account's storage (`state`).
    pub state: Option<HashMap<U256, U256>>,
    /// Slots changed, the others kept (`stateDiff`).
    pub state_diff: Option<HashMap<U256, U256>>,
}

impl AccountOverride {
    /// Applies the override to `db` (within a snapshot, for a call). `state` and `stateDiff`
    /// together are an error, as in geth.
    pub fn apply(&self, db: &mut InMemoryDb) -> Result<(), String> {
        if self.state.is_some() && self.state_diff.is_some() {
            return Err(format!(
                "{}: state and stateDiff cannot both be given",
                self.address.to_checksum()
            ));
        }
        let a = self.address;
        if let Some(b) = self.balance {
            db.set_balance(a, b);
        }
        if let Some(n) = self.nonce {
            db.set_nonce(a, n);
        }
        if let Some(c) = &self.code {
            db.set_code(a, c);
        }
        if let Some(s) = &self.state {
            db.clear_storage(&a);
            for (k, v) in s {
                db.set_storage(a, *k, *v);
            }
        }
        for (k, v) in self.state_diff.iter().flatten() {
            db.set_storage(a, *k, *v);
        }
        Ok(())
    }
}
