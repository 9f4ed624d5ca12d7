//! The `Evm` class of the JS API: a world state in memory, transactions, and the debugger
//! session on the core's pausable loop.

use super::args::*;
use super::recording::{now, Recording};
use super::results::{big, big64, frame_js, hash, hex, obj, pause_js, result_js, set, word_hex};
use super::types::{opt, EvmOptionsArg, RunCodeRequestArg, RunOptionsArg, StepOptionsArg};
use crate::debug::Breakpoint;
use crate::env::BlockEnv;
use crate::evm::Evm as Core;
use crate::primitives::{Address, U256};
use crate::state::{DbAccount, InMemoryDb};
use crate::transaction::Transaction;
use js_sys::Array;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// An EVM instance (Cancun) with an in-memory world state.
#[wasm_bindgen(js_name = Evm)]
pub struct JsEvm {
    core: Core,
    breakpoints: Vec<Breakpoint>,
    /// What the paused session records (trace, call tree), as `begin` was asked.
    session: Recording,
    /// What `begin` created before the session (put back by `abort`).
    session_staged: Option<Staged>,
    /// Milliseconds the session spent paused between commands (left out of wall times), and
    /// when the current pause began.
    paused_ms: Rc<Cell<f64>>,
    paused_since: Option<f64>,
}

impl JsEvm {
    fn nonce_of(&self, a: &Address) -> u64 {
        self.core
            .backend()
            .accounts
            .get(a)
            .map_or(0, |x| x.info.nonce)
    }

    /// The transaction described by `tx`, sent to `to` (None: a creation) with `data`, and
    /// whether it comes from the default sender (`tx.from` absent). Changes nothing.
    fn prepare(
        &self,
        tx: &JsValue,
        to: Option<Address>,
        data: Vec<u8>,
    ) -> JsResult<(Transaction, bool)> {
        let t = transaction(tx, to, data, |a| self.nonce_of(a))?;
        Ok((t, absent(&field(tx, "from")?)))
    }

    fn idle(&self) -> JsResult<()> {
        if self.core.is_running() {
            Err(JsError::new(
                "a debugging session is in progress: finish it (continue) or abort() it first",
            ))
        } else {
            Ok(())
        }
    }

    /// Creates what a run needs before it is validated: the funded default sender (if the
    /// transaction uses it and it does not exist) and `runCode`'s scratch account. Returns
    /// what those accounts held, for [`JsEvm::unstage`].
    fn stage(&mut self, default_sender: bool, scratch: Option<&[u8]>) -> Staged {
        let mut saved = Vec::new();
        let db = self.core.backend_mut();
        if default_sender && !db.accounts().contains_key(&DEFAULT_SENDER) {
            saved.push((DEFAULT_SENDER, None));
            let funds = U256::from(10u128.pow(24));
            db.insert_account(DEFAULT_SENDER, funds, 0, &[], HashMap::new());
        }
        if let Some(code) = scratch {
            saved.push((SCRATCH, db.accounts().get(&SCRATCH).cloned()));
            db.insert_account(SCRATCH, U256::ZERO, 1, code, HashMap::new());
        }
        Staged(saved)
    }

    /// Puts back what [`JsEvm::stage`] changed: a run that failed leaves the world as it was.
    fn unstage(&mut self, staged: Staged) {
        let db = self.core.backend_mut();
        for (a, old) in staged.0.into_iter().rev() {
            match old {
                Some(acc) => db.accounts().insert(a, acc),
                None => db.accounts().remove(&a),
            };
        }
    }

    /// Runs a prepared transaction to the end (refused while a debugging session is open); on
    /// any failure nothing has changed.
    fn execute(
        &mut self,
        (tx, default_sender): (Transaction, bool),
        scratch: Option<&[u8]>,
        opts: &JsValue,
    ) -> JsResult<JsValue> {
        self.idle()?;
        let mut rec = Recording::from_options(opts, &Rc::default())?;
        let limit = max_steps(opts)?;
        let staged = self.stage(default_sender, scratch);
        let r = match limit {
            None if rec.is_empty() => self.core.transact(&tx).map_err(|e| bad("transaction", e)),
            None => self
                .core
                .transact_with(&tx, &mut rec)
                .map_err(|e| bad("transaction", e)),
            Some(n) => self.transact_bounded(&tx, &mut rec, n),
        };
        match r {
            Ok(r) => result_js(&r, rec, self.core.backend()),
            Err(e) => {
                self.unstage(staged);
                Err(e)
            }
        }
    }
}

