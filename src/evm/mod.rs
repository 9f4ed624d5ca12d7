//! The EVM: the public API and the non-recursive driver over the [`FramePool`].
//!
//! A CALL or CREATE does not recurse on the Rust stack: the opcode hands a [`Request`] to the
//! driver ([`Evm::drive`]), which starts the pooled frame of depth+1 and continues the loop
//! there; when that frame ends, its results go back to depth-1. So execution can pause after
//! any opcode at any depth ([`Evm::step`]) and resume with identical results, and a nested
//! call allocates nothing once the pool is warm.
//!
//! - `pool`: the frames, one per depth.
//! - `frames`: entering a frame (from a transaction or an opcode, through one function) and
//!   leaving it (code deposit, revert, results to the caller).
//! - `transact`: transaction validation, intrinsic gas, up-front fees, refunds and settlement.
//! - `estimate`: the lowest gas limit a transaction succeeds with.
//! - `set_code`: EIP-7702 authorizations.
//! - `snapshot`: snapshots of the in-memory world and block, and reverting to them.

mod estimate;
mod frames;
mod pool;
mod set_code;
mod snapshot;
mod transact;

pub use estimate::EstimateError;
pub use pool::FramePool;
pub use snapshot::SnapshotError;

use crate::bytecode::CodeCache;
use crate::call::Request;
use crate::env::{BlockEnv, Env, TxEnv};
use crate::fork::Rules;
use crate::frame::Frame;
use crate::inspector::{Inspector, NoInspector};
use crate::instructions::{Interrupt, Machine};
use crate::interpreter::{run_frame, Yield};
use crate::state::{Backend, InMemoryDb, Journal, Need};
use crate::transaction::{ExecutionResult, Mode, Transaction, TxError};
use transact::RunningTx;

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

/// An Ethereum Virtual Machine over a state backend, running one fork's rules (Osaka unless
/// [`Evm::with_rules`] says otherwise).
pub struct Evm<B: Backend = InMemoryDb> {
    /// Journaled world state.
    pub journal: Journal<B>,
    /// Block and transaction environment.
    pub env: Env,
    pool: FramePool,
    codes: CodeCache,
    /// A nested frame an opcode asked for, kept while the backend fetches what entering it
    /// needs.
    pending: Option<Request>,
    tx: Option<RunningTx>,
    /// The outermost frame's output (return or revert data, or the deployed code).
    output: Vec<u8>,
    /// Frames started and ended so far, and the depth of the last one started: how the
    /// debugger sees frames that start and end within one step (precompiles, code-less
    /// accounts).
    frame_events: FrameEvents,
    /// The block of each live snapshot (see `snapshot`).
    block_snapshots: Vec<(u64, BlockEnv)>,
    /// Opcodes run by [`Evm::run_steps`] and its kin since the transaction began.
    steps: u64,
}

/// Counts of frame starts and ends, for breakpoints on frame events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameEvents {
    /// Frames started.
    pub entered: u64,
    /// Frames ended.
    pub exited: u64,
    /// Depth of the last frame started (1 = outermost).
    pub last_entered_depth: usize,
}

impl FrameEvents {
    /// Counts a frame at `depth` that was refused at its entry: it started and ended at once.
    fn refused(&mut self, depth: usize) {
        self.entered += 1;
        self.exited += 1;
        self.last_entered_depth = depth;
    }
}

impl<B: Backend> Evm<B> {
    /// An EVM over `backend` for the given block.
    pub fn new(backend: B, block: BlockEnv) -> Self {
        let journal = Journal::new(backend);
        let pool = FramePool::new(journal.empty_code().clone());
        Evm {
            journal,
            env: Env {
                block,
                tx: TxEnv::default(),
                rules: Rules::default(),
            },
            pool,
            codes: CodeCache::default(),
            pending: None,
            tx: None,
            output: Vec::new(),
            frame_events: FrameEvents::default(),
            block_snapshots: Vec::new(),
            steps: 0,
        }
    }

