//! Entering and leaving frames.
//!
//! Every frame — the transaction's outermost one, a nested call or create, a call into a
//! precompile or into an account without code — starts in [`Evm::start_frame`] and ends in
//! [`Evm::exit_frame`]. The opcode paths ([`Evm::enter`]) only decide *what* frame to start
//! (who pays, whose storage, which code) or refuse it; the transaction path does the same in
//! `transact`. A precompile or a code-less account runs to its end inside `start_frame` (no
//! opcode executes there, so no trace line is printed, as in geth), but through the same pooled
//! frame, inspector hooks and exit as any other frame.

use super::Evm;
use crate::bytecode::{Code, CodeCache};
use crate::call::{CallKind, CallRequest, CreateRequest, Message, Request};
use crate::frame::{Frame, ReturnTo};
use crate::gas::{CALL_DEPTH_LIMIT, CODE_DEPOSIT, MAX_CODE_SIZE};
use crate::inspector::{FrameEnter, FrameExit, Inspector};
use crate::precompiles::{self, Precompiles};
use crate::primitives::{create2_address, create_address, Address, U256};
use crate::state::{Backend, Journal, Need};
use crate::status::{Halt, Status};
use std::sync::Arc;

/// Where a new frame's call data comes from.
pub(super) enum Input<'a> {
    /// None (creates: the initcode is the code).
    Empty,
    /// A range of the calling frame's memory.
    CallerMemory { offset: usize, len: usize },
    /// The transaction's data.
    Data(&'a [u8]),
}

impl<B: Backend> Evm<B> {
    /// Enters the frame an opcode asked for, or refuses it. `Err` if the backend must first
    /// supply state: nothing has changed then, and the request is kept pending, to be entered
    /// when the run resumes.
    pub(super) fn enter<I: Inspector>(&mut self, req: Request, insp: &mut I) -> Result<(), Need> {
        let r = match &req {
            Request::Call(a) => self.enter_call(a, insp),
            Request::Create(a) => self.enter_create(*a, insp),
        };
        if r.is_err() {
            self.pending = Some(req);
        }
        r
    }

    fn caller_frame(&mut self) -> &mut Frame {
        self.pool
            .top_mut()
            .expect("an opcode's request comes from a running frame")
    }

    /// Ends a call or create that never started (`why`: the depth limit, too little balance,
    /// a nonce at its maximum, an address collision): `gas_back` returns to the caller (all
    /// of the gas given, or none for a collision), which sees failure and no return data.
    /// Inspectors see a frame that entered and halted at once, as geth's and revm's tracers
    /// show it; frame breakpoints see it too.
    #[cold]
    #[inline(never)]
    fn refuse<I: Inspector>(
        &mut self,
        msg: Message,
        input: (usize, usize),
        gas: u64,
        why: Halt,
        gas_back: u64,
        insp: &mut I,
    ) {
        let depth = self.pool.depth() + 1;
        self.frame_events.refused(depth);
        let precompile = self.env.rules.precompiles.contains(&msg.code_address);
        let p = self.caller_frame();
        let input = if input.1 > 0 {
            p.memory.slice(input.0, input.1)
        } else {
            &[]
        };
        let enter = FrameEnter::of(&msg, input, gas, depth, precompile);
        report_refused(insp, &enter, why, gas - gas_back);
        p.gas += gas_back;
        p.return_data.clear();
        p.stack.push(U256::ZERO);
    }

    /// The code a call to `target` runs: its own, or, for an EIP-7702 delegation (in a fork
    /// that has them), the delegate's, following one designator only. A delegate that is a
    /// precompile runs as its (empty) account code, not as the precompile.
    #[inline]
    pub(super) fn code_to_run(&mut self, target: Address) -> Result<Arc<Code>, Need> {
        let set_code = self.env.rules.set_code;
        let code = &self.journal.load(target)?.info.code;
        match code.delegation().filter(|_| set_code) {
            Some(d) => Ok(self.journal.load(d)?.info.code.clone()),
            None => Ok(code.clone()),
        }
    }

