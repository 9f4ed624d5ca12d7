//! The debugging session of the `Evm` class, on the core's pausable loop: `begin` a
//! transaction, step it (`stepInto`, `stepOver`, `stepOut`, `continue`, with breakpoints and
//! step budgets), look at its `frames()`, or `abort()` it.

use super::args::*;
use super::evm::{JsEvm, Replay};
use super::options::{breakpoint, run_options, step_options, Allowed, MAX_BREAKPOINTS};
use super::recording::{now, Recording};
use super::results::{frame_js, pause_js};
use super::run::request_arg;
use super::types::{opt, RunOptionsArg, StepOptionsArg};
use crate::debug::{Breakpoint, Pause};
use crate::evm::Evm as Core;
use crate::transaction::Mode;
use js_sys::Array;
use wasm_bindgen::prelude::*;

impl JsEvm {
    /// The JS state of a debugger command's pause.
    fn paused(&mut self, p: Pause) -> JsResult<JsValue> {
        if let Pause::NeedState(n) = &p {
            let _ = self.need(*n);
        }
        let r = pause_js(p, &mut self.session, &self.core, self.session_gas);
        self.paused_since = self.core.is_running().then(now);
        r
    }

    /// Runs a debugger command that honours breakpoints and `{ maxSteps }`.
    fn command(
        &mut self,
        opts: Option<StepOptionsArg>,
        run: fn(&mut Core, &mut Recording, &[Breakpoint], Option<u64>) -> Pause,
    ) -> JsResult<JsValue> {
        let max = step_options(&opt(opts))?;
        self.unpause();
        let p = run(&mut self.core, &mut self.session, &self.breakpoints, max);
        self.paused(p)
    }

    /// Ends the current pause: its length goes into the time left out of wall times.
    fn unpause(&mut self) {
        if let Some(t) = self.paused_since.take() {
            self.paused_ms
                .set(self.paused_ms.get() + (now() - t).max(0.0));
        }
    }
}

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// Starts a paused transaction: the same request as `sendTransaction` (committed when it
    /// ends). Step it with `stepInto`, `stepOver`, `stepOut`, `continue`; with `opts`
    /// (`{ trace?, callTree?, callTracer? }`), the final result carries the trace and call
    /// tree of the whole session.
    pub fn begin(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TransactionRequest")] request: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<()> {
        self.idle()?;
        let req = request_arg(&request)?;
        let opts = run_options(&opt(opts), Allowed::Begin)?;
        let tx = self.transaction_for(req, Mode::Transact)?;
        self.forget_session();
        let snapshot = self.core.snapshot().map_err(|e| bad("begin", e))?;
        self.paused_ms.set(0.0);
        let mut rec = Recording::new(&opts, &self.paused_ms);
        if let Err(e) = self.core.begin_mode(&tx, Mode::Transact, &mut rec) {
            let _ = self.core.release(snapshot);
            return Err(self.invalid(e));
        }
        self.session = rec;
        self.session_gas = tx.gas_limit;
        self.session_replay = Some(Replay { tx, opts, snapshot });
        self.paused_since = Some(now());
        Ok(())
    }

    /// Goes back one opcode: the session is replayed from its start (the world as before it)
    /// to just after its previous opcode, in bulk — about 2 ms per 100,000 opcodes — so any
    /// earlier state can be reached, at any depth, with nothing kept in memory per step.
    /// Works after the transaction ended too (until the world is next changed). A trace or
    /// call tree the session records is recorded again by the replay.
    #[wasm_bindgen(js_name = stepBack, unchecked_return_type = "PauseState")]
    pub fn step_back(&mut self) -> JsResult<JsValue> {
        let steps = self.core.steps_taken();
        let Some(r) = self.session_replay.take() else {
            return Err(JsError::new(
                "no debugging session to step back in: call begin() first",
            ));
        };
        if steps == 0 {
            self.session_replay = Some(r);
            return Err(JsError::new(
                "at the session's first opcode: nothing to step back to",
            ));
        }
        self.unpause();
        self.core.abandon();
        let _ = self.core.revert(r.snapshot);
        let snapshot = self.core.snapshot().map_err(|e| bad("stepBack", e))?;
        self.paused_ms.set(0.0);
        self.session = Recording::new(&r.opts, &self.paused_ms);
        let p = self
            .core
            .replay(&r.tx, Mode::Transact, &mut self.session, steps - 1)
            .map_err(|e| self.invalid(e))?;
        self.session_replay = Some(Replay { snapshot, ..r });
        self.paused(p)
    }

    /// Sets the breakpoints `continue`, `stepOver` and `stepOut` stop at: an array of
    /// `{ pc, address? }`, `{ opcode }` (name or number), `{ depth }`, `{ on: 'enter' | 'exit' }`.
    #[wasm_bindgen(js_name = setBreakpoints)]
    pub fn set_breakpoints(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Breakpoint[]")] list: JsValue,
    ) -> JsResult<()> {
        let list = array(&list, "breakpoints", MAX_BREAKPOINTS)?;
        let bps = list
            .iter()
            .enumerate()
            .map(|(i, v)| breakpoint(&v, i))
            .collect::<JsResult<Vec<_>>>()?;
        self.breakpoints = bps;
        Ok(())
    }

    /// Runs one opcode, entering any frame it calls.
    #[wasm_bindgen(js_name = stepInto, unchecked_return_type = "PauseState")]
    pub fn step_into(&mut self) -> JsResult<JsValue> {
        self.unpause();
        let p = self.core.step_into(&mut self.session);
        self.paused(p)
    }

    /// Runs one opcode and the whole of any frame it enters.
    #[wasm_bindgen(js_name = stepOver, unchecked_return_type = "PauseState")]
    pub fn step_over(&mut self, opts: Option<StepOptionsArg>) -> JsResult<JsValue> {
        self.command(opts, Core::step_over)
    }

    /// Runs until the current frame returns.
    #[wasm_bindgen(js_name = stepOut, unchecked_return_type = "PauseState")]
    pub fn step_out(&mut self, opts: Option<StepOptionsArg>) -> JsResult<JsValue> {
        self.command(opts, Core::step_out)
    }

    /// Runs to the next breakpoint or the end, or, with `{ maxSteps }`, for at most that many
    /// opcodes (reason `'limit'`): a slice of a long run, so that a page stays responsive,
    /// shows progress, and can stop a run that never ends (`abort()`).
    #[wasm_bindgen(js_name = continue, unchecked_return_type = "PauseState")]
    pub fn resume(&mut self, opts: Option<StepOptionsArg>) -> JsResult<JsValue> {
        self.command(opts, Core::resume)
    }

    /// Abandons the paused transaction; the state is left as before it.
    pub fn abort(&mut self) {
        self.core.abandon();
        self.forget_session();
        self.session = Recording::default();
        self.paused_since = None;
    }

    /// Whether a debugging session is paused.
    #[wasm_bindgen(getter, js_name = isPaused)]
    pub fn is_paused(&self) -> bool {
        self.core.is_running()
    }

    /// The logs the paused transaction has emitted so far (those of frames that later revert
    /// included, until they do), in order.
    #[wasm_bindgen(unchecked_return_type = "Log[]")]
    pub fn logs(&self) -> JsValue {
        super::results::logs_js(self.core.journal.logs())
    }

    /// The call stack of the paused execution, outermost first.
    #[wasm_bindgen(unchecked_return_type = "FrameState[]")]
    pub fn frames(&self) -> Array {
        let out = Array::new();
        for (i, f) in self.core.frames().iter().enumerate() {
            out.push(&frame_js(f, i + 1, &self.core));
        }
        out
    }
}
