//! The runs of the `Evm` class: `call` (as `eth_call`: nothing is kept), `sendTransaction`
//! (committed), `estimateGas`, and `runCode` (raw bytecode, as a call).

use super::args::*;
use super::evm::JsEvm;
use super::options::{run_options, Allowed, RunOptions, DEFAULT_SENDER, SCRATCH};
use super::recording::Recording;
use super::requests::tx_request;
use super::results::result_js;
use super::types::{opt, RunCodeRequestArg, RunOptionsArg};
use crate::calltree::revert_reason;
use crate::evm::{EstimateError, StepOutcome};
use crate::request::TxRequest;
use crate::status::Status;
use crate::transaction::{ExecutionResult, Mode, Transaction, TxError};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

impl JsEvm {
    /// The transaction a request asks for, with the defaults of `mode`.
    pub(super) fn transaction_for(&self, req: TxRequest, mode: Mode) -> JsResult<Transaction> {
        self.fetched(&req.from.unwrap_or(DEFAULT_SENDER))?;
        let db = self.core.backend();
        let nonce_of = |a: &crate::primitives::Address| db.get(a).map_or(0, |x| x.info.nonce);
        req.into_transaction(mode, &self.core.env, DEFAULT_SENDER, nonce_of)
            .map_err(|e| JsError::new(&format!("request.{e}")))
    }

    /// Runs `tx` to its end in `mode`, recording what `rec` asks, within `limit` opcodes.
    fn run(
        &mut self,
        tx: &Transaction,
        mode: Mode,
        rec: &mut Recording,
        limit: Option<u64>,
    ) -> JsResult<ExecutionResult> {
        if rec.is_empty() && limit.is_none() {
            let started = self
                .core
                .begin_mode(tx, mode, &mut crate::inspector::NoInspector);
            started.map_err(|e| self.invalid(e))?;
            let out = self.core.run();
            return self.settled(out, limit);
        }
        let started = self.core.begin_mode(tx, mode, rec);
        started.map_err(|e| self.invalid(e))?;
        let out = match limit {
            None => self.core.run_with(rec),
            Some(n) => self.core.run_steps_with(rec, n),
        };
        self.settled(out, limit)
    }

    /// The error for a transaction that did not start: state to fetch first, or invalid.
    pub(super) fn invalid(&self, e: TxError) -> JsError {
        match e {
            TxError::NeedState(n) => self.need(n),
            e => bad("transaction", e),
        }
    }

    fn settled(&mut self, out: StepOutcome, limit: Option<u64>) -> JsResult<ExecutionResult> {
        match out {
            StepOutcome::Done(r) => Ok(r),
            StepOutcome::NeedState(n) => {
                self.core.abandon();
                Err(self.need(n))
            }
            _ => {
                self.core.abandon();
                let n = limit.unwrap_or_default();
                Err(bad(
                    "options.maxSteps",
                    format!("the run did not end within {n} steps; nothing was committed"),
                ))
            }
        }
    }

    /// Runs a request as a call inside a snapshot (overrides and `scratch` code applied
    /// first), then puts the world and block back as they were.
    fn call_in_snapshot(
        &mut self,
        req: TxRequest,
        scratch: Option<&[u8]>,
        opts: RunOptions,
    ) -> JsResult<JsValue> {
        self.idle()?;
        let snap = self.core.snapshot().map_err(|e| bad("call", e))?;
        let r = self.call_inside(req, scratch, opts);
        let _ = self.core.revert(snap);
        r
    }

    fn call_inside(
        &mut self,
        req: TxRequest,
        scratch: Option<&[u8]>,
        opts: RunOptions,
    ) -> JsResult<JsValue> {
        self.apply_overrides(&opts)?;
        if let Some(code) = scratch {
            let db = self.db();
            db.set_code(SCRATCH, code);
            db.set_nonce(SCRATCH, 1);
        }
        let tx = self.transaction_for(req, Mode::Call)?;
        let mut rec = Recording::new(&opts, &Rc::default());
        let r = self.run(&tx, Mode::Call, &mut rec, opts.max_steps)?;
        if rec.trace.is_some() {
            // The trace's summary line carries the state root after the call: apply its
            // changes inside the snapshot, which is reverted afterwards.
            crate::state::Backend::commit(self.db(), r.changes.clone());
        }
        result_js(&r, rec, &self.core, tx.gas_limit)
    }

