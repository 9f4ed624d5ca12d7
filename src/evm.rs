//! The EVM: a depth-indexed pool of execution contexts driven by one non-recursive loop.
//!
//! A CALL or CREATE does not recurse on the Rust stack: the opcode hands a request to
//! [`Evm`]'s loop, which prepares the context of depth+1 (created the first time that depth is
//! reached, reused afterwards) and continues there; when that frame ends, its results go back
//! to depth-1. So execution can pause after any opcode at any depth ([`Evm::step`]) and resume
//! with identical results, and a nested call allocates nothing once the pool is warm.

use crate::bytecode::{Code, CodeCache};
use crate::env::{BlockEnv, Env, TxEnv};
use crate::frame::{CallKind, Frame, Halt, ReturnTo, Status};
use crate::gas::{self, CALL_DEPTH_LIMIT, CODE_DEPOSIT, MAX_CODE_SIZE};
use crate::inspector::{FrameEnter, FrameExit, Inspector, NoInspector};
use crate::instructions::{CallArgs, CreateArgs, Ctx, Signal};
use crate::interpreter::run_frame;
use crate::precompiles;
use crate::primitives::{create2_address, create_address, Address, U256};
use crate::state::{Backend, InMemoryDb, Journal, Need};
use crate::transaction::{ExecutionResult, Transaction, TxError};
use std::sync::Arc;

/// What a call to [`Evm::step`] or [`Evm::run`] ended with.
#[derive(Debug, Clone)]
pub enum StepOutcome {
    /// Paused after an opcode; call again to continue.
    Paused,
    /// The transaction finished.
    Done(ExecutionResult),
    /// The backend must supply this state first; supply it and call again.
    NeedState(Need),
    /// No transaction is running.
    Idle,
}

#[derive(Debug, Clone, Copy)]
enum Request {
    Call(CallArgs),
    Create(CreateArgs),
}

#[derive(Debug, Clone)]
struct RunningTx {
    caller: Address,
    gas_limit: u64,
    gas_price: U256,
    created: Option<Address>,
    /// Set once the outermost frame has ended: its status and the gas it left.
    top: Option<(Status, u64)>,
}

/// An Ethereum Virtual Machine (Cancun) over a state backend.
pub struct Evm<B: Backend = InMemoryDb> {
    /// Journaled world state.
    pub journal: Journal<B>,
    /// Block and transaction environment.
    pub env: Env,
    pool: Vec<Frame>,
    depth: usize,
    codes: CodeCache,
    pending: Option<Request>,
    tx: Option<RunningTx>,
    output: Vec<u8>,
}

impl<B: Backend> Evm<B> {
    /// An EVM over `backend` for the given block.
    pub fn new(backend: B, block: BlockEnv) -> Self {
        Evm {
            journal: Journal::new(backend),
            env: Env {
                block,
                tx: TxEnv::default(),
            },
            pool: Vec::new(),
            depth: 0,
            codes: CodeCache::default(),
            pending: None,
            tx: None,
            output: Vec::new(),
        }
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.journal.backend
    }

