//! Transactions: validation (EIP-1559 fees, EIP-2930 access lists, EIP-3860 initcode,
//! EIP-4844 blobs, EIP-7702 authorizations, EIP-7825 gas cap), intrinsic gas and the
//! calldata floor (EIP-7623), the up-front charge, the outermost frame's start, and the
//! settlement at the end (EIP-3529 refund cap, fees to the sender and the coinbase, commit).

use super::frames::{report_refused, Input};
use super::Evm;
use crate::bytecode::Code;
use crate::call::{CallKind, Message};
use crate::env::TxEnv;
use crate::frame::ReturnTo;
use crate::gas;
use crate::inspector::{FrameEnter, Inspector};
use crate::primitives::{create_address, Address, U256};
use crate::state::Backend;
use crate::status::{Halt, Status};
use crate::transaction::{ExecutionResult, Mode, Transaction, TxError};
use std::sync::Arc;

/// The transaction in progress: what settling it needs.
#[derive(Debug, Clone)]
pub(super) struct RunningTx {
    caller: Address,
    gas_limit: u64,
    gas_price: U256,
    created: Option<Address>,
    /// Whether the changes go to the backend at the end (false for a call).
    commit: bool,
    /// The least gas it may use (EIP-7623; 0 before Prague).
    floor: u64,
    /// Refunded for authorities that already existed (EIP-7702), whatever the outcome.
    auth_refund: u64,
    /// Set once the outermost frame has ended: its status and the gas it left.
    pub top: Option<(Status, u64)>,
}

impl<B: Backend> Evm<B> {
    /// Validates `tx` (reading state first, so that a suspending backend stops it before any
    /// change), charges its fees and starts its outermost frame. In [`Mode::Call`] the nonce
    /// and the sender's code are not checked, a transaction offering no fee at all runs
    /// below the base fee at price zero (as geth's `eth_call`), and nothing is committed.
    pub(super) fn validate_and_start<I: Inspector>(
        &mut self,
        tx: &Transaction,
        mode: Mode,
        insp: &mut I,
    ) -> Result<(), TxError> {
        let call = mode == Mode::Call;
        let block = &self.env.block;
        let no_fee = call && tx.gas_price.is_zero();
        let base_fee = if no_fee { U256::ZERO } else { block.base_fee };
        if let Some(tip) = tx.max_priority_fee_per_gas {
            if tip > tx.gas_price {
                return Err(TxError::PriorityFeeAboveMaxFee);
            }
        }
        if tx.gas_price < base_fee {
            return Err(TxError::FeeBelowBaseFee);
        }
        if tx.gas_limit > block.gas_limit {
            return Err(TxError::GasLimitAboveBlock);
        }
        let rules = self.env.rules;
        if let Some(cap) = rules.tx_gas_cap.filter(|&cap| tx.gas_limit > cap) {
            return Err(TxError::GasLimitAboveCap { cap });
        }
        let blob_base_fee = self.env.blob_base_fee();
        if let Some(max_blob_fee) = tx.max_fee_per_blob_gas {
            if tx.to.is_none() {
                return Err(TxError::BlobCreate);
            }
            if tx.blob_hashes.is_empty() {
                return Err(TxError::NoBlobs);
            }
            if tx.blob_hashes.len() as u64 > rules.blob_limit() {
                return Err(TxError::TooManyBlobs);
            }
            if tx
                .blob_hashes
                .iter()
                .any(|h| h.0[0] != gas::VERSIONED_HASH_VERSION_KZG)
            {
                return Err(TxError::BadBlobVersion);
            }
            if max_blob_fee < blob_base_fee {
                return Err(TxError::BlobFeeTooLow);
            }
        }
        let auths = tx.authorization_list.as_deref();
        if let Some(auths) = auths {
            if !rules.set_code {
                return Err(TxError::SetCodeNotActive);
            }
            if tx.to.is_none() {
                return Err(TxError::SetCodeCreate);
            }
            if auths.is_empty() {
                return Err(TxError::NoAuthorizations);
            }
        }
        let auths = auths.unwrap_or_default();
        if tx.to.is_none() && tx.data.len() > gas::MAX_INITCODE_SIZE {
            return Err(TxError::InitcodeTooLarge);
        }
        let keys: usize = tx.access_list.iter().map(|(_, k)| k.len()).sum();
        let intrinsic = gas::intrinsic_gas(&gas::TxShape {
            data: &tx.data,
            is_create: tx.to.is_none(),
            access_addresses: tx.access_list.len() as u64,
            access_keys: keys as u64,
            authorizations: auths.len() as u64,
        });
        let floor = if rules.calldata_floor {
            gas::calldata_floor(&tx.data)
        } else {
            0
        };
        if tx.gas_limit < intrinsic.max(floor) {
            return Err(TxError::IntrinsicGasTooLow {
                intrinsic: intrinsic.max(floor),
                limit: tx.gas_limit,
            });
        }
        // Reads first: a suspending backend may stop us here, before any change.
        let need = TxError::NeedState;
        let sender = self.journal.load(tx.caller).map_err(need)?;
        let (balance, nonce) = (sender.info.balance, sender.info.nonce);
        let code = &sender.info.code;
        let delegated = rules.set_code && code.delegation().is_some();
        if !call && !code.is_empty() && !delegated {
            return Err(TxError::SenderHasCode);
        }
        if nonce == u64::MAX {
            return Err(TxError::NonceOverflow);
        }
        if !call && nonce != tx.nonce {
            return Err(TxError::NonceMismatch {
                expected: nonce,
                got: tx.nonce,
            });
        }
        let blob_gas = U256::from(tx.blob_gas());
        let max_cost = U256::from(tx.gas_limit)
            .checked_mul(tx.gas_price)
            .and_then(|c| c.checked_add(tx.value))
            .and_then(|c| {
                c.checked_add(blob_gas.checked_mul(tx.max_fee_per_blob_gas.unwrap_or_default())?)
            });
        if max_cost.is_none_or(|c| c > balance) {
            return Err(TxError::InsufficientFunds);
        }
        let coinbase = self.env.block.coinbase;
        let created = tx.to.is_none().then(|| create_address(&tx.caller, nonce));
        let target = tx.to.or(created).unwrap_or_default();
        self.journal.load(coinbase).map_err(need)?;
        self.journal.load(target).map_err(need)?;
        let collision = created.is_some() && self.journal.create_collides(target).map_err(need)?;
        for (a, keys) in &tx.access_list {
            self.journal.load(*a).map_err(need)?;
            for k in keys {
                self.journal.sload(*a, *k).map_err(need)?;
            }
        }
        let authorities = self.load_authorities(auths, target).map_err(need)?;

        // Valid: charge and start.
        let gas_price = if no_fee {
            U256::ZERO
        } else {
            tx.effective_gas_price(base_fee)
        };
        self.env.tx = TxEnv {
            origin: tx.caller,
            gas_price,
            blob_hashes: tx.blob_hashes.clone(),
        };
        let fee = U256::from(tx.gas_limit) * gas_price + blob_gas * blob_base_fee;
        self.journal.set_balance(tx.caller, balance - fee);
        self.journal.set_nonce(tx.caller, nonce + 1);
        let auth_refund = self.apply_authorizations(auths, &authorities);
        for a in [tx.caller, target, coinbase] {
            self.journal.prewarm(a).map_err(need)?;
        }
        let delegate = self
            .journal
            .cached(&target)
            .and_then(|a| a.info.code.delegation());
        if let Some(d) = delegate.filter(|_| rules.set_code) {
            self.journal.prewarm(d).map_err(need)?;
        }
        for (a, keys) in &tx.access_list {
            self.journal.prewarm(*a).map_err(need)?;
            for k in keys {
                self.journal.prewarm_slot(*a, *k).map_err(need)?;
            }
        }
        self.tx = Some(RunningTx {
            caller: tx.caller,
            gas_limit: tx.gas_limit,
            gas_price,
            created,
            commit: !call,
            floor,
            auth_refund,
            top: None,
        });
        self.output.clear();
        let gas = tx.gas_limit - intrinsic;
        let kind = if created.is_some() {
            CallKind::Create
        } else {
            CallKind::Call
        };
        let message = Message {
            kind,
            caller: tx.caller,
            address: target,
            code_address: target,
            value: tx.value,
            is_static: false,
        };
        if collision {
            if let Some(t) = self.tx.as_mut() {
                t.top = Some((Status::Halt(Halt::CreateCollision), 0));
            }
            self.frame_events.refused(1);
            let enter = FrameEnter::of(&message, &tx.data, gas, 1, false);
            report_refused(insp, &enter, Halt::CreateCollision, gas);
            return Ok(());
        }
        let code = if created.is_some() {
            Arc::new(Code::new(&tx.data))
        } else {
            self.code_to_run(target).map_err(need)?
        };
        let input = if created.is_some() {
            Input::Empty
        } else {
            Input::Data(&tx.data)
        };
        self.start_frame(message, code, gas, ReturnTo::default(), input, insp);
        Ok(())
    }

