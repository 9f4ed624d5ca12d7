//! The `Evm` class of the JS API: an in-memory world and its block. Its runs (`call`,
//! `sendTransaction`, `estimateGas`, `runCode`) are in `run`, its debugging session in
//! `session`.

use super::args::*;
use super::options::{default_balance, DEFAULT_SENDER, EVM_FIELDS};
use super::recording::Recording;
use super::requests::{block_overrides, slots_opt, ACCOUNT_FIELDS};
use super::results::{big, big64, hash, hex, obj, set, with_to_json, word_hex};
use super::types::{opt, EvmOptionsArg, GetAccountOptionsArg};
use crate::debug::Breakpoint;
use crate::env::BlockEnv;
use crate::evm::Evm as Core;
use crate::fields::Fields;
use crate::fork::Fork;
use crate::primitives::{B256, KECCAK_EMPTY, U256};
use crate::state::InMemoryDb;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// An EVM instance (one fork's rules: Osaka unless chosen) with an in-memory world state.
#[wasm_bindgen(js_name = Evm)]
pub struct JsEvm {
    pub(super) core: Core,
    pub(super) breakpoints: Vec<Breakpoint>,
    /// What the paused session records (trace, call tree), as `begin` was asked.
    pub(super) session: Recording,
    /// The paused transaction's gas limit (the `callTracer` root shows it).
    pub(super) session_gas: u64,
    /// The session's transaction, what it records, and a snapshot of the world before it:
    /// what stepping back replays from. Kept after the transaction ends (so that one can step
    /// back from its end) until the world is next changed.
    pub(super) session_replay: Option<Replay>,
    /// Milliseconds the session spent paused between commands (left out of wall times), and
    /// when the current pause began.
    pub(super) paused_ms: Rc<Cell<f64>>,
    pub(super) paused_since: Option<f64>,
    /// A forked instance's fetching state (`None`: a local world).
    pub(super) forked: Option<std::cell::RefCell<super::fork::Forked>>,
}

impl JsEvm {
    /// An instance over `db` at `block`, running `fork`.
    pub(super) fn over(db: InMemoryDb, block: BlockEnv, fork: Fork) -> JsEvm {
        JsEvm {
            core: Core::new(db, block).with_rules(fork.rules()),
            breakpoints: Vec::new(),
            session: Recording::default(),
            session_gas: 0,
            session_replay: None,
            paused_ms: Rc::default(),
            paused_since: None,
            forked: None,
        }
    }

    /// Refuses a change while a debugging session is paused.
    pub(super) fn idle(&self) -> JsResult<()> {
        if self.core.is_running() {
            Err(JsError::new(
                "a debugging session is in progress: finish it (continue) or abort() it first",
            ))
        } else {
            Ok(())
        }
    }

    pub(super) fn db(&mut self) -> &mut InMemoryDb {
        self.core.backend_mut()
    }

    /// Refuses a change while a debugging session is paused; otherwise ends the replay
    /// record of a finished session (its snapshot would undo this change too).
    pub(super) fn change(&mut self) -> JsResult<()> {
        self.idle()?;
        self.forget_session();
        Ok(())
    }

    /// Drops the replay record of the last session, and its snapshot.
    pub(super) fn forget_session(&mut self) {
        if let Some(r) = self.session_replay.take() {
            let _ = self.core.release(r.snapshot);
        }
    }
}

