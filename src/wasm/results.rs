//! Building JavaScript values from results, in one of two ways by reason:
//!
//! - **Rows** (the call tree's nodes: many small objects of one shape) are written as one
//!   JSON text with `serde_json` and parsed by one `JSON.parse` on the JS side, which also
//!   turns the named fields into bigints: one crossing of the wasm boundary for the whole tree
//!   instead of one per field (measured: about 5 µs per frame instead of 13).
//! - **Everything else** (results, frames, pause states, disassembly) is built field by field
//!   with `Reflect.set`: fixed, shallow shapes where a JSON text would cost as much as it
//!   saves, and whose bigints and byte strings need no reviving.

use super::args::{bad, JsResult};
use super::recording::{Clock, Recording};
use crate::calltree::{call_tracer_json, revert_reason, CallTree};
use crate::debug::Pause;
use crate::evm::Evm;
use crate::frame::Frame;
use crate::opcodes;
use crate::primitives::{to_hex, Address, B256, U256};
use crate::state::AccountChange;
use crate::status::Status;
use crate::tracer::summary_line;
use crate::transaction::ExecutionResult;
use crate::trie::state_root;
use js_sys::{Array, BigInt, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

/// A bigint.
pub fn big(v: U256) -> JsValue {
    if let Ok(small) = u64::try_from(v) {
        return big64(small);
    }
    BigInt::new(&JsValue::from_str(&format!("{v:#x}")))
        .map(JsValue::from)
        .unwrap_or(JsValue::UNDEFINED)
}

/// A bigint from a u64.
pub fn big64(v: u64) -> JsValue {
    JsValue::from(BigInt::from(v))
}

/// `0x` hex of bytes.
pub fn hex(b: &[u8]) -> JsValue {
    JsValue::from_str(&to_hex(b))
}

/// Largest byte string returned as hex; a longer one comes back as a `Uint8Array`. Its hex
/// (2 characters a byte) stays far below the longest string V8 can make (2^29 - 24
/// characters), and is never built in wasm memory, where 2 GiB of hex could not exist.
pub const MAX_HEX_BYTES: usize = 64 << 20;

/// A result's byte string: `0x` hex, or a `Uint8Array` beyond [`MAX_HEX_BYTES`].
pub fn data(b: &[u8]) -> JsValue {
    if b.len() <= MAX_HEX_BYTES {
        hex(b)
    } else {
        js_sys::Uint8Array::from(b).into()
    }
}

/// A word as 32-byte `0x` hex.
pub fn word_hex(v: &U256) -> JsValue {
    hex(&v.to_be_bytes::<32>())
}

/// An address as EIP-55 checksummed `0x` hex (as viem's `getAddress` returns it).
pub fn addr(a: &Address) -> JsValue {
    JsValue::from_str(&a.to_checksum())
}

/// A hash as `0x` hex.
pub fn hash(h: &B256) -> JsValue {
    JsValue::from_str(&h.to_string())
}

/// A new empty object.
pub fn obj() -> Object {
    Object::new()
}

/// Sets `o[key] = v`.
pub fn set(o: &Object, key: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(key), &v.into());
}

/// The JS name of a status.
pub fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Success => "success",
        Status::Revert => "revert",
        Status::Halt(_) => "halt",
    }
}

/// The account changes of a result.
pub fn changes_js(changes: &[AccountChange]) -> Array {
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
                slots.sort_unstable();
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
}
function jsonify(v) {
  if (typeof v === 'bigint') return '0x' + v.toString(16);
  if (v instanceof Uint8Array) {
    let s = '0x';
    for (const b of v) s += b.toString(16).padStart(2, '0');
    return s;
  }
  if (Array.isArray(v)) return v.map(jsonify);
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = jsonify(x);
    return o;
  }
  return v;
}
export function parseProfile(text) {
  const p = JSON.parse(text);
  const revive = (rows) => { for (const r of rows) r.gas = BigInt(r.gas); return rows; };
  revive(p.total);
  p.frames.forEach(revive);
  return p;
}
export function withToJSON(o) {
  Object.defineProperty(o, 'toJSON', { value() { return jsonify(this); }, enumerable: false });
  return o;
}")]
extern "C" {
    /// `JSON.parse` of an array of objects, turning the named fields into bigints: one
    /// crossing of the wasm boundary for a whole tree instead of one per field.
    #[wasm_bindgen(js_name = parseWithBigints)]
    fn parse_with_bigints(text: &str, keys: Array) -> JsValue;
    /// `JSON.parse` of a profile, turning every row's `gas` into a bigint.
    #[wasm_bindgen(js_name = parseProfile)]
    fn parse_profile(text: &str) -> JsValue;
    /// Gives a result object a non-enumerable `toJSON`: `JSON.stringify` then writes its
    /// bigints as `0x` quantities and its `Uint8Array`s as `0x` hex, as JSON-RPC does.
    #[wasm_bindgen(js_name = withToJSON)]
    pub fn with_to_json(o: &Object) -> Object;
}