    /// This EVM with another fork's rules (`Fork::Cancun.rules()`, say), or a chain's own
    /// blob schedule.
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.journal.precompiles = rules.precompiles;
        self.env.rules = rules;
        self
    }

    /// The rules this EVM runs.
    pub fn rules(&self) -> &Rules {
        &self.env.rules
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
        self.pool.active()
    }

    /// The frame pool (how many frames exist, how deep execution is).
    pub fn pool(&self) -> &FramePool {
        &self.pool
    }

    /// Depth of the running frame (1 = outermost), 0 when nothing runs.
    pub fn depth(&self) -> usize {
        self.pool.depth()
    }

    /// Distinct analysed codes held by the instance's cache (at most those accounts hold,
    /// after each transaction).
    pub fn cached_codes(&self) -> usize {
        self.codes.len()
    }

    /// Frames started and ended so far (for breakpoints on frame events).
    pub fn frame_events(&self) -> FrameEvents {
        self.frame_events
    }

    /// Opcodes run since the transaction began by the counted ways of running it:
    /// [`Evm::run_steps`], [`Evm::step`], their `_with` forms, and so every debugger command
    /// ([`crate::debug`]); [`Evm::run`] and [`Evm::run_with`], the uncounted fast paths, add
    /// nothing. Kept after the transaction ends, until the next one begins.
    pub fn steps_taken(&self) -> u64 {
        self.steps
    }

    /// Whether a transaction is in progress.
    pub fn is_running(&self) -> bool {
        self.tx.is_some()
    }

    /// Validates and executes a transaction to the end, on the unobserved fast path.
    ///
    /// With a backend that can suspend, use [`Evm::begin`] and [`Evm::run`] instead: here a
    /// suspension abandons the transaction and reports [`TxError::NeedState`].
    pub fn transact(&mut self, tx: &Transaction) -> Result<ExecutionResult, TxError> {
        self.begin(tx)?;
        let outcome = self.run();
        self.settle(outcome)
    }

    /// As [`Evm::transact`], reporting to an inspector.
    pub fn transact_with<I: Inspector>(
        &mut self,
        tx: &Transaction,
        insp: &mut I,
    ) -> Result<ExecutionResult, TxError> {
        self.begin_with(tx, insp)?;
        let outcome = self.run_with(insp);
        self.settle(outcome)
    }

    /// Runs `tx` as `eth_call` does ([`Mode::Call`]): the result, with nothing committed.
    pub fn call(&mut self, tx: &Transaction) -> Result<ExecutionResult, TxError> {
        self.begin_mode(tx, Mode::Call, &mut NoInspector)?;
        let outcome = self.run();
        self.settle(outcome)
    }

    /// As [`Evm::call`], reporting to an inspector.
    pub fn call_with<I: Inspector>(
        &mut self,
        tx: &Transaction,
        insp: &mut I,
    ) -> Result<ExecutionResult, TxError> {
        self.begin_mode(tx, Mode::Call, insp)?;
        let outcome = self.run_with(insp);
        self.settle(outcome)
    }

    /// The result of a run to the end; a run that stopped short is abandoned.
    fn settle(&mut self, outcome: StepOutcome) -> Result<ExecutionResult, TxError> {
        match outcome {
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

    /// Validates a transaction, charges its fees up front and starts its outermost frame.
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
        self.begin_mode(tx, Mode::Transact, insp)
    }

    /// As [`Evm::begin_with`], as a transaction or as a call ([`Mode`]).
    pub fn begin_mode<I: Inspector>(
        &mut self,
        tx: &Transaction,
        mode: Mode,
        insp: &mut I,
    ) -> Result<(), TxError> {
        if self.tx.is_some() {
            return Err(TxError::Busy);
        }
        self.steps = 0;
        let r = self.validate_and_start(tx, mode, insp);
        if r.is_err() {
            self.abandon();
        }
        r
    }

    /// Abandons the running transaction, if any: its changes are dropped.
    pub fn abandon(&mut self) {
        self.journal.discard_tx();
        self.codes.evict_unused();
        self.tx = None;
        self.pool.clear();
        self.pending = None;
    }

    /// Runs to the end of the transaction (or until the backend needs state), without
    /// observation: the fast path.
    pub fn run(&mut self) -> StepOutcome {
        self.drive::<NoInspector, false, false>(&mut NoInspector, &mut 0)
    }

    /// Runs to the end, reporting every step and frame to `insp`.
    pub fn run_with<I: Inspector>(&mut self, insp: &mut I) -> StepOutcome {
        self.drive::<I, true, false>(insp, &mut 0)
    }

    /// Runs at most `max_steps` opcodes, then returns [`StepOutcome::Paused`] if the
    /// transaction is not done: a slice of a long run, so that a caller (a page, a worker) can
    /// show progress, stay responsive, and stop a run that would not end. Runs in bulk, at
    /// nearly the speed of [`Evm::run`]; the state is consistent at every pause.
    pub fn run_steps(&mut self, max_steps: u64) -> StepOutcome {
        let mut left = max_steps;
        let out = self.drive::<NoInspector, false, true>(&mut NoInspector, &mut left);
        self.steps += max_steps - left;
        out
    }

    /// As [`Evm::run_steps`], reporting every step and frame to `insp`.
    pub fn run_steps_with<I: Inspector>(&mut self, insp: &mut I, max_steps: u64) -> StepOutcome {
        let mut left = max_steps;
        let out = self.drive::<I, true, true>(insp, &mut left);
        self.steps += max_steps - left;
        out
    }

    /// Executes exactly one opcode (entering or leaving frames as it requires).
    pub fn step(&mut self) -> StepOutcome {
        self.run_steps(1)
    }

    /// Executes one opcode, reporting it to `insp`.
    pub fn step_with<I: Inspector>(&mut self, insp: &mut I) -> StepOutcome {
        self.run_steps_with(insp, 1)
    }

    /// The driver: runs the top frame's loop and acts on what it yields (enter a frame, leave
    /// one, pause, suspend) until the transaction ends or, with `LIMIT`, `budget` opcodes ran.
    /// Entering a frame, or leaving one, does not count as an opcode.
    fn drive<I: Inspector, const OBS: bool, const LIMIT: bool>(
        &mut self,
        insp: &mut I,
        budget: &mut u64,
    ) -> StepOutcome {
        if self.tx.is_none() {
            return StepOutcome::Idle;
        }
        if let Some(req) = self.pending.take() {
            if let Err(n) = self.enter(req, insp) {
                return StepOutcome::NeedState(n);
            }
            if LIMIT {
                // The step that asked for this frame already ran: as a single step, stop here.
                return self.paused_or_done();
            }
        }
        loop {
            let depth = self.pool.depth();
            let Some(frame) = self.pool.top_mut() else {
                return StepOutcome::Done(self.finish_tx());
            };
            let mut m = Machine {
                frame,
                journal: &mut self.journal,
                env: &self.env,
            };
            let entered = match run_frame::<B, I, OBS, LIMIT>(&mut m, insp, depth, budget) {
                Yield::Paused => return StepOutcome::Paused,
                Yield::Interrupted(Interrupt::Suspend(n)) => return StepOutcome::NeedState(n),
                Yield::Interrupted(Interrupt::Exit(status)) => {
                    self.exit_frame(status, insp);
                    Ok(())
                }
                Yield::Interrupted(Interrupt::Call(a)) => self.enter(Request::Call(a), insp),
                Yield::Interrupted(Interrupt::Create(a)) => self.enter(Request::Create(a), insp),
            };
            if let Err(n) = entered {
                return StepOutcome::NeedState(n);
            }
            if LIMIT && *budget == 0 {
                return self.paused_or_done();
            }
        }
    }

    fn paused_or_done(&mut self) -> StepOutcome {
        if self.pool.depth() == 0 {
            StepOutcome::Done(self.finish_tx())
        } else {
            StepOutcome::Paused
        }
    }
}