/// What stepping back in a session needs.
pub struct Replay {
    /// The transaction.
    pub tx: crate::transaction::Transaction,
    /// What the session records.
    pub opts: super::options::RunOptions,
    /// The world before it.
    pub snapshot: crate::state::SnapshotId,
}

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// `new Evm({ fork?, chainId?, block? })`: a world holding one account, the default
    /// sender `DEFAULT_SENDER` with `DEFAULT_BALANCE` wei, at the given block (defaults:
    /// Osaka, chain id 1, number 1, time 1, gas limit 30M, base fee 0).
    #[wasm_bindgen(constructor)]
    pub fn new(opts: Option<EvmOptionsArg>) -> JsResult<JsEvm> {
        let opts = opt(opts);
        let o = object(&opts, "options", &EVM_FIELDS)?;
        let fork = o.get("fork");
        let fork = if absent(&fork) {
            Fork::default()
        } else {
            let name = fork.as_string().ok_or_else(|| {
                bad(
                    "options.fork",
                    "expected a string ('cancun', 'prague' or 'osaka')",
                )
            })?;
            Fork::from_name(&name).map_err(|e| bad("options.fork", e))?
        };
        let mut block = block_overrides(&o.get("block"), "options.block")?
            .apply(&BlockEnv::default())
            .map_err(|e| bad("options.block", e))?;
        block.chain_id = u64_or(&o.get("chainId"), "options.chainId", 1)?;
        let mut db = InMemoryDb::new();
        db.set_balance(DEFAULT_SENDER, default_balance());
        Ok(JsEvm::over(db, block, fork))
    }

    /// The fork this instance runs: `'cancun'`, `'prague'` or `'osaka'`.
    #[wasm_bindgen(getter, unchecked_return_type = "Fork")]
    pub fn fork(&self) -> String {
        self.core.rules().fork.name().to_ascii_lowercase()
    }

    /// Changes the block fields given (viem's `BlockOverrides` names); the others stay.
    #[wasm_bindgen(js_name = setBlock)]
    pub fn set_block(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BlockOverrides")] block: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        if absent(&block) {
            return Err(bad("block", "expected an object"));
        }
        let o = block_overrides(&block, "block")?;
        self.core.env.block = o.apply(&self.core.env.block).map_err(|e| bad("block", e))?;
        Ok(())
    }

    /// The block: `{ number, time, feeRecipient, gasLimit, baseFeePerGas, prevRandao,
    /// blobBaseFee, excessBlobGas, chainId }`.
    #[wasm_bindgen(js_name = getBlock, unchecked_return_type = "Block")]
    pub fn get_block(&self) -> JsValue {
        let b = &self.core.env.block;
        let o = obj();
        set(&o, "number", big64(b.number));
        set(&o, "time", big64(b.timestamp));
        set(&o, "feeRecipient", super::results::addr(&b.coinbase));
        set(&o, "gasLimit", big64(b.gas_limit));
        set(&o, "baseFeePerGas", big(b.base_fee));
        set(&o, "prevRandao", hash(&b.prevrandao));
        set(&o, "blobBaseFee", big(self.core.env.blob_base_fee()));
        set(&o, "excessBlobGas", big64(b.excess_blob_gas));
        set(&o, "chainId", big64(b.chain_id));
        with_to_json(&o).into()
    }

    /// Changes the fields given of an account, creating it if needed: `balance`, `nonce`,
    /// `code` replace theirs; `storage` sets the slots it names (zero clears one) and keeps
    /// the others.
    #[wasm_bindgen(js_name = setAccount)]
    pub fn set_account(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AccountInput")] account: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        let a = address(&address_, "address")?;
        self.fetched(&a)?;
        if absent(&account) {
            return Err(bad("account", "expected an object"));
        }
        let o = object(&account, "account", &ACCOUNT_FIELDS)?;
        let f = |k: &str| o.get(k);
        let balance = quantity_opt(&f("balance"), "account.balance")?;
        let nonce = u64_opt(&f("nonce"), "account.nonce")?;
        let code = bytes_opt(&f("code"), "account.code")?;
        let storage = slots_opt(&f("storage"), "account.storage")?;
        for k in storage.iter().flat_map(|s| s.keys()) {
            self.fetched_slot(&a, k)?;
        }
        let db = self.db();
        if let Some(b) = balance {
            db.set_balance(a, b);
        }
        if let Some(n) = nonce {
            db.set_nonce(a, n);
        }
        if let Some(c) = code {
            db.set_code(a, &c);
        }
        for (k, v) in storage.unwrap_or_default() {
            db.set_storage(a, k, v);
        }
        if db.get(&a).is_none() {
            db.set_balance(a, U256::ZERO);
        }
        Ok(())
    }

    /// Sets an account's balance (viem's `setBalance`).
    #[wasm_bindgen(js_name = setBalance)]
    pub fn set_balance(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] value: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        let a = address(&address_, "address")?;
        self.fetched(&a)?;
        let v = quantity(&value, "value")?;
        self.db().set_balance(a, v);
        Ok(())
    }

    /// Sets an account's nonce (viem's `setNonce`).
    #[wasm_bindgen(js_name = setNonce)]
    pub fn set_nonce(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] nonce: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        let a = address(&address_, "address")?;
        self.fetched(&a)?;
        if absent(&nonce) {
            return Err(bad("nonce", "expected a bigint"));
        }
        let n = u64_or(&nonce, "nonce", 0)?;
        self.db().set_nonce(a, n);
        Ok(())
    }

    /// Sets an account's code (viem's `setCode`).
    #[wasm_bindgen(js_name = setCode)]
    pub fn set_code(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] code: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        let a = address(&address_, "address")?;
        self.fetched(&a)?;
        if absent(&code) {
            return Err(bad("code", "expected 0x-prefixed hex or a Uint8Array"));
        }
        let c = bytes(&code, "code")?;
        self.db().set_code(a, &c);
        Ok(())
    }

    /// Sets one storage slot (viem's `setStorageAt`); zero clears it.
    #[wasm_bindgen(js_name = setStorageAt)]
    pub fn set_storage_at(
        &mut self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] slot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] value: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        let a = address(&address_, "address")?;
        let k = word(&slot, "slot")?;
        self.fetched_slot(&a, &k)?;
        let v = word(&value, "value")?;
        self.db().set_storage(a, k, v);
        Ok(())
    }

    /// `{ exists, balance, nonce, code, codeHash }` of an account, and with
    /// `{ storage: true }` every non-zero slot (`storage`: 32-byte hex slot to value).
    #[wasm_bindgen(js_name = getAccount, unchecked_return_type = "Account")]
    pub fn get_account(
        &self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        opts: Option<GetAccountOptionsArg>,
    ) -> JsResult<JsValue> {
        let a = address(&address_, "address")?;
        self.fetched(&a)?;
        let opts = opt(opts);
        const GET: Fields = Fields {
            known: &["storage"],
            hints: &[("state", "storage")],
        };
        let o = object(&opts, "options", &GET)?;
        let with_storage = flag(&o.get("storage"), "options.storage", false)?;
        if with_storage && self.is_forked() {
            let why = "a forked world cannot list an account's storage (it holds what it fetched)";
            return Err(bad("options.storage", why));
        }
        let o = obj();
        let acc = self.core.backend().get(&a);
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
            hash(&acc.map_or(KECCAK_EMPTY, |x| x.info.code.hash())),
        );
        if with_storage {
            let s = obj();
            if let Some(acc) = acc {
                let mut slots: Vec<_> = acc.storage.iter().collect();
                slots.sort_unstable();
                for (k, v) in slots {
                    set(&s, &format!("{:?}", B256::from_word(*k)), word_hex(v));
                }
            }
            set(&o, "storage", s);
        }
        Ok(with_to_json(&o).into())
    }

    /// A storage slot as 32-byte hex (viem's `getStorageAt`).
    #[wasm_bindgen(js_name = getStorageAt, unchecked_return_type = "Hex")]
    pub fn get_storage_at(
        &self,
        #[wasm_bindgen(js_name = address, unchecked_param_type = "Address")] address_: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] slot: JsValue,
    ) -> JsResult<JsValue> {
        let a = address(&address_, "address")?;
        let k = word(&slot, "slot")?;
        self.fetched_slot(&a, &k)?;
        let v = self
            .core
            .backend()
            .get(&a)
            .and_then(|x| x.storage.get(&k).copied())
            .unwrap_or(U256::ZERO);
        Ok(word_hex(&v))
    }

    /// The whole world in geth's `alloc` format (EIP-55 addresses, hex quantities, 32-byte
    /// storage keys and values): `JSON.stringify` it to save a session or a fixture.
    #[wasm_bindgen(js_name = dumpState, unchecked_return_type = "StateDump")]
    pub fn dump_state(&self) -> JsResult<JsValue> {
        if self.is_forked() {
            let why = "a forked world holds only what it fetched; it cannot be dumped whole";
            return Err(bad("dumpState", why));
        }
        let text = self.core.backend().to_alloc().to_string();
        js_sys::JSON::parse(&text).map_err(|_| bad("dumpState", "internal: bad JSON"))
    }

    /// Loads accounts in geth's `alloc` format (as `dumpState` returns, or a genesis file's
    /// `alloc`): each replaces the account at its address, the others stay. The whole dump
    /// is checked first: on an error nothing changes. Returns how many accounts it held.
    #[wasm_bindgen(js_name = loadState)]
    pub fn load_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "StateDump | string")] state: JsValue,
    ) -> JsResult<u32> {
        self.change()?;
        let text = match state.as_string() {
            Some(s) => s,
            None if state.is_object() => json_text(&state, "state")?,
            None => {
                return Err(bad(
                    "state",
                    format!("expected an object, got {}", type_name(&state)),
                ))
            }
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| bad("state", format!("not JSON ({e})")))?;
        let n = self.db().load_alloc(&value).map_err(|e| bad("state", e))?;
        Ok(n as u32)
    }

    /// Marks the world and block: `revert(id)` brings them back (Hardhat's `evm_snapshot`).
    /// Returns the id as a hex quantity.
    pub fn snapshot(&mut self) -> JsResult<String> {
        self.change()?;
        let id = self.core.snapshot().map_err(|e| bad("snapshot", e))?;
        Ok(format!("{id:#x}"))
    }

    /// Restores the world and block of snapshot `id` (Hardhat's `evm_revert`); that snapshot
    /// and every later one are used up. An unknown or used-up id throws.
    pub fn revert(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Quantity")] id: JsValue,
    ) -> JsResult<()> {
        self.change()?;
        if absent(&id) {
            return Err(bad("id", "expected the id snapshot() returned"));
        }
        let id = u64_or(&id, "id", 0)?;
        self.core.revert(id).map_err(|e| bad("id", e))
    }
}