impl JsEvm {
    /// The JS state of a debugger command's pause; once the transaction has ended, what
    /// `begin` staged is part of its committed result.
    fn paused(&mut self, p: crate::debug::Pause) -> JsResult<JsValue> {
        let r = pause_js(p, &mut self.session, &self.core);
        if self.core.is_running() {
            self.paused_since = Some(now());
        } else {
            self.session_staged = None;
            self.paused_since = None;
        }
        r
    }

    /// Runs a debugger command that honours breakpoints and `{ maxSteps }`.
    fn command(
        &mut self,
        opts: Option<StepOptionsArg>,
        run: fn(&mut Core, &mut Recording, &[Breakpoint], Option<u64>) -> crate::debug::Pause,
    ) -> JsResult<JsValue> {
        let max = max_steps(&opt(opts))?;
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

impl JsEvm {
    /// Runs a transaction for at most `n` opcodes; one that does not finish is abandoned.
    fn transact_bounded(
        &mut self,
        tx: &Transaction,
        rec: &mut Recording,
        n: u64,
    ) -> JsResult<crate::transaction::ExecutionResult> {
        self.core
            .begin_with(tx, rec)
            .map_err(|e| bad("transaction", e))?;
        match self.core.run_steps_with(rec, n) {
            crate::evm::StepOutcome::Done(r) => Ok(r),
            _ => {
                self.core.abandon();
                Err(bad(
                    "options.maxSteps",
                    format!("the run did not end within {n} steps; nothing was committed"),
                ))
            }
        }
    }
}

/// Accounts created before a run, with what they held before (`None`: nothing).
struct Staged(Vec<(Address, Option<DbAccount>)>);

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// `new Evm({ fork?, block? })`: an empty world at the given block (defaults: Cancun,
    /// number 1, timestamp 1, gas limit 30M, base fee 0, chain id 1).
    #[wasm_bindgen(constructor)]
    pub fn new(opts: Option<EvmOptionsArg>) -> JsResult<JsEvm> {
        let opts = opt(opts);
        options(&opts, "options")?;
        let fork = field(&opts, "fork")?;
        if !absent(&fork)
            && fork.as_string().map(|f| f.to_ascii_lowercase()).as_deref() != Some("cancun")
        {
            return Err(bad("options.fork", "only 'cancun' is implemented"));
        }
        let block = block_env(&field(&opts, "block")?, BlockEnv::default())?;
        Ok(JsEvm {
            core: Core::new(InMemoryDb::new(), block),
            breakpoints: Vec::new(),
            session: Recording::default(),
            session_staged: None,
            paused_ms: Rc::default(),
            paused_since: None,
        })
    }

    /// Changes block fields (number, timestamp, coinbase, gasLimit, baseFee, prevrandao,
    /// chainId, excessBlobGas).
    #[wasm_bindgen(js_name = setBlock)]
    pub fn set_block(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BlockOptions")] block: JsValue,
    ) -> JsResult<()> {
        self.idle()?;
        self.core.env.block = block_env(&block, self.core.env.block.clone())?;
        Ok(())
    }

    /// Creates or replaces an account: `{ balance?, nonce?, code?, storage? }`.
    #[wasm_bindgen(js_name = setAccount)]
    pub fn set_account(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AccountInput")] account: JsValue,
    ) -> JsResult<()> {
        self.idle()?;
        let a = address(&address_, "address")?;
        options(&account, "account")?;
        let f = |k: &str| field(&account, k);
        let balance = quantity_or(&f("balance")?, "account.balance", U256::ZERO)?;
        let nonce = u64_or(&f("nonce")?, "account.nonce", 0)?;
        let code = bytes(&f("code")?, "account.code")?;
        let mut storage = HashMap::new();
        let s = f("storage")?;
        if !absent(&s) {
            options(&s, "account.storage")?;
            for (key, value) in entries(&s, "account.storage")? {
                let k = word(&key, "account.storage key")?;
                let v = word(
                    &value,
                    &format!("account.storage[{}]", key.as_string().unwrap_or_default()),
                )?;
                storage.insert(k, v);
            }
        }
        self.core
            .backend_mut()
            .insert_account(a, balance, nonce, &code, storage);
        Ok(())
    }

    /// `{ exists, balance, nonce, code, codeHash }` of an account.
    #[wasm_bindgen(js_name = getAccount, unchecked_return_type = "Account")]
    pub fn get_account(
        &self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
    ) -> JsResult<JsValue> {
        let a = address(&address_, "address")?;
        let o = obj();
        let acc = self.core.backend().accounts().get(&a);
        set(&o, "exists", acc.is_some());
        set(
            &o,
            "balance",
            big(acc.map_or(U256::ZERO, |x| x.info.balance)),
        );
        set(&o, "nonce", big64(acc.map_or(0, |x| x.info.nonce)));
        set(
            &o,
            "code",
            hex(acc.map_or(&[][..], |x| x.info.code.bytes())),
        );
        set(
            &o,
            "codeHash",
            hash(&acc.map_or(crate::primitives::KECCAK_EMPTY, |x| x.info.code.hash())),
        );
        Ok(o.into())
    }

    /// A storage slot as 32-byte hex.
    #[wasm_bindgen(js_name = getStorage, unchecked_return_type = "Hex")]
    pub fn get_storage(
        &self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] slot: JsValue,
    ) -> JsResult<JsValue> {
        let a = address(&address_, "address")?;
        let k = word(&slot, "slot")?;
        let v = self
            .core
            .backend()
            .accounts
            .get(&a)
            .and_then(|x| x.storage.get(&k).copied())
            .unwrap_or(U256::ZERO);
        Ok(word_hex(&v))
    }