    fn apply_overrides(&mut self, opts: &RunOptions) -> JsResult<()> {
        if let Some(b) = &opts.block_overrides {
            self.core.env.block = b
                .apply(&self.core.env.block)
                .map_err(|e| bad("options.blockOverrides", e))?;
        }
        for o in &opts.state_override {
            o.apply(self.db())
                .map_err(|e| bad("options.stateOverride", e))?;
        }
        Ok(())
    }
}

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// Runs a message call as `eth_call` does and keeps nothing: no nonce, no fee unless the
    /// request names one, no state change. Options: `{ stateOverride?, blockOverrides?,
    /// trace?, callTree?, callTracer?, maxSteps? }`.
    #[wasm_bindgen(unchecked_return_type = "CallResult")]
    pub fn call(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TransactionRequest")] request: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        let req = request_arg(&request)?;
        let opts = run_options(&opt(opts), Allowed::Call)?;
        self.call_in_snapshot(req, None, opts)
    }

    /// Validates, runs and commits a transaction (`eth_sendTransaction`); with `to` absent
    /// or `null` it creates a contract (`createdAddress`). Options: `{ trace?, callTree?,
    /// callTracer?, maxSteps? }`. An invalid transaction, or one that does not end within
    /// `maxSteps`, throws and changes nothing.
    #[wasm_bindgen(js_name = sendTransaction, unchecked_return_type = "CallResult")]
    pub fn send_transaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TransactionRequest")] request: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        let req = request_arg(&request)?;
        let opts = run_options(&opt(opts), Allowed::Send)?;
        self.change()?;
        let tx = self.transaction_for(req, Mode::Transact)?;
        let mut rec = Recording::new(&opts, &Rc::default());
        let r = self.run(&tx, Mode::Transact, &mut rec, opts.max_steps)?;
        result_js(&r, rec, &self.core, tx.gas_limit)
    }

    /// The lowest gas limit with which the request succeeds as a call (binary search, as
    /// geth's `eth_estimateGas`), up to its `gas` or the block's gas limit. Options:
    /// `{ stateOverride?, blockOverrides? }`. Throws if it fails at any limit, with the
    /// revert reason when there is one.
    #[wasm_bindgen(js_name = estimateGas)]
    pub fn estimate_gas(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TransactionRequest")] request: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<js_sys::BigInt> {
        let req = request_arg(&request)?;
        let opts = run_options(&opt(opts), Allowed::Estimate)?;
        self.idle()?;
        let snap = self.core.snapshot().map_err(|e| bad("estimateGas", e))?;
        let r = self.apply_overrides(&opts).and_then(|_| {
            let tx = self.transaction_for(req, Mode::Call)?;
            let cap = tx.gas_limit;
            match self.core.estimate_gas(&tx) {
                Err(EstimateError::Invalid(TxError::NeedState(n))) => Err(self.need(n)),
                r => r.map_err(|e| estimate_error(e, cap)),
            }
        });
        let _ = self.core.revert(snap);
        r.map(js_sys::BigInt::from)
    }

    /// Runs raw runtime bytecode, placed at a scratch address and called as `call` does
    /// (nothing is kept). Request: `{ from?, data?, value?, gas?, … }` (no `to`).
    #[wasm_bindgen(js_name = runCode, unchecked_return_type = "CallResult")]
    pub fn run_code(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] code: JsValue,
        request: Option<RunCodeRequestArg>,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        let code = bytes(&code, "code")?;
        let request = opt(request);
        let mut req = tx_request(&request, "request")?;
        if req.to.is_some() {
            return Err(bad(
                "request.to",
                "runCode runs its code at a scratch address; call({ to }) calls a deployed one",
            ));
        }
        req.to = Some(SCRATCH);
        let opts = run_options(&opt(opts), Allowed::Call)?;
        self.call_in_snapshot(req, Some(&code), opts)
    }
}

/// A required request argument.
pub fn request_arg(v: &JsValue) -> JsResult<TxRequest> {
    if absent(v) {
        return Err(bad("request", "expected an object such as { to, data }"));
    }
    tx_request(v, "request")
}

fn estimate_error(e: EstimateError, cap: u64) -> JsError {
    match e {
        EstimateError::Invalid(e) => bad("transaction", e),
        EstimateError::Failed(r) => {
            let why = match r.status {
                Status::Revert => match revert_reason(&r.output) {
                    Some(reason) => format!("execution reverted: {reason}"),
                    None => "execution reverted".into(),
                },
                Status::Halt(h) => h.to_string(),
                Status::Success => "succeeded".into(),
            };
            bad(
                "estimateGas",
                format!("{why} (at every gas limit up to {cap})"),
            )
        }
    }
}