    /// Settles a finished transaction: refund, fees, EIP-161/6780 deletions, commit.
    pub(super) fn finish_tx(&mut self) -> ExecutionResult {
        let Some(tx) = self.tx.take() else {
            return ExecutionResult {
                status: Status::Success,
                output: Vec::new(),
                gas_used: 0,
                gas_refunded: 0,
                logs: Vec::new(),
                created: None,
                changes: Vec::new(),
            };
        };
        let (status, gas_left) = tx.top.unwrap_or((Status::Halt(Halt::OutOfGas), 0));
        let mut gas_used = tx.gas_limit - gas_left;
        let executed = if status.is_success() {
            self.journal.refund().max(0) as u64
        } else {
            0
        };
        let refund = (executed + tx.auth_refund).min(gas_used / gas::MAX_REFUND_QUOTIENT);
        gas_used = (gas_used - refund).max(tx.floor);
        let back = U256::from(tx.gas_limit - gas_used) * tx.gas_price;
        self.journal.add_balance(tx.caller, back);
        let tip = tx.gas_price.saturating_sub(self.env.block.base_fee);
        self.journal
            .add_balance(self.env.block.coinbase, U256::from(gas_used) * tip);
        let (logs, changes) = self.journal.finish_tx(tx.commit);
        self.codes.evict_unused();
        ExecutionResult {
            status,
            output: std::mem::take(&mut self.output),
            gas_used,
            gas_refunded: refund,
            logs,
            created: tx.created.filter(|_| status.is_success()),
            changes,
        }
    }
}
