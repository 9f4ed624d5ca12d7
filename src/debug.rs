//! Debugger controls on a paused execution: step into, over and out, and continue to a
//! breakpoint. All of them drive [`Evm::step_with`], the same pausable loop, so nothing is
//! re-executed from the start; the inspector passed in sees every step (pass
//! [`NoInspector`](crate::inspector::NoInspector) to observe nothing).

use crate::evm::{Evm, FrameEvents, StepOutcome};
use crate::fast_map::FastMap;
use crate::inspector::Inspector;
use crate::primitives::Address;
use crate::state::{Backend, Need};
use crate::transaction::{ExecutionResult, Mode, Transaction, TxError};

/// Where execution should stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakpoint {
    /// Before the opcode at `pc`, in code at `address` if given (any code otherwise).
    Pc {
        /// Program counter.
        pc: usize,
        /// Only in the code of this account.
        address: Option<Address>,
    },
    /// Before any occurrence of this opcode.
    Opcode(u8),
    /// On entering a frame at this depth (1 = outermost).
    Depth(usize),
    /// On entering any frame.
    FrameEnter,
    /// On returning from any frame to its caller.
    FrameExit,
}

/// Why a debugger command stopped.
#[derive(Debug, Clone)]
pub enum Pause {
    /// The command completed (one step, or back at the requested depth).
    Stepped,
    /// A breakpoint matched; the index is into the slice passed in.
    Breakpoint(usize),
    /// The command's step budget ran out first; the transaction goes on when resumed.
    Limit,
    /// The transaction finished.
    Done(ExecutionResult),
    /// The backend must supply state first.
    NeedState(Need),
    /// No transaction is running.
    Idle,
}

/// Breakpoints indexed by what they match, so that checking a step costs the same whatever
/// their number. Values are indexes into the caller's slice (the first one wins).
struct Index {
    /// pc -> (index, address filter), in slice order.
    by_pc: FastMap<usize, Vec<(usize, Option<Address>)>>,
    by_opcode: [Option<usize>; 256],
    by_depth: FastMap<usize, usize>,
    on_enter: Option<usize>,
    on_exit: Option<usize>,
}

impl Index {
    fn new(bps: &[Breakpoint]) -> Index {
        let mut ix = Index {
            by_pc: FastMap::default(),
            by_opcode: [None; 256],
            by_depth: FastMap::default(),
            on_enter: None,
            on_exit: None,
        };
        for (i, b) in bps.iter().enumerate() {
            match *b {
                Breakpoint::Pc { pc, address } => {
                    ix.by_pc.entry(pc).or_default().push((i, address))
                }
                Breakpoint::Opcode(op) => {
                    ix.by_opcode[op as usize].get_or_insert(i);
                }
                Breakpoint::Depth(d) => {
                    ix.by_depth.entry(d).or_insert(i);
                }
                Breakpoint::FrameEnter => {
                    ix.on_enter.get_or_insert(i);
                }
                Breakpoint::FrameExit => {
                    ix.on_exit.get_or_insert(i);
                }
            }
        }
        ix
    }
}

impl<B: Backend> Evm<B> {
    /// The first breakpoint that the step just taken hits, given the frame events before it.
    /// Frame breakpoints count frames that started and ended within the step (a precompile,
    /// an account without code) too.
    fn hit(&self, bps: &Index, before: FrameEvents) -> Option<usize> {
        let now = self.frame_events();
        let f = self.frames().last()?;
        let mut first = bps.by_opcode[f.current_opcode() as usize];
        let mut consider = |i: Option<usize>| {
            if let Some(i) = i {
                first = Some(first.map_or(i, |f| f.min(i)));
            }
        };
        if let Some(list) = bps.by_pc.get(&f.pc) {
            let here = f.message.code_address;
            consider(
                list.iter()
                    .find(|(_, a)| a.is_none_or(|a| a == here))
                    .map(|(i, _)| *i),
            );
        }
        if now.entered > before.entered {
            consider(bps.on_enter);
            consider(bps.by_depth.get(&now.last_entered_depth).copied());
        }
        if now.exited > before.exited {
            consider(bps.on_exit);
        }
        first
    }

