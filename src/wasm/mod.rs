//! The JavaScript API (wasm32 only): a thin layer over the core. Every failure reaches JS as
//! an `Error` naming the argument and the reason; nothing a caller passes can panic.

mod convert;

use crate::asm;
use crate::calltree::CallTree;
use crate::debug::{Breakpoint, Pause};
use crate::env::BlockEnv;
use crate::evm::Evm as Core;
use crate::frame::{Frame, Status};
use crate::opcodes;
use crate::primitives::{Address, B256, U256};
use crate::state::{AccountChange, InMemoryDb};
use crate::statetest::{run_file, Verdict};
use crate::tracer::{summary_line, Eip3155Tracer, TraceOptions};
use crate::transaction::{ExecutionResult, Transaction};
use crate::trie::state_root;
use convert::*;
use js_sys::{Array, Object, JSON};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The sender used when a transaction names none.
const DEFAULT_SENDER: Address = Address([
    0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// Where `runCode` puts the code it runs.
const SCRATCH: Address = Address([
    0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// Default gas limit of a transaction.
const DEFAULT_GAS: u64 = 30_000_000;
/// Default cap on recorded trace steps.
const DEFAULT_TRACE_LIMIT: u64 = 100_000;
/// Default cap on recorded trace text: beyond it a trace is cut (and says so) rather than
/// exhausting the wasm instance's memory.
const DEFAULT_TRACE_BYTES: u64 = 64 << 20;

fn block_env(v: &JsValue, base: BlockEnv) -> JsResult<BlockEnv> {
    options(v, "block")?;
    let f = |k: &str| field(v, k);
    Ok(BlockEnv {
        number: u64_or(&f("number"), "block.number", base.number)?,
        coinbase: if absent(&f("coinbase")) {
            base.coinbase
        } else {
            address(&f("coinbase"), "block.coinbase")?
        },
        timestamp: u64_or(&f("timestamp"), "block.timestamp", base.timestamp)?,
        gas_limit: u64_or(&f("gasLimit"), "block.gasLimit", base.gas_limit)?,
        base_fee: quantity_or(&f("baseFee"), "block.baseFee", base.base_fee)?,
        prevrandao: if absent(&f("prevrandao")) {
            base.prevrandao
        } else {
            B256::from_word(word(&f("prevrandao"), "block.prevrandao")?)
        },
        excess_blob_gas: u64_or(
            &f("excessBlobGas"),
            "block.excessBlobGas",
            base.excess_blob_gas,
        )?,
        chain_id: u64_or(&f("chainId"), "block.chainId", base.chain_id)?,
    })
}

fn transaction(
    tx: &JsValue,
    to: Option<Address>,
    data: Vec<u8>,
    sender_nonce: impl Fn(&Address) -> u64,
) -> JsResult<Transaction> {
    let f = |k: &str| field(tx, k);
    let caller = if absent(&f("from")) {
        DEFAULT_SENDER
    } else {
        address(&f("from"), "tx.from")?
    };
    let nonce = u64_or(&f("nonce"), "tx.nonce", sender_nonce(&caller))?;
    let gas_price = quantity_or(&f("gasPrice"), "tx.gasPrice", U256::ZERO)?;
    let tip = if absent(&f("maxPriorityFeePerGas")) {
        None
    } else {
        Some(quantity(
            &f("maxPriorityFeePerGas"),
            "tx.maxPriorityFeePerGas",
        )?)
    };
    let gas_price = if absent(&f("maxFeePerGas")) {
        gas_price
    } else {
        quantity(&f("maxFeePerGas"), "tx.maxFeePerGas")?
    };
    Ok(Transaction {
        caller,
        to,
        value: quantity_or(&f("value"), "tx.value", U256::ZERO)?,
        data,
        gas_limit: u64_or(&f("gas"), "tx.gas", DEFAULT_GAS)?,
        nonce,
        gas_price,
        max_priority_fee_per_gas: tip,
        access_list: Vec::new(),
        blob_hashes: Vec::new(),
        max_fee_per_blob_gas: None,
    })
}

fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Success => "success",
        Status::Revert => "revert",
        Status::Halt(_) => "halt",
    }
}

fn trace_options(v: &JsValue) -> JsResult<Option<TraceOptions>> {
    if absent(v) || v.as_bool() == Some(false) {
        return Ok(None);
    }
    if v.as_bool() == Some(true) {
        return Ok(Some(TraceOptions {
            limit: Some(DEFAULT_TRACE_LIMIT),
            max_bytes: Some(DEFAULT_TRACE_BYTES as usize),
            ..TraceOptions::default()
        }));
    }
    options(v, "options.trace")?;
    let flag = |k: &str, d: bool| field(v, k).as_bool().unwrap_or(d);
    Ok(Some(TraceOptions {
        stack: flag("stack", true),
        memory: flag("memory", false),
        return_data: flag("returnData", true),
        limit: Some(u64_or(
            &field(v, "limit"),
            "options.trace.limit",
            DEFAULT_TRACE_LIMIT,
        )?),
        max_bytes: Some(
            u64_or(
                &field(v, "maxBytes"),
                "options.trace.maxBytes",
                DEFAULT_TRACE_BYTES,
            )?
            .min(usize::MAX as u64) as usize,
        ),
    }))
}

type Clock = fn() -> f64;
type Observer = (Option<Eip3155Tracer>, Option<CallTree<Clock>>);

fn now() -> f64 {
    performance_now()
}

fn observer(opts: &JsValue) -> JsResult<Observer> {
    options(opts, "options")?;
    let trace = trace_options(&field(opts, "trace"))?.map(Eip3155Tracer::new);
    let tree = field(opts, "callTree")
        .as_bool()
        .unwrap_or(false)
        .then(|| CallTree::new(now as Clock));
    Ok((trace, tree))
}

fn changes_js(changes: &[AccountChange]) -> Array {
    let out = Array::new();
    for c in changes {
        let o = obj();
        match c {
            AccountChange::Deleted(a) => {
                set(&o, "address", addr(a));
                set(&o, "deleted", true);
            }
            AccountChange::Updated {
                address,
                info,
                storage,
                created,
            } => {
                set(&o, "address", addr(address));
                set(&o, "deleted", false);
                set(&o, "created", *created);
                set(&o, "balance", big(info.balance));
                set(&o, "nonce", big64(info.nonce));
                set(&o, "codeHash", hash(&info.code.hash()));
                let s = obj();
                let mut slots = storage.clone();
                slots.sort();
                for (k, v) in slots {
                    let key = word_hex(&k).as_string().unwrap_or_default();
                    set(&s, &key, word_hex(&v));
                }
                set(&o, "storage", s);
            }
        }
        out.push(&o);
    }
    out
}

#[wasm_bindgen(inline_js = "export function parseWithBigints(text, keys) {
  const rows = JSON.parse(text);
  for (const row of rows) for (const k of keys) row[k] = BigInt(row[k]);
  return rows;
}")]
extern "C" {
    /// `JSON.parse` of an array of objects, turning the named fields into bigints: one
    /// crossing of the wasm boundary for a whole tree instead of one per field.
    #[wasm_bindgen(js_name = parseWithBigints)]
    fn parse_with_bigints(text: &str, keys: Array) -> JsValue;
}

fn tree_js(tree: &CallTree<Clock>) -> JsValue {
    let nodes: Vec<serde_json::Value> = tree
        .nodes
        .iter()
        .map(|n| {
            serde_json::json!({
                "kind": n.kind.name(),
                "from": n.from.to_string(),
                "to": n.to.to_string(),
                "codeAddress": n.code_address.to_string(),
                "value": format!("{:#x}", n.value),
                "depth": n.depth,
                "inputSize": n.input_len,
                "outputSize": n.output_len,
                "gas": n.gas.to_string(),
                "gasUsed": n.gas_used.to_string(),
                "status": n.status.as_ref().map_or("running", status_name),
                "precompile": n.precompile,
                "opcodes": n.opcodes,
                "timeTotalMs": n.time_total_ms,
                "timeSelfMs": n.time_self_ms,
                "children": n.children,
            })
        })
        .collect();
    let keys = Array::of3(&"value".into(), &"gas".into(), &"gasUsed".into());
    parse_with_bigints(&serde_json::Value::Array(nodes).to_string(), keys)
}

/// Builds the JS result object of a finished transaction.
fn result_js(r: &ExecutionResult, obs: Observer, root: B256) -> JsResult<JsValue> {
    let o = obj();
    set(&o, "status", status_name(&r.status));
    if let Status::Halt(h) = &r.status {
        set(&o, "haltReason", h.to_string());
    }
    set(&o, "output", hex(&r.output));
    set(&o, "gasUsed", big64(r.gas_used));
    set(&o, "gasRefunded", big64(r.gas_refunded));
    let logs = Array::new();
    for l in &r.logs {
        let lo = obj();
        set(&lo, "address", addr(&l.address));
        let t = Array::new();
        for x in &l.topics {
            t.push(&hash(x));
        }
        set(&lo, "topics", t);
        set(&lo, "data", hex(&l.data));
        logs.push(&lo);
    }
    set(&o, "logs", logs);
    if let Some(a) = &r.created {
        set(&o, "createdAddress", addr(a));
    }
    set(&o, "stateChanges", changes_js(&r.changes));
    let (trace, tree) = obs;
    if let Some(t) = trace {
        let truncated = t.truncated;
        let mut lines = t.into_lines();
        let steps = Array::new();
        for l in &lines {
            steps.push(&JSON::parse(l).map_err(|_| bad("trace", "internal: bad trace line"))?);
        }
        lines.push(summary_line(
            &root,
            &r.output,
            r.gas_used,
            r.status.is_success(),
        ));
        let to = obj();
        set(&to, "steps", steps);
        set(&to, "jsonl", lines.join("\n") + "\n");
        set(&to, "truncated", truncated > 0);
        set(&to, "stepsOmitted", truncated as f64);
        set(&o, "trace", to);
    }
    if let Some(t) = tree {
        set(&o, "callTree", tree_js(&t));
    }
    Ok(o.into())
}

fn frame_js(f: &Frame, depth: usize, core: &Core) -> JsValue {
    let o = obj();
    let op = f.current_opcode();
    set(&o, "depth", depth as u32);
    set(&o, "kind", f.kind.name());
    set(&o, "address", addr(&f.address));
    set(&o, "caller", addr(&f.caller));
    set(&o, "codeAddress", addr(&f.code_address));
    set(&o, "value", big(f.value));
    set(&o, "isStatic", f.is_static);
    set(&o, "pc", f.pc as u32);
    set(&o, "opcode", op as u32);
    set(&o, "opName", opcodes::name(op).into_owned());
    set(&o, "gasLeft", big64(f.gas));
    set(&o, "gasLimit", big64(f.gas_limit));
    let st = Array::new();
    for w in f.stack.as_slice() {
        st.push(&word_hex(w));
    }
    set(&o, "stack", st);
    set(&o, "memory", hex(f.memory.as_slice()));
    set(&o, "returnData", hex(&f.return_data));
    set(&o, "input", hex(&f.input));
    let storage = obj();
    if let Some(acc) = core.journal.cached(&f.address) {
        let mut slots: Vec<_> = acc.storage.iter().collect();
        slots.sort_by_key(|(k, _)| **k);
        for (k, s) in slots {
            let e = obj();
            set(&e, "original", word_hex(&s.original));
            set(&e, "current", word_hex(&s.present));
            set(&storage, &word_hex(k).as_string().unwrap_or_default(), e);
        }
    }
    set(&o, "storage", storage);
    let transient = obj();
    for (k, v) in core.journal.transient_of(&f.address) {
        set(
            &transient,
            &word_hex(&k).as_string().unwrap_or_default(),
            word_hex(&v),
        );
    }
    set(&o, "transientStorage", transient);
    o.into()
}

fn breakpoint(v: &JsValue, i: usize) -> JsResult<Breakpoint> {
    let what = format!("breakpoints[{i}]");
    options(v, &what)?;
    let f = |k: &str| field(v, k);
    if !absent(&f("pc")) {
        let pc = u64_or(&f("pc"), &what, 0)? as usize;
        let address = if absent(&f("address")) {
            None
        } else {
            Some(address(&f("address"), &format!("{what}.address"))?)
        };
        return Ok(Breakpoint::Pc { pc, address });
    }
    if !absent(&f("opcode")) {
        let o = f("opcode");
        let op = match o.as_string() {
            Some(name) => opcodes::by_name(&name)
                .ok_or_else(|| bad(&format!("{what}.opcode"), format!("unknown opcode {name}")))?,
            None => u8::try_from(u64_or(&o, &format!("{what}.opcode"), 0)?)
                .map_err(|_| bad(&format!("{what}.opcode"), "must be 0..255"))?,
        };
        return Ok(Breakpoint::Opcode(op));
    }
    if !absent(&f("depth")) {
        return Ok(Breakpoint::Depth(
            u64_or(&f("depth"), &format!("{what}.depth"), 1)? as usize,
        ));
    }
    match f("on").as_string().as_deref() {
        Some("enter") => Ok(Breakpoint::FrameEnter),
        Some("exit") => Ok(Breakpoint::FrameExit),
        _ => Err(bad(
            &what,
            "expected {pc}, {opcode}, {depth} or {on: 'enter' | 'exit'}",
        )),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** 0x-prefixed hex. */
export type Hex = `0x${string}`;
/** A 20-byte address as 0x-prefixed hex. */
export type Address = `0x${string}`;
/** An unsigned integer: a bigint, a safe-integer number, or a decimal or 0x string. */
export type Quantity = bigint | number | string;
/** Bytes: 0x-prefixed hex or a Uint8Array. */
export type Bytes = Hex | Uint8Array;
export interface BlockOptions {
  number?: Quantity; timestamp?: Quantity; coinbase?: Address; gasLimit?: Quantity;
  baseFee?: Quantity; prevrandao?: Quantity; chainId?: Quantity; excessBlobGas?: Quantity;
}
export interface EvmOptions {
  /** The only fork implemented so far; anything else is rejected. */
  fork?: 'cancun';
  block?: BlockOptions;
}
export interface AccountInput {
  balance?: Quantity; nonce?: Quantity; code?: Bytes; storage?: Record<string, Quantity>;
}
export interface Account { exists: boolean; balance: bigint; nonce: bigint; code: Hex; codeHash: Hex }
export interface TxFields {
  /** Sender; a funded default sender is used when absent. */
  from?: Address; value?: Quantity; gas?: Quantity; gasPrice?: Quantity;
  maxFeePerGas?: Quantity; maxPriorityFeePerGas?: Quantity;
  /** Defaults to the sender's current nonce. */
  nonce?: Quantity;
}
export interface CallRequest extends TxFields { to: Address; data?: Bytes }
export interface DeployRequest extends TxFields { code: Bytes }
export interface RunCodeRequest extends TxFields { data?: Bytes }
export type BeginRequest = CallRequest | DeployRequest;
export interface TraceOptions {
  stack?: boolean; memory?: boolean; returnData?: boolean;
  /** Most steps recorded (default 100,000). */
  limit?: Quantity;
  /** Most bytes of trace text recorded (default 64 MiB); memory dumps grow fast. */
  maxBytes?: Quantity;
}
export interface RunOptions {
  /** Record EIP-3155 trace lines (default limit: 100,000 steps). */
  trace?: boolean | TraceOptions;
  /** Record the call tree with gas and wall time per frame. */
  callTree?: boolean;
}
export interface TraceStep {
  pc: number; op: number; gas: Hex; gasCost: Hex; memSize: number; stack: Hex[];
  depth: number; returnData: Hex; refund: Hex; opName?: string; error?: string; memory?: Hex;
}
export interface Trace {
  steps: TraceStep[];
  /** The same lines as JSON text, one per line, then the EIP-3155 summary line. */
  jsonl: string;
  /** Whether the step limit cut the trace. */
  truncated: boolean;
  stepsOmitted: number;
}
export type CallKind = 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2';
export type Status = 'success' | 'revert' | 'halt';
export interface CallNode {
  kind: CallKind; from: Address; to: Address; codeAddress: Address; value: bigint; depth: number;
  inputSize: number; outputSize: number; gas: bigint; gasUsed: bigint; status: Status | 'running';
  precompile: boolean; opcodes: number; timeTotalMs: number; timeSelfMs: number;
  /** Indexes of the child frames in the same array. */
  children: number[];
}
export interface Log { address: Address; topics: Hex[]; data: Hex }
export type StateChange =
  | { address: Address; deleted: true }
  | { address: Address; deleted: false; created: boolean; balance: bigint; nonce: bigint;
      codeHash: Hex; storage: Record<Hex, Hex> };
export interface CallResult {
  status: Status; haltReason?: string; output: Hex; gasUsed: bigint; gasRefunded: bigint;
  logs: Log[]; createdAddress?: Address; stateChanges: StateChange[];
  trace?: Trace; callTree?: CallNode[];
}
export type Breakpoint =
  | { pc: number; address?: Address }
  | { opcode: string | number }
  | { depth: number }
  | { on: 'enter' | 'exit' };
export interface PauseState {
  reason: 'step' | 'breakpoint' | 'done';
  /** Index into the breakpoints array, when one matched. */
  breakpoint?: number;
  /** The transaction's result, when it finished. */
  result?: CallResult;
  paused: boolean;
  depth: number;
}
export interface FrameState {
  depth: number; kind: CallKind; address: Address; caller: Address; codeAddress: Address;
  value: bigint; isStatic: boolean; pc: number; opcode: number; opName: string;
  gasLeft: bigint; gasLimit: bigint; stack: Hex[]; memory: Hex; returnData: Hex; input: Hex;
  storage: Record<Hex, { original: Hex; current: Hex }>; transientStorage: Record<Hex, Hex>;
}
export interface Instruction { pc: number; opcode: number; name: string; immediate?: Hex; truncated?: true }
export interface StateTestSummary {
  passed: number; failed: number; skipped: number;
  failures: { test: string; index: number; reason: string }[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `EvmOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "EvmOptions")]
    pub type EvmOptionsArg;
    /// `RunOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptionsArg;
    /// `RunCodeRequest` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "RunCodeRequest")]
    pub type RunCodeRequestArg;
}

/// An optional argument as a plain value (`undefined` when absent).
fn opt<T: Into<JsValue>>(v: Option<T>) -> JsValue {
    v.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}

/// An EVM instance (Cancun) with an in-memory world state.
#[wasm_bindgen(js_name = Evm)]
pub struct JsEvm {
    core: Core,
    breakpoints: Vec<Breakpoint>,
    /// What the paused session records (trace, call tree), as `begin` was asked.
    session: Observer,
}

impl JsEvm {
    fn nonce_of(&self, a: &Address) -> u64 {
        self.core
            .backend()
            .accounts
            .get(a)
            .map_or(0, |x| x.info.nonce)
    }

    fn ensure_funded(&mut self, a: Address) {
        if !self.core.backend().accounts.contains_key(&a) {
            self.core.backend_mut().insert_account(
                a,
                U256::from(10u128.pow(24)),
                0,
                &[],
                HashMap::new(),
            );
        }
    }

    /// The transaction described by `tx`, sent to `to` (None: a creation) with `data`; the
    /// default sender is created, funded, when `tx.from` is absent.
    fn prepare(
        &mut self,
        tx: &JsValue,
        to: Option<Address>,
        data: Vec<u8>,
    ) -> JsResult<Transaction> {
        let t = transaction(tx, to, data, |a| self.nonce_of(a))?;
        if absent(&field(tx, "from")) {
            self.ensure_funded(DEFAULT_SENDER);
        }
        Ok(t)
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

    fn execute(&mut self, tx: Transaction, opts: &JsValue) -> JsResult<JsValue> {
        self.idle()?;
        let mut obs = observer(opts)?;
        let r = if obs.0.is_none() && obs.1.is_none() {
            self.core.transact(&tx)
        } else {
            self.core.transact_with(&tx, &mut obs)
        }
        .map_err(|e| bad("transaction", e))?;
        let root = if obs.0.is_some() {
            state_root(self.core.backend())
        } else {
            B256::ZERO
        };
        result_js(&r, obs, root)
    }

    fn pause_js(&mut self, p: Pause) -> JsResult<JsValue> {
        let o = obj();
        match p {
            Pause::Stepped => set(&o, "reason", "step"),
            Pause::Breakpoint(i) => {
                set(&o, "reason", "breakpoint");
                set(&o, "breakpoint", i as u32);
            }
            Pause::Done(r) => {
                set(&o, "reason", "done");
                let obs = std::mem::take(&mut self.session);
                let root = if obs.0.is_some() {
                    state_root(self.core.backend())
                } else {
                    B256::ZERO
                };
                set(&o, "result", result_js(&r, obs, root)?);
            }
            Pause::NeedState(n) => return Err(bad("state", n)),
            Pause::Idle => return Err(JsError::new("no debugging session: call begin() first")),
        }
        set(&o, "paused", self.core.is_running());
        set(&o, "depth", self.core.depth() as u32);
        Ok(o.into())
    }
}

#[wasm_bindgen(js_class = Evm)]
impl JsEvm {
    /// `new Evm({ fork?, block? })`: an empty world at the given block (defaults: Cancun,
    /// number 1, timestamp 1, gas limit 30M, base fee 0, chain id 1).
    #[wasm_bindgen(constructor)]
    pub fn new(opts: Option<EvmOptionsArg>) -> JsResult<JsEvm> {
        let opts = opt(opts);
        options(&opts, "options")?;
        let fork = field(&opts, "fork");
        if !absent(&fork)
            && fork.as_string().map(|f| f.to_ascii_lowercase()).as_deref() != Some("cancun")
        {
            return Err(bad("options.fork", "only 'cancun' is implemented"));
        }
        let block = block_env(&field(&opts, "block"), BlockEnv::default())?;
        Ok(JsEvm {
            core: Core::new(InMemoryDb::new(), block),
            breakpoints: Vec::new(),
            session: (None, None),
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
        let balance = quantity_or(&f("balance"), "account.balance", U256::ZERO)?;
        let nonce = u64_or(&f("nonce"), "account.nonce", 0)?;
        let code = bytes(&f("code"), "account.code")?;
        let mut storage = HashMap::new();
        let s = f("storage");
        if !absent(&s) {
            options(&s, "account.storage")?;
            let entries = Object::entries(&Object::from(s));
            for e in entries.iter() {
                let e = Array::from(&e);
                let key = e.get(0);
                let k = word(&key, "account.storage key")?;
                let v = word(
                    &e.get(1),
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
        let acc = self.core.backend().accounts.get(&a);
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
        let to = address(&field(&tx, "to"), "tx.to")?;
        let data = bytes(&field(&tx, "data"), "tx.data")?;
        let t = self.prepare(&tx, Some(to), data)?;
        self.execute(t, &opt(opts))
    }

    /// Deploys `{ from?, code (initcode), value?, gas? }`; the result has `createdAddress`.
    #[wasm_bindgen(unchecked_return_type = "CallResult")]
    pub fn deploy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DeployRequest")] tx: JsValue,
        opts: Option<RunOptionsArg>,
    ) -> JsResult<JsValue> {
        options(&tx, "tx")?;
        let code = bytes(&field(&tx, "code"), "tx.code")?;
        let t = self.prepare(&tx, None, code)?;
        self.execute(t, &opt(opts))
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
        self.idle()?;
        let tx = opt(tx);
        options(&tx, "tx")?;
        let code = bytes(&code, "code")?;
        self.core
            .backend_mut()
            .insert_account(SCRATCH, U256::ZERO, 1, &code, HashMap::new());
        let data = bytes(&field(&tx, "data"), "tx.data")?;
        let t = self.prepare(&tx, Some(SCRATCH), data)?;
        self.execute(t, &opt(opts))
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
        let (to, data) = if absent(&field(&tx, "to")) {
            (None, bytes(&field(&tx, "code"), "tx.code")?)
        } else {
            (
                Some(address(&field(&tx, "to"), "tx.to")?),
                bytes(&field(&tx, "data"), "tx.data")?,
            )
        };
        let mut obs = observer(&opt(opts))?;
        let t = self.prepare(&tx, to, data)?;
        self.core
            .begin_with(&t, &mut obs)
            .map_err(|e| bad("transaction", e))?;
        self.session = obs;
        Ok(())
    }

    /// Sets the breakpoints `continue`, `stepOver` and `stepOut` stop at: an array of
    /// `{ pc, address? }`, `{ opcode }` (name or number), `{ depth }`, `{ on: 'enter' | 'exit' }`.
    #[wasm_bindgen(js_name = setBreakpoints)]
    pub fn set_breakpoints(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Breakpoint[]")] list: JsValue,
    ) -> JsResult<()> {
        if !Array::is_array(&list) {
            return Err(bad("breakpoints", "expected an array"));
        }
        let list = Array::from(&list);
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
        let p = self.core.step_into(&mut self.session);
        self.pause_js(p)
    }

    /// Runs one opcode and the whole of any frame it enters.
    #[wasm_bindgen(js_name = stepOver, unchecked_return_type = "PauseState")]
    pub fn step_over(&mut self) -> JsResult<JsValue> {
        let p = self.core.step_over(&mut self.session, &self.breakpoints);
        self.pause_js(p)
    }

    /// Runs until the current frame returns.
    #[wasm_bindgen(js_name = stepOut, unchecked_return_type = "PauseState")]
    pub fn step_out(&mut self) -> JsResult<JsValue> {
        let p = self.core.step_out(&mut self.session, &self.breakpoints);
        self.pause_js(p)
    }

    /// Runs to the next breakpoint or the end.
    #[wasm_bindgen(js_name = continue, unchecked_return_type = "PauseState")]
    pub fn resume(&mut self) -> JsResult<JsValue> {
        let p = self.core.resume(&mut self.session, &self.breakpoints);
        self.pause_js(p)
    }

    /// Abandons the paused transaction; the state is left as before it.
    pub fn abort(&mut self) {
        self.core.abandon();
        self.session = (None, None);
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

/// Assembles mnemonic text into `0x` hex; errors name the line and column.
#[wasm_bindgen(unchecked_return_type = "Hex")]
pub fn assemble(text: &str) -> JsResult<String> {
    asm::assemble(text)
        .map(|c| crate::primitives::to_hex(&c))
        .map_err(|e| JsError::new(&format!("assemble: {e}")))
}

/// Disassembles bytecode into `[{ pc, opcode, name, immediate?, truncated? }]`.
#[wasm_bindgen(unchecked_return_type = "Instruction[]")]
pub fn disassemble(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] code: JsValue,
) -> JsResult<Array> {
    let code = bytes(&code, "code")?;
    let out = Array::new();
    for i in asm::disassemble(&code) {
        let o = obj();
        set(&o, "pc", i.pc as u32);
        set(&o, "opcode", i.op as u32);
        set(&o, "name", i.name);
        if !i.immediate.is_empty() || i.truncated {
            set(&o, "immediate", hex(&i.immediate));
        }
        if i.truncated {
            set(&o, "truncated", true);
        }
        out.push(&o);
    }
    Ok(out)
}

/// Runs every `Cancun` case of one GeneralStateTests JSON file through this wasm module:
/// `{ passed, failed, skipped, failures: [{ test, index, reason }] }`.
#[wasm_bindgen(js_name = runStateTests, unchecked_return_type = "StateTestSummary")]
pub fn run_state_tests(json: &str) -> JsResult<JsValue> {
    let cases = run_file(json, None, false).map_err(|e| bad("json", e))?;
    let (mut p, mut f, mut s) = (0u32, 0u32, 0u32);
    let failures = Array::new();
    for c in cases {
        match c.verdict {
            Verdict::Pass => p += 1,
            Verdict::Skip(_) => s += 1,
            Verdict::Fail(why) => {
                f += 1;
                let o = obj();
                set(&o, "test", c.test);
                set(&o, "index", c.index as u32);
                set(&o, "reason", why);
                failures.push(&o);
            }
        }
    }
    let o = obj();
    set(&o, "passed", p);
    set(&o, "failed", f);
    set(&o, "skipped", s);
    set(&o, "failures", failures);
    Ok(o.into())
}