    /// The backend, mutably (to add state, or to supply what a suspended run needs).
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.journal.backend
    }

    /// The active frames, outermost first; the last one is running.
    pub fn frames(&self) -> &[Frame] {
        &self.pool[..self.depth]
    }

    /// Contexts created so far (the deepest depth ever reached).
    pub fn pool_size(&self) -> usize {
        self.pool.len()
    }

    /// Whether a transaction is in progress.
    pub fn is_running(&self) -> bool {
        self.tx.is_some()
    }

    /// Validates and executes a transaction to the end.
    ///
    /// With a backend that can suspend, use [`Evm::begin`] and [`Evm::run`] instead: here a
    /// suspension abandons the transaction and reports [`TxError::NeedState`].
    pub fn transact(&mut self, tx: &Transaction) -> Result<ExecutionResult, TxError> {
        self.transact_with(tx, &mut NoInspector)
    }

    /// As [`Evm::transact`], reporting to an inspector.
    pub fn transact_with<I: Inspector>(
        &mut self,
        tx: &Transaction,
        insp: &mut I,
    ) -> Result<ExecutionResult, TxError> {
        self.begin_with(tx, insp)?;
        match self.run_with(insp) {
            StepOutcome::Done(r) => Ok(r),
            StepOutcome::NeedState(n) => {
                self.abandon();
                Err(TxError::NeedState(n))
            }
            StepOutcome::Paused | StepOutcome::Idle => {
                self.abandon();
                Err(TxError::Busy)
            }
        }
    }

    /// Abandons the running transaction, if any: its changes are dropped.
    pub fn abandon(&mut self) {
        self.journal.discard_tx();
        self.tx = None;
        self.depth = 0;
        self.pending = None;
    }

    /// Runs to the end of the transaction (or until the backend needs state), without
    /// observation: the fast path.
    pub fn run(&mut self) -> StepOutcome {
        self.drive::<NoInspector, false, false>(&mut NoInspector)
    }

    /// Runs to the end, reporting every step and frame to `insp`.
    pub fn run_with<I: Inspector>(&mut self, insp: &mut I) -> StepOutcome {
        self.drive::<I, true, false>(insp)
    }

    /// Executes exactly one opcode (entering or leaving frames as it requires).
    pub fn step(&mut self) -> StepOutcome {
        self.drive::<NoInspector, false, true>(&mut NoInspector)
    }

    /// Executes one opcode, reporting it to `insp`.
    pub fn step_with<I: Inspector>(&mut self, insp: &mut I) -> StepOutcome {
        self.drive::<I, true, true>(insp)
    }

    fn drive<I: Inspector, const OBS: bool, const SINGLE: bool>(
        &mut self,
        insp: &mut I,
    ) -> StepOutcome {
        if self.tx.is_none() {
            return StepOutcome::Idle;
        }
        if let Some(req) = self.pending.take() {
            if let Err(n) = self.enter(req, insp) {
                self.pending = Some(req);
                return StepOutcome::NeedState(n);
            }
            if SINGLE {
                return self.paused_or_done();
            }
        }
        loop {
            if self.depth == 0 {
                return StepOutcome::Done(self.finish_tx());
            }
            let d = self.depth;
            let sig = {
                let mut c = Ctx {
                    f: &mut self.pool[d - 1],
                    j: &mut self.journal,
                    env: &self.env,
                };
                run_frame::<B, I, OBS, SINGLE>(&mut c, insp, d)
            };
            match sig {
                Signal::Paused => return StepOutcome::Paused,
                Signal::Suspend(n) => return StepOutcome::NeedState(n),
                Signal::Exit(status) => self.exit_frame(status, insp),
                Signal::Call(a) => {
                    if let Err(n) = self.enter(Request::Call(a), insp) {
                        self.pending = Some(Request::Call(a));
                        return StepOutcome::NeedState(n);
                    }
                }
                Signal::Create(a) => {
                    if let Err(n) = self.enter(Request::Create(a), insp) {
                        self.pending = Some(Request::Create(a));
                        return StepOutcome::NeedState(n);
                    }
                }
            }
            if SINGLE {
                return self.paused_or_done();
            }
        }
    }

    fn paused_or_done(&mut self) -> StepOutcome {
        if self.depth == 0 {
            StepOutcome::Done(self.finish_tx())
        } else {
            StepOutcome::Paused
        }
    }

    fn enter<I: Inspector>(&mut self, req: Request, insp: &mut I) -> Result<(), Need> {
        match req {
            Request::Call(a) => self.enter_call(a, insp),
            Request::Create(a) => self.enter_create(a, insp),
        }
    }

    /// Makes sure the context for `depth` (0-based) exists.
    fn context(&mut self, depth: usize) {
        while self.pool.len() <= depth {
            self.pool
                .push(Frame::new(self.journal.empty_code().clone()));
        }
    }

    /// Ends a call that never started (depth limit, insufficient balance): gas goes back.
    fn refuse(&mut self, gas_back: u64) {
        let p = &mut self.pool[self.depth - 1];
        p.gas += gas_back;
        p.return_data.clear();
        p.stack.push(U256::ZERO);
    }

    fn enter_call<I: Inspector>(&mut self, a: CallArgs, insp: &mut I) -> Result<(), Need> {
        let d = self.depth;
        let parent = &self.pool[d - 1];
        let (me, my_caller, my_value, my_static) = (
            parent.address,
            parent.caller,
            parent.value,
            parent.is_static,
        );
        let (address, caller, value, is_static) = match a.kind {
            CallKind::Call => (a.target, me, a.value, my_static),
            CallKind::CallCode => (me, me, a.value, my_static),
            CallKind::DelegateCall => (me, my_caller, my_value, my_static),
            _ => (a.target, me, U256::ZERO, true),
        };
        let transfers = matches!(a.kind, CallKind::Call | CallKind::CallCode);
        let code = self.journal.load(a.target)?.info.code.clone();
        let my_balance = self.journal.load(me)?.info.balance;
        if d > CALL_DEPTH_LIMIT || (transfers && my_balance < a.value) {
            self.refuse(a.gas);
            return Ok(());
        }
        let cp = self.journal.checkpoint();
        match a.kind {
            CallKind::Call => {
                self.journal.transfer(me, a.target, a.value);
            }
            CallKind::CallCode => {
                self.journal.transfer(me, me, a.value);
            }
            CallKind::StaticCall => self.journal.touch(a.target),
            _ => {}
        }
        let precompile = precompiles::is_precompile(&a.target);
        if precompile || code.is_empty() {
            self.call_inline(a, caller, value, cp, precompile, insp);
            return Ok(());
        }
        self.context(d);
        let (lo, hi) = self.pool.split_at_mut(d);
        let (p, f) = (&lo[d - 1], &mut hi[0]);
        f.reset();
        if a.in_len > 0 {
            f.input
                .extend_from_slice(p.memory.slice(a.in_offset, a.in_len));
        }
        f.kind = a.kind;
        f.address = address;
        f.caller = caller;
        f.code_address = a.target;
        f.value = value;
        f.is_static = is_static;
        f.code = code;
        f.gas_limit = a.gas;
        f.gas = a.gas;
        f.checkpoint = cp;
        f.ret = ReturnTo {
            offset: a.out_offset,
            len: a.out_len,
        };
        self.depth += 1;
        insp.frame_enter(&FrameEnter {
            kind: a.kind,
            from: caller,
            to: address,
            code_address: a.target,
            value,
            input: &f.input,
            gas: a.gas,
            depth: d + 1,
            precompile: false,
        });
        Ok(())
    }

    /// Completes a call that needs no context: into a precompile, or into an account without
    /// code (which succeeds at once, and, as in geth, records no step).
    fn call_inline<I: Inspector>(
        &mut self,
        a: CallArgs,
        caller: Address,
        value: U256,
        cp: crate::state::Checkpoint,
        precompile: bool,
        insp: &mut I,
    ) {
        let d = self.depth;
        let p = &mut self.pool[d - 1];
        let input = if a.in_len > 0 {
            p.memory.slice(a.in_offset, a.in_len)
        } else {
            &[]
        };
        insp.frame_enter(&FrameEnter {
            kind: a.kind,
            from: caller,
            to: a.target,
            code_address: a.target,
            value,
            input,
            gas: a.gas,
            depth: d + 1,
            precompile,
        });
        let mut out = std::mem::take(&mut p.return_data);
        out.clear();
        let r = if precompile {
            precompiles::run(&a.target, input, a.gas, &mut out)
        } else {
            Ok(0)
        };
        let (status, used) = match r {
            Ok(used) => (Status::Success, used),
            Err(h) => {
                out.clear();
                (Status::Halt(h), a.gas)
            }
        };
        if !status.is_success() {
            self.journal.revert(cp);
        }
        insp.frame_exit(&FrameExit {
            status,
            gas_used: used,
            output: &out,
            depth: d + 1,
        });
        let p = &mut self.pool[d - 1];
        p.gas += a.gas - used;
        let n = a.out_len.min(out.len());
        if n > 0 {
            p.memory
                .slice_mut(a.out_offset, n)
                .copy_from_slice(&out[..n]);
        }
        p.return_data = out;
        p.stack.push(U256::from(status.is_success() as u8));
    }

    fn enter_create<I: Inspector>(&mut self, a: CreateArgs, insp: &mut I) -> Result<(), Need> {
        let d = self.depth;
        let me = self.pool[d - 1].address;
        let acct = self.journal.load(me)?;
        let (balance, nonce) = (acct.info.balance, acct.info.nonce);
        let new = {
            let p = &self.pool[d - 1];
            let initcode = if a.len > 0 {
                p.memory.slice(a.offset, a.len)
            } else {
                &[]
            };
            match a.kind {
                CallKind::Create2 => create2_address(&me, a.salt, initcode),
                _ => create_address(&me, nonce),
            }
        };
        let collision = self.journal.create_collides(new)?;
        if d > CALL_DEPTH_LIMIT || balance < a.value || nonce == u64::MAX {
            self.refuse(a.gas);
            return Ok(());
        }
        self.journal.set_nonce(me, nonce + 1);
        self.journal.warm(new);
        if collision {
            let p = &mut self.pool[d - 1];
            p.return_data.clear();
            p.stack.push(U256::ZERO);
            return Ok(());
        }
        let cp = self.journal.checkpoint();
        self.journal.mark_created(new);
        self.journal.transfer(me, new, a.value);
        let code = {
            let p = &self.pool[d - 1];
            let initcode = if a.len > 0 {
                p.memory.slice(a.offset, a.len)
            } else {
                &[]
            };
            Arc::new(Code::new(initcode))
        };
        self.context(d);
        let f = &mut self.pool[d];
        f.reset();
        f.kind = a.kind;
        f.address = new;
        f.caller = me;
        f.code_address = new;
        f.value = a.value;
        f.is_static = false;
        f.code = code;
        f.gas_limit = a.gas;
        f.gas = a.gas;
        f.checkpoint = cp;
        f.ret = ReturnTo::default();
        self.depth += 1;
        let f = &self.pool[d];
        insp.frame_enter(&FrameEnter {
            kind: a.kind,
            from: me,
            to: new,
            code_address: new,
            value: a.value,
            input: f.code.bytes(),
            gas: a.gas,
            depth: d + 1,
            precompile: false,
        });
        Ok(())
    }

    /// Finishes the frame on top: deposits code for creates, keeps or reverts its changes,
    /// and hands gas, output and the success flag back to its caller.
    fn exit_frame<I: Inspector>(&mut self, mut status: Status, insp: &mut I) {
        let d = self.depth;
        let f = &mut self.pool[d - 1];
        if status == Status::Success && f.kind.is_create() {
            status = deposit(f, &mut self.journal, &mut self.codes);
        }
        match status {
            Status::Success => {}
            Status::Revert => self.journal.revert(f.checkpoint),
            Status::Halt(_) => {
                self.journal.revert(f.checkpoint);
                f.gas = 0;
            }
        }
        if matches!(status, Status::Halt(_)) {
            f.output = (0, 0);
        }
        insp.frame_exit(&FrameExit {
            status,
            gas_used: f.gas_used(),
            output: f.output(),
            depth: d,
        });
        self.depth -= 1;
        if d == 1 {
            // The transaction's output: return or revert data, or the deployed code.
            self.output.clear();
            self.output.extend_from_slice(f.output());
            if let Some(tx) = &mut self.tx {
                tx.top = Some((status, f.gas));
            }
            return;
        }
        if status.is_success() && f.kind.is_create() {
            // A successful create returns its address, and no data, to its caller.
            f.output = (0, 0);
        }
        let (lo, hi) = self.pool.split_at_mut(d - 1);
        let (p, f) = (&mut lo[d - 2], &hi[0]);
        p.gas += f.gas;
        p.return_data.clear();
        p.return_data.extend_from_slice(f.output());
        if f.kind.is_create() {
            p.stack.push(if status.is_success() {
                f.address.to_word()
            } else {
                U256::ZERO
            });
        } else {
            let out = f.output();
            let n = f.ret.len.min(out.len());
            if n > 0 {
                p.memory
                    .slice_mut(f.ret.offset, n)
                    .copy_from_slice(&out[..n]);
            }
            p.stack.push(U256::from(status.is_success() as u8));
        }
    }

    /// Validates a transaction, charges its fees up front and sets up its outermost frame.
    /// Then [`Evm::run`] or [`Evm::step`] execute it.
    pub fn begin(&mut self, tx: &Transaction) -> Result<(), TxError> {
        self.begin_with(tx, &mut NoInspector)
    }

    /// As [`Evm::begin`], reporting the outermost frame's start to `insp`.
    pub fn begin_with<I: Inspector>(
        &mut self,
        tx: &Transaction,
        insp: &mut I,
    ) -> Result<(), TxError> {
        if self.tx.is_some() {
            return Err(TxError::Busy);
        }
        let r = self.validate_and_start(tx, insp);
        if r.is_err() {
            self.journal.discard_tx();
            self.tx = None;
        }
        r
    }

    fn validate_and_start<I: Inspector>(
        &mut self,
        tx: &Transaction,
        insp: &mut I,
    ) -> Result<(), TxError> {
        let block = &self.env.block;
        let base_fee = block.base_fee;
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
        let blob_base_fee = block.blob_base_fee();
        if let Some(max_blob_fee) = tx.max_fee_per_blob_gas {
            if tx.to.is_none() {
                return Err(TxError::BlobCreate);
            }
            if tx.blob_hashes.is_empty() {
                return Err(TxError::NoBlobs);
            }
            if tx.blob_hashes.len() > gas::MAX_BLOBS_PER_BLOCK {
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
        if tx.to.is_none() && tx.data.len() > gas::MAX_INITCODE_SIZE {
            return Err(TxError::InitcodeTooLarge);
        }
        let keys: usize = tx.access_list.iter().map(|(_, k)| k.len()).sum();
        let intrinsic = gas::intrinsic_gas(
            &tx.data,
            tx.to.is_none(),
            tx.access_list.len() as u64,
            keys as u64,
        );
        if tx.gas_limit < intrinsic {
            return Err(TxError::IntrinsicGasTooLow {
                intrinsic,
                limit: tx.gas_limit,
            });
        }
        // Reads first: a suspending backend may stop us here, before any change.
        let need = TxError::NeedState;
        let sender = self.journal.load(tx.caller).map_err(need)?;
        let (balance, nonce) = (sender.info.balance, sender.info.nonce);
        if !sender.info.code.is_empty() {
            return Err(TxError::SenderHasCode);
        }
        if nonce == u64::MAX {
            return Err(TxError::NonceOverflow);
        }
        if nonce != tx.nonce {
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

        // Valid: charge and start.
        let gas_price = tx.effective_gas_price(base_fee);
        self.env.tx = TxEnv {
            origin: tx.caller,
            gas_price,
            blob_hashes: tx.blob_hashes.clone(),
        };
        let fee = U256::from(tx.gas_limit) * gas_price + blob_gas * blob_base_fee;
        self.journal.set_balance(tx.caller, balance - fee);
        self.journal.set_nonce(tx.caller, nonce + 1);
        for a in [tx.caller, target, coinbase] {
            self.journal.prewarm(a).map_err(need)?;
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
            top: None,
        });
        self.output.clear();
        let gas = tx.gas_limit - intrinsic;
        if collision {
            if let Some(t) = self.tx.as_mut() {
                t.top = Some((Status::Halt(Halt::CreateCollision), 0));
            }
            return Ok(());
        }
        let cp = self.journal.checkpoint();
        let code = if created.is_some() {
            self.journal.mark_created(target);
            Arc::new(Code::new(&tx.data))
        } else {
            self.journal.cached(&target).map_or_else(
                || self.journal.empty_code().clone(),
                |a| a.info.code.clone(),
            )
        };
        self.journal.transfer(tx.caller, target, tx.value);
        let precompile = precompiles::is_precompile(&target);
        if created.is_none() && (precompile || code.is_empty()) {
            let mut out = Vec::new();
            insp.frame_enter(&FrameEnter {
                kind: CallKind::Call,
                from: tx.caller,
                to: target,
                code_address: target,
                value: tx.value,
                input: &tx.data,
                gas,
                depth: 1,
                precompile,
            });
            let r = if precompile {
                precompiles::run(&target, &tx.data, gas, &mut out)
            } else {
                Ok(0)
            };
            let (status, left) = match r {
                Ok(used) => (Status::Success, gas - used),
                Err(h) => {
                    self.journal.revert(cp);
                    out.clear();
                    (Status::Halt(h), 0)
                }
            };
            insp.frame_exit(&FrameExit {
                status,
                gas_used: gas - left,
                output: &out,
                depth: 1,
            });
            self.output = out;
            if let Some(t) = self.tx.as_mut() {
                t.top = Some((status, left));
            }
            return Ok(());
        }
        self.context(0);
        let f = &mut self.pool[0];
        f.reset();
        if created.is_none() {
            f.input.extend_from_slice(&tx.data);
        }
        f.kind = if created.is_some() {
            CallKind::Create
        } else {
            CallKind::Call
        };
        f.address = target;
        f.caller = tx.caller;
        f.code_address = target;
        f.value = tx.value;
        f.is_static = false;
        f.code = code;
        f.gas_limit = gas;
        f.gas = gas;
        f.checkpoint = cp;
        f.ret = ReturnTo::default();
        self.depth = 1;
        let f = &self.pool[0];
        insp.frame_enter(&FrameEnter {
            kind: f.kind,
            from: tx.caller,
            to: target,
            code_address: target,
            value: tx.value,
            input: if created.is_some() {
                f.code.bytes()
            } else {
                &f.input
            },
            gas,
            depth: 1,
            precompile: false,
        });
        Ok(())
    }

    /// Settles a finished transaction: refund, fees, EIP-161/6780 deletions, commit.
    fn finish_tx(&mut self) -> ExecutionResult {
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
        let refund = if status.is_success() {
            (self.journal.refund().max(0) as u64).min(gas_used / gas::MAX_REFUND_QUOTIENT)
        } else {
            0
        };
        gas_used -= refund;
        let back = U256::from(gas_left + refund) * tx.gas_price;
        self.journal.add_balance(tx.caller, back);
        let tip = tx.gas_price.saturating_sub(self.env.block.base_fee);
        self.journal
            .add_balance(self.env.block.coinbase, U256::from(gas_used) * tip);
        let (logs, changes) = self.journal.finish_tx();
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

/// Deploys the output of a successful create frame (EIP-170, EIP-3541, deposit gas).
fn deposit<B: Backend>(f: &mut Frame, j: &mut Journal<B>, codes: &mut CodeCache) -> Status {
    let out = f.output();
    if out.len() > MAX_CODE_SIZE {
        return Status::Halt(Halt::CodeTooLarge);
    }
    if out.first() == Some(&0xef) {
        return Status::Halt(Halt::CodeStartsWithEf);
    }
    let cost = out.len() as u64 * CODE_DEPOSIT;
    if f.gas < cost {
        return Status::Halt(Halt::OutOfGas);
    }
    let code = if out.is_empty() {
        j.empty_code().clone()
    } else {
        codes.get_or_analyse(out)
    };
    f.gas -= cost;
    j.set_code(f.address, code);
    Status::Success
}
