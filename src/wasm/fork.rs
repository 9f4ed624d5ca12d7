//! A forked `Evm`: a world that is the lazy copy of a chain at a block. Whatever reads state
//! the world has not fetched yet stops: a run or a getter throws with `needsState` true, a
//! debugger command pauses with reason `'state'`; `stateRequest()` then gives the one
//! JSON-RPC batch that fetches it, `supplyState(answer)` reads the node's answer in, and the
//! same call again goes on (a paused session resumes where it stopped). The package's
//! `fork()` (js/fork.mjs) drives this over HTTP.

use super::args::*;
use super::evm::JsEvm;
use super::types::{opt, ForkedOptionsArg};
use crate::fields::Fields;
use crate::fork::Fork;
use crate::primitives::{Address, U256};
use crate::rpc::{block_env, fork_of, supply_prestate, StateRequest};
use crate::state::{InMemoryDb, Need};
use wasm_bindgen::prelude::*;

/// The fields of `Evm.forked(options)`.
const FORKED_FIELDS: Fields = Fields {
    known: &["header", "chainId", "stateBlock", "fork"],
    hints: &[
        ("block", "header"),
        ("blockNumber", "stateBlock"),
        ("hardfork", "fork"),
    ],
};

/// What a forked instance fetches from, and what it still needs.
#[derive(Debug, Default)]
pub struct Forked {
    /// The block whose state is fetched.
    pub state_block: u64,
    /// What the last stop needs.
    pub need: Option<Need>,
    /// The batch handed out by `stateRequest`, until its answer is supplied.
    pub request: Option<StateRequest>,
}

impl JsEvm {
    /// The error for state a forked world has not fetched: notes `need` for `stateRequest`.
    pub(super) fn need(&self, need: Need) -> JsError {
        if let Some(f) = &self.forked {
            f.borrow_mut().need = Some(need);
        }
        bad(
            "state",
            format!(
                "{need} is not fetched from the forked chain yet \
                 (stateRequest and supplyState fetch it; the async fork API does it for you)"
            ),
        )
    }

    /// `Err` (noting the need) unless the world knows the account.
    pub(super) fn fetched(&self, a: &Address) -> JsResult<()> {
        match self.core.backend().lacks_account(a) {
            true => Err(self.need(Need::Account(*a))),
            false => Ok(()),
        }
    }

    /// `Err` (noting the need) unless the world knows the account and the slot.
    pub(super) fn fetched_slot(&self, a: &Address, k: &U256) -> JsResult<()> {
        self.fetched(a)?;
        match self.core.backend().lacks_slot(a, k) {
            true => Err(self.need(Need::Storage(*a, *k))),
            false => Ok(()),
        }
    }
}

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// `Evm.forked({ header, chainId, stateBlock?, fork? })`: a world that is the lazy copy
    /// of a chain, fetched at block `stateBlock` (default: the header's number), running in
    /// the environment of block `header` (an `eth_getBlockByNumber` result) under `fork`
    /// (default: the fork that block ran under, see the README).
    pub fn forked(opts: ForkedOptionsArg) -> JsResult<JsEvm> {
        let opts: JsValue = opt(Some(opts));
        if absent(&opts) {
            return Err(bad("options", "expected { header, chainId }"));
        }
        let o = object(&opts, "options", &FORKED_FIELDS)?;
        if absent(&o.get("chainId")) {
            return Err(bad("options.chainId", "required (eth_chainId's answer)"));
        }
        let chain_id = u64_or(&o.get("chainId"), "options.chainId", 0)?;
        let header = json_of(&o.get("header"), "options.header")?;
        let block = block_env(&header, chain_id).map_err(|e| bad("options.header", e))?;
        let fork = match o.get("fork").as_string() {
            Some(name) => Fork::from_name(&name).map_err(|e| bad("options.fork", e))?,
            None if absent(&o.get("fork")) => {
                fork_of(&header, chain_id).map_err(|e| bad("options.header", e))?
            }
            None => return Err(bad("options.fork", "expected a string")),
        };
        let state_block = u64_or(&o.get("stateBlock"), "options.stateBlock", block.number)?;
        let mut evm = JsEvm::over(InMemoryDb::forked(), block, fork);
        evm.forked = Some(std::cell::RefCell::new(Forked {
            state_block,
            ..Forked::default()
        }));
        Ok(evm)
    }

    /// Whether this instance is the lazy copy of a chain (`Evm.forked`).
    #[wasm_bindgen(getter, js_name = isForked)]
    pub fn is_forked(&self) -> bool {
        self.forked.is_some()
    }

    /// Whether the last call stopped for state the forked world has not fetched yet.
    #[wasm_bindgen(getter, js_name = needsState)]
    pub fn needs_state(&self) -> bool {
        self.forked
            .as_ref()
            .is_some_and(|f| f.borrow().need.is_some())
    }

    /// The JSON-RPC batch (JSON text, to POST as it is) that fetches what the last stop
    /// needs, pinned to the fork's block.
    #[wasm_bindgen(js_name = stateRequest)]
    pub fn state_request(&self) -> JsResult<String> {
        let f = self.forked.as_ref().ok_or_else(not_forked)?;
        let mut f = f.borrow_mut();
        let Some(need) = f.need else {
            return Err(JsError::new("stateRequest: nothing is needed"));
        };
        let req = StateRequest::new(&[need], f.state_block);
        let body = req.body.clone();
        f.request = Some(req);
        Ok(body)
    }

    /// Hands over the state a transaction starts from, as the node's `prestateTracer` gives
    /// it (an object of address to `{ balance, nonce, code, storage }`): those accounts and
    /// slots are not fetched. Returns how many accounts it held.
    #[wasm_bindgen(js_name = supplyPrestate)]
    pub fn supply_prestate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] prestate: JsValue,
    ) -> JsResult<u32> {
        self.forked.as_ref().ok_or_else(not_forked)?;
        self.change()?;
        let v = json_of(&prestate, "prestate")?;
        let n = supply_prestate(self.core.backend_mut(), &v).map_err(|e| bad("prestate", e))?;
        Ok(n as u32)
    }

    /// Reads the node's answer (JSON text) to the last `stateRequest` into the world; then
    /// the call that stopped can be made again. A bad answer throws and supplies nothing.
    #[wasm_bindgen(js_name = supplyState)]
    pub fn supply_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] answer: JsValue,
    ) -> JsResult<()> {
        let text = string(&answer, "answer")?;
        let f = self.forked.as_ref().ok_or_else(not_forked)?;
        let req = f.borrow_mut().request.take();
        let req = req.ok_or_else(|| JsError::new("supplyState: no stateRequest to answer"))?;
        let r = req.apply(self.core.backend_mut(), &text);
        let mut f = f.borrow_mut();
        match r {
            Ok(()) => {
                f.need = None;
                Ok(())
            }
            Err(e) => {
                f.request = Some(req);
                Err(bad("answer", e))
            }
        }
    }
}

/// A JS value as JSON (an object the node answered with).
fn json_of(v: &JsValue, what: &str) -> JsResult<serde_json::Value> {
    serde_json::from_str(&json_text(v, what)?).map_err(|_| bad(what, "expected an object"))
}

fn not_forked() -> JsError {
    JsError::new("this Evm is not forked (Evm.forked creates one)")
}