    /// Sends a call transaction `{ from?, to, data?, value?, gas?, gasPrice?, nonce? }` and
    /// commits it. Options: `{ trace?: boolean | { stack?, memory?, returnData?, limit? },
    /// callTree?: boolean }`.
    #[wasm_bindgen(unchecked_return_type = "CallResult")]
    pub fn call(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CallRequest")] tx: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        options(&tx, "tx")?;
        let to = address(&field(&tx, "to")?, "tx.to")?;
        let data = bytes(&field(&tx, "data")?, "tx.data")?;
        let t = self.prepare(&tx, Some(to), data)?;
        self.execute(t, None, &opt(opts))
    }

    /// Deploys `{ from?, code (initcode), value?, gas? }`; the result has `createdAddress`.
    #[wasm_bindgen(unchecked_return_type = "CallResult")]
    pub fn deploy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DeployRequest")] tx: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        options(&tx, "tx")?;
        let code = bytes(&field(&tx, "code")?, "tx.code")?;
        let t = self.prepare(&tx, None, code)?;
        self.execute(t, None, &opt(opts))
    }

    /// Runs raw runtime bytecode (hex or Uint8Array) with `{ data?, value?, gas?, from? }`:
    /// the code is placed at a scratch address and called.
    #[wasm_bindgen(js_name = runCode, unchecked_return_type = "CallResult")]
    pub fn run_code(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] code: JsValue,
        tx: Option<RunCodeRequestArg>,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        let tx = opt(tx);
        options(&tx, "tx")?;
        let code = bytes(&code, "code")?;
        let data = bytes(&field(&tx, "data")?, "tx.data")?;
        let t = self.prepare(&tx, Some(SCRATCH), data)?;
        self.execute(t, Some(&code), &opt(opts))
    }

    /// Starts a paused call transaction (same fields as `call`, or `code` instead of `to` to
    /// debug a deployment). Step it with `stepInto`, `stepOver`, `stepOut`, `continue`; with
    /// `opts`, the final result carries the trace and call tree of the whole session.
    pub fn begin(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BeginRequest")] tx: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<()> {
        self.idle()?;
        options(&tx, "tx")?;
        let (to, data) = if absent(&field(&tx, "to")?) {
            (None, bytes(&field(&tx, "code")?, "tx.code")?)
        } else {
            (
                Some(address(&field(&tx, "to")?, "tx.to")?),
                bytes(&field(&tx, "data")?, "tx.data")?,
            )
        };
        self.paused_ms.set(0.0);
        let mut rec = Recording::from_options(&opt(opts), &self.paused_ms)?;
        let (t, default_sender) = self.prepare(&tx, to, data)?;
        let staged = self.stage(default_sender, None);
        if let Err(e) = self.core.begin_with(&t, &mut rec) {
            self.unstage(staged);
            return Err(bad("transaction", e));
        }
        self.session = rec;
        self.session_staged = Some(staged);
        self.paused_since = Some(now());
        Ok(())
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
        self.session = Recording::default();
        if let Some(staged) = self.session_staged.take() {
            self.unstage(staged);
        }
    }

    /// Whether a debugging session is paused.
    #[wasm_bindgen(getter, js_name = isPaused)]
    pub fn is_paused(&self) -> bool {
        self.core.is_running()
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