    fn enter_call<I: Inspector>(&mut self, a: &CallRequest, insp: &mut I) -> Result<(), Need> {
        let depth = self.pool.depth();
        let p = self.caller_frame();
        let (me, my_caller, my_value, my_static) = (
            p.message.address,
            p.message.caller,
            p.message.value,
            p.message.is_static,
        );
        let (address, caller, value, is_static) = match a.kind {
            CallKind::Call => (a.target, me, a.value, my_static),
            CallKind::CallCode => (me, me, a.value, my_static),
            CallKind::DelegateCall => (me, my_caller, my_value, my_static),
            _ => (a.target, me, U256::ZERO, true),
        };
        let transfers = matches!(a.kind, CallKind::Call | CallKind::CallCode);
        let code = match &a.code {
            Some(code) => code.clone(),
            None => self.code_to_run(a.target)?,
        };
        // Only a transfer of value needs the caller's balance (one lookup fewer per call).
        let short =
            transfers && !a.value.is_zero() && self.journal.load(me)?.info.balance < a.value;
        let message = Message {
            kind: a.kind,
            caller,
            address,
            code_address: a.target,
            value,
            is_static,
        };
        let why = if depth > CALL_DEPTH_LIMIT {
            Some(Halt::CallDepth)
        } else if short {
            Some(Halt::InsufficientBalance)
        } else {
            None
        };
        if let Some(why) = why {
            let input = (a.in_offset, a.in_len);
            self.refuse(message, input, a.gas, why, a.gas, insp);
            return Ok(());
        }
        let (gas, ret) = (
            a.gas,
            ReturnTo {
                offset: a.out_offset,
                len: a.out_len,
            },
        );
        let input = Input::CallerMemory {
            offset: a.in_offset,
            len: a.in_len,
        };
        self.start_frame(message, code, gas, ret, input, insp);
        Ok(())
    }

    fn enter_create<I: Inspector>(&mut self, a: CreateRequest, insp: &mut I) -> Result<(), Need> {
        let depth = self.pool.depth();
        let me = self.caller_frame().message.address;
        let acct = self.journal.load(me)?;
        let (balance, nonce) = (acct.info.balance, acct.info.nonce);
        let new = match a.kind {
            CallKind::Create2 => create2_address(&me, a.salt, initcode(self.caller_frame(), &a)),
            _ => create_address(&me, nonce),
        };
        let collision = self.journal.create_collides(new)?;
        let message = Message {
            kind: a.kind,
            caller: me,
            address: new,
            code_address: new,
            value: a.value,
            is_static: false,
        };
        let input = (a.offset, a.len);
        let why = if depth > CALL_DEPTH_LIMIT {
            Some(Halt::CallDepth)
        } else if balance < a.value {
            Some(Halt::InsufficientBalance)
        } else if nonce == u64::MAX {
            Some(Halt::NonceOverflow)
        } else {
            None
        };
        if let Some(why) = why {
            self.refuse(message, input, a.gas, why, a.gas, insp);
            return Ok(());
        }
        self.journal.set_nonce(me, nonce + 1);
        self.journal.warm(new);
        if collision {
            // The gas given is consumed; no frame runs (EIP-684).
            self.refuse(message, input, a.gas, Halt::CreateCollision, 0, insp);
            return Ok(());
        }
        let code = Arc::new(Code::new(initcode(self.caller_frame(), &a)));
        let (gas, ret) = (a.gas, ReturnTo::default());
        self.start_frame(message, code, gas, ret, Input::Empty, insp);
        Ok(())
    }

    /// Starts a frame: a checkpoint, the value transfer (for CALL, CALLCODE and creates the
    /// message's caller pays its value), the pooled frame of the next depth set up with the
    /// message, code, gas and where its output goes, the inspector told. A precompile or a
    /// call into a code-less account also ends here. Inlined, and given its pieces as separate
    /// arguments rather than one struct, so that they stay in registers: a struct built and
    /// copied per call made nested calls 5-10 % slower in wasm.
    #[inline(always)]
    pub(super) fn start_frame<I: Inspector>(
        &mut self,
        msg: Message,
        code: Arc<Code>,
        gas: u64,
        ret: ReturnTo,
        input: Input<'_>,
        insp: &mut I,
    ) {
        let checkpoint = self.journal.checkpoint();
        match msg.kind {
            CallKind::Create | CallKind::Create2 => {
                self.journal.mark_created(msg.address);
                self.journal.transfer(&msg.caller, &msg.address, &msg.value);
            }
            CallKind::Call | CallKind::CallCode => {
                self.journal.transfer(&msg.caller, &msg.address, &msg.value);
            }
            CallKind::StaticCall => self.journal.touch(msg.address),
            CallKind::DelegateCall => {}
        }
        let precompiles = self.env.rules.precompiles;
        let precompile = precompiles.contains(&msg.code_address);
        let depth = self.pool.depth() + 1;
        self.frame_events.entered += 1;
        self.frame_events.last_entered_depth = depth;
        let (caller, f) = self.pool.push();
        match input {
            Input::Empty => {}
            Input::CallerMemory { len: 0, .. } => {}
            Input::CallerMemory { offset, len } => {
                if let Some(p) = caller {
                    f.input.extend_from_slice(p.memory.slice(offset, len));
                }
            }
            Input::Data(d) => f.input.extend_from_slice(d),
        }
        f.message = msg;
        f.code = code;
        f.gas_limit = gas;
        f.gas = gas;
        f.checkpoint = checkpoint;
        f.ret = ret;
        let input = if msg.kind.is_create() {
            f.code.bytes()
        } else {
            &f.input
        };
        insp.frame_enter(&FrameEnter::of(&msg, input, f.gas, depth, precompile));
        if precompile {
            let status = run_precompile(f, &precompiles);
            self.exit_frame(status, insp);
        } else if !f.message.kind.is_create() && f.code.is_empty() {
            self.exit_frame(Status::Success, insp);
        }
    }