    /// Steps until `done(depth before the command, depth now)`, a breakpoint, or
    /// `max_steps` opcodes, reporting every step to `insp`.
    fn step_until<I: Inspector>(
        &mut self,
        insp: &mut I,
        bps: &[Breakpoint],
        done: impl Fn(usize, usize) -> bool,
        max_steps: Option<u64>,
    ) -> Pause {
        let start = self.depth();
        let bps = Index::new(bps);
        let mut left = max_steps.unwrap_or(u64::MAX);
        loop {
            if left == 0 {
                return Pause::Limit;
            }
            left -= 1;
            let before = self.frame_events();
            match self.step_with(insp) {
                StepOutcome::Paused => {
                    if let Some(i) = self.hit(&bps, before) {
                        return Pause::Breakpoint(i);
                    }
                    if done(start, self.depth()) {
                        return Pause::Stepped;
                    }
                }
                StepOutcome::Done(r) => return Pause::Done(r),
                StepOutcome::NeedState(n) => return Pause::NeedState(n),
                StepOutcome::Idle => return Pause::Idle,
            }
        }
    }

    /// Runs one opcode; into a called frame if the opcode is a call.
    pub fn step_into<I: Inspector>(&mut self, insp: &mut I) -> Pause {
        self.step_until(insp, &[], |_, _| true, None)
    }

    /// Runs one opcode, and the whole of any frame it enters, stopping back at this depth
    /// (or shallower, if the frame ended) — or earlier at a breakpoint or after `max_steps`.
    pub fn step_over<I: Inspector>(
        &mut self,
        insp: &mut I,
        bps: &[Breakpoint],
        max_steps: Option<u64>,
    ) -> Pause {
        self.step_until(insp, bps, |start, now| now <= start, max_steps)
    }

    /// Runs until the current frame has returned to its caller, a breakpoint, or `max_steps`.
    pub fn step_out<I: Inspector>(
        &mut self,
        insp: &mut I,
        bps: &[Breakpoint],
        max_steps: Option<u64>,
    ) -> Pause {
        self.step_until(insp, bps, |start, now| now < start, max_steps)
    }

    /// Runs until a breakpoint, the end of the transaction, or `max_steps` opcodes (a slice
    /// of a long run: see [`Evm::run_steps`]). Without breakpoints it runs in bulk, not step by
    /// step.
    pub fn resume<I: Inspector>(
        &mut self,
        insp: &mut I,
        bps: &[Breakpoint],
        max_steps: Option<u64>,
    ) -> Pause {
        if !bps.is_empty() {
            return self.step_until(insp, bps, |_, _| false, max_steps);
        }
        match self.run_steps_with(insp, max_steps.unwrap_or(u64::MAX)) {
            StepOutcome::Paused => Pause::Limit,
            StepOutcome::Done(r) => Pause::Done(r),
            StepOutcome::NeedState(n) => Pause::NeedState(n),
            StepOutcome::Idle => Pause::Idle,
        }
    }

    /// Runs `tx` again from its start to just after its `steps`-th opcode, reporting to
    /// `insp`: a step back, by deterministic replay. The world must be as it was before `tx`
    /// first began (abandon a transaction still running; revert to a snapshot taken before
    /// one that ended). Costs a run of `steps` opcodes in bulk (about 2 ms per 100,000 in
    /// wasm), and no memory between steps.
    pub fn replay<I: Inspector>(
        &mut self,
        tx: &Transaction,
        mode: Mode,
        insp: &mut I,
        steps: u64,
    ) -> Result<Pause, TxError> {
        self.abandon();
        self.begin_mode(tx, mode, insp)?;
        if steps == 0 {
            return Ok(Pause::Stepped);
        }
        Ok(match self.run_steps_with(insp, steps) {
            StepOutcome::Paused => Pause::Stepped,
            StepOutcome::Done(r) => Pause::Done(r),
            StepOutcome::NeedState(n) => Pause::NeedState(n),
            StepOutcome::Idle => Pause::Idle,
        })
    }
}