/// A call tree as an array of nodes (see the module doc for why as JSON text). Byte
/// strings past [`MAX_HEX_BYTES`] are cut there (`inputTruncated`, `outputTruncated`).
pub fn tree_js(tree: &CallTree<Clock>) -> JsValue {
    let nodes: Vec<serde_json::Value> = tree
        .nodes
        .iter()
        .map(|n| {
            let mut o = serde_json::json!({
                "type": n.kind.name(),
                "from": n.from.to_checksum(),
                "to": n.to.to_checksum(),
                "value": format!("{:#x}", n.value),
                "gas": n.gas.to_string(),
                "gasUsed": n.gas_used.to_string(),
                "input": to_hex(&n.input[..n.input.len().min(MAX_HEX_BYTES)]),
                "output": to_hex(&n.output[..n.output.len().min(MAX_HEX_BYTES)]),
                "status": n.status.as_ref().map_or("running", status_name),
                "depth": n.depth,
                "parent": n.parent,
                "children": n.children,
                "precompile": n.precompile,
                "opcodes": n.opcodes,
                "timeTotalMs": n.time_total_ms,
                "timeSelfMs": n.time_self_ms,
            });
            if let Some(e) = n.error() {
                o["error"] = e.into();
            }
            if let Some(r) = n.revert_reason() {
                o["revertReason"] = r.into();
            }
            if n.input.len() > MAX_HEX_BYTES {
                o["inputTruncated"] = true.into();
            }
            if n.output.len() > MAX_HEX_BYTES {
                o["outputTruncated"] = true.into();
            }
            o
        })
        .collect();
    let keys = Array::of3(&"value".into(), &"gas".into(), &"gasUsed".into());
    parse_with_bigints(&serde_json::Value::Array(nodes).to_string(), keys)
}

/// A finished transaction's result, with whatever `rec` recorded. The trace's summary line
/// carries the state root of `core`'s world after the transaction and its fork; the
/// `callTracer` tree shows `tx_gas`, the transaction's gas limit, at its root.
pub fn result_js(
    r: &ExecutionResult,
    rec: Recording,
    core: &Evm,
    tx_gas: u64,
) -> JsResult<JsValue> {
    let o = obj();
    set(&o, "status", status_name(&r.status));
    if let Status::Halt(h) = &r.status {
        set(&o, "haltReason", h.to_string());
    }
    if r.status == Status::Revert {
        if let Some(reason) = revert_reason(&r.output) {
            set(&o, "revertReason", reason);
        }
    }
    set(&o, "output", data(&r.output));
    set(&o, "gasUsed", big64(r.gas_used));
    set(&o, "gasRefunded", big64(r.gas_refunded));
    set(&o, "logs", logs_js(&r.logs));
    if let Some(a) = &r.created {
        set(&o, "createdAddress", addr(a));
    }
    set(&o, "stateChanges", changes_js(&r.changes));
    if let Some(t) = rec.trace {
        let truncated = t.truncated;
        let mut lines = t.into_lines();
        let steps = Array::new();
        for l in &lines {
            steps.push(&JSON::parse(l).map_err(|_| bad("trace", "internal: bad trace line"))?);
        }
        lines.push(summary_line(
            &state_root(core.backend()),
            &r.output,
            r.gas_used,
            r.status.is_success(),
            core.rules().fork,
        ));
        let to = obj();
        set(&to, "steps", steps);
        set(&to, "jsonl", lines.join("\n") + "\n");
        set(&to, "truncated", truncated > 0);
        set(&to, "stepsOmitted", truncated as f64);
        set(&o, "trace", to);
    }
    if let Some(p) = &rec.profile {
        let rows = |v: Vec<crate::profile::OpcodeStats>| -> serde_json::Value {
            v.into_iter()
                .map(|s| {
                    serde_json::json!({
                        "opcode": s.op,
                        "name": opcodes::name(s.op),
                        "count": s.count,
                        "gas": s.gas.to_string(),
                    })
                })
                .collect()
        };
        let frames: Vec<serde_json::Value> = p.frames().into_iter().map(rows).collect();
        let j = serde_json::json!({ "total": rows(p.total()), "frames": frames });
        set(&o, "profile", parse_profile(&j.to_string()));
    }
    if let Some(t) = rec.tree {
        if rec.call_tracer {
            let j = call_tracer_json(&t.nodes, tx_gas, r.gas_used);
            let text = j.map_or_else(|| "null".to_string(), |j| j.to_string());
            let parsed = JSON::parse(&text).map_err(|_| bad("callTracer", "internal: bad JSON"))?;
            set(&o, "callTracer", parsed);
        }
        set(&o, "callTree", tree_js(&t));
    }
    Ok(with_to_json(&o).into())
}