    /// Ends the running frame: deposits code for creates, keeps or reverts its changes, and
    /// hands gas, output and the success flag (or new address) to its caller — or, for the
    /// outermost frame, to the transaction.
    pub(super) fn exit_frame<I: Inspector>(&mut self, mut status: Status, insp: &mut I) {
        let depth = self.pool.depth();
        let Some((caller, f)) = self.pool.pop() else {
            return;
        };
        self.frame_events.exited += 1;
        if status == Status::Success && f.message.kind.is_create() {
            status = deposit(f, &mut self.journal, &mut self.codes);
        }
        match status {
            Status::Success => {}
            Status::Revert => self.journal.revert(f.checkpoint),
            Status::Halt(_) => {
                self.journal.revert(f.checkpoint);
                f.gas = 0;
                f.output = (0, 0);
            }
        }
        insp.frame_exit(&FrameExit {
            status,
            gas_used: f.gas_used(),
            output: f.output(),
            depth,
        });
        let Some(p) = caller else {
            self.output.clear();
            self.output.extend_from_slice(f.output());
            if let Some(tx) = &mut self.tx {
                tx.top = Some((status, f.gas));
            }
            f.release_excess();
            return;
        };
        p.gas += f.gas;
        p.return_data.clear();
        if f.message.kind.is_create() {
            // A create returns its address (or zero) and, only on failure, data.
            if status.is_success() {
                p.stack.push(f.message.address.to_word());
            } else {
                p.return_data.extend_from_slice(f.output());
                p.stack.push(U256::ZERO);
            }
        } else {
            let out = f.output();
            p.return_data.extend_from_slice(out);
            let n = f.ret.len.min(out.len());
            if n > 0 {
                p.memory
                    .slice_mut(f.ret.offset, n)
                    .copy_from_slice(&out[..n]);
            }
            p.stack.push(U256::from(status.is_success() as u8));
        }
        f.release_excess();
    }
}

/// Tells an inspector of a frame that halted with `why` at its entry, having used `gas_used`.
pub(super) fn report_refused<I: Inspector>(
    insp: &mut I,
    enter: &FrameEnter<'_>,
    why: Halt,
    gas_used: u64,
) {
    insp.frame_enter(enter);
    insp.frame_exit(&FrameExit {
        status: Status::Halt(why),
        gas_used,
        output: &[],
        depth: enter.depth,
    });
}

/// The initcode of a create request, in the caller's memory.
fn initcode<'a>(caller: &'a Frame, a: &CreateRequest) -> &'a [u8] {
    if a.len > 0 {
        caller.memory.slice(a.offset, a.len)
    } else {
        &[]
    }
}

/// Runs the precompile a frame calls, its output going to the frame's memory.
fn run_precompile(f: &mut Frame, set: &Precompiles) -> Status {
    let mut out = std::mem::take(&mut f.return_data);
    let r = precompiles::run(set, &f.message.code_address, &f.input, f.gas, &mut out);
    let status = match r {
        Ok(used) if f.set_output(&out) => {
            f.gas -= used;
            Status::Success
        }
        Ok(_) => Status::Halt(Halt::MemoryLimit),
        Err(h) => Status::Halt(h),
    };
    f.return_data = out;
    status
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
    j.set_code(f.message.address, code);
    Status::Success
}
