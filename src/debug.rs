//! Debugger controls on a paused execution: step into, over and out, and continue to a
//! breakpoint. All of them drive [`Evm::step_with`], the same pausable loop, so nothing is
//! re-executed from the start; the inspector passed in sees every step (pass
//! [`NoInspector`](crate::inspector::NoInspector) to observe nothing).

use crate::evm::{Evm, FrameEvents, StepOutcome};
use crate::inspector::Inspector;
use crate::primitives::Address;
use crate::state::{Backend, Need};
use crate::transaction::ExecutionResult;

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

impl<B: Backend> Evm<B> {
    /// The first breakpoint that the step just taken hits, given the frame events before it.
    /// Frame breakpoints count frames that started and ended within the step (a precompile,
    /// an account without code) too.
    fn hit(&self, bps: &[Breakpoint], before: FrameEvents) -> Option<usize> {
        let now = self.frame_events();
        let entered = now.entered > before.entered;
        let exited = now.exited > before.exited;
        let f = self.frames().last()?;
        bps.iter().position(|b| match *b {
            Breakpoint::Pc { pc, address } => {
                f.pc == pc && address.is_none_or(|a| a == f.message.code_address)
            }
            Breakpoint::Opcode(op) => f.current_opcode() == op,
            Breakpoint::Depth(d) => entered && now.last_entered_depth == d,
            Breakpoint::FrameEnter => entered,
            Breakpoint::FrameExit => exited,
        })
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
        let mut left = max_steps.unwrap_or(u64::MAX);
        loop {
            if left == 0 {
                return Pause::Limit;
            }
            left -= 1;
            let before = self.frame_events();
            match self.step_with(insp) {
                StepOutcome::Paused => {
                    if let Some(i) = self.hit(bps, before) {
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
}