/// Logs as JS objects `{ address, topics, data }`.
pub fn logs_js(logs: &[crate::state::Log]) -> Array {
    let out = Array::new();
    for l in logs {
        let lo = obj();
        set(&lo, "address", addr(&l.address));
        let t = Array::new();
        for x in &l.topics {
            t.push(&hash(x));
        }
        set(&lo, "topics", t);
        set(&lo, "data", data(&l.data));
        out.push(&lo);
    }
    out
}

/// One frame of a paused execution, as `frames()` returns it.
pub fn frame_js(f: &Frame, depth: usize, core: &Evm) -> JsValue {
    let o = obj();
    let op = f.current_opcode();
    set(&o, "depth", depth as u32);
    set(&o, "kind", f.message.kind.name());
    set(&o, "address", addr(&f.message.address));
    set(&o, "caller", addr(&f.message.caller));
    set(&o, "codeAddress", addr(&f.message.code_address));
    set(&o, "value", big(f.message.value));
    set(&o, "isStatic", f.message.is_static);
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
    set(&o, "memory", data(f.memory.as_slice()));
    set(&o, "returnData", data(&f.return_data));
    set(&o, "input", data(&f.input));
    let storage = obj();
    if let Some(acc) = core.journal.cached(&f.message.address) {
        let mut slots: Vec<_> = acc.storage.iter().collect();
        slots.sort_unstable_by_key(|(k, _)| **k);
        for (k, s) in slots {
            let e = obj();
            set(&e, "original", word_hex(&s.original));
            set(&e, "current", word_hex(&s.present));
            set(&storage, &word_hex(k).as_string().unwrap_or_default(), e);
        }
    }
    set(&o, "storage", storage);
    let transient = obj();
    for (k, v) in core.journal.transient_of(&f.message.address) {
        set(
            &transient,
            &word_hex(&k).as_string().unwrap_or_default(),
            word_hex(&v),
        );
    }
    set(&o, "transientStorage", transient);
    with_to_json(&o).into()
}

/// What a debugger command returns: why it stopped, and the result once the transaction ended.
pub fn pause_js(p: Pause, session: &mut Recording, core: &Evm, tx_gas: u64) -> JsResult<JsValue> {
    let o = obj();
    match p {
        Pause::Stepped => set(&o, "reason", "step"),
        Pause::Limit => set(&o, "reason", "limit"),
        Pause::Breakpoint(i) => {
            set(&o, "reason", "breakpoint");
            set(&o, "breakpoint", i as u32);
        }
        Pause::Done(r) => {
            set(&o, "reason", "done");
            let rec = std::mem::take(session);
            set(&o, "result", result_js(&r, rec, core, tx_gas)?);
        }
        Pause::NeedState(n) => return Err(bad("state", n)),
        Pause::Idle => return Err(JsError::new("no debugging session: call begin() first")),
    }
    set(&o, "paused", core.is_running());
    set(&o, "depth", core.depth() as u32);
    set(&o, "steps", core.steps_taken() as f64);
    let gas_left: u64 = core.frames().iter().map(|f| f.gas).sum();
    set(&o, "gasLeft", big64(gas_left));
    Ok(with_to_json(&o).into())
}
