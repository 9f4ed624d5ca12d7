//! Building JavaScript values from results, in one of two ways by reason:
//!
//! - **Data objects** (results, logs, frames, call trees, profiles: many fields, nested) are
//!   written as one JSON text in Rust ([`crate::result_json`], `serde_json`) and made into
//!   objects by one `JSON.parse` on the JS side, which also turns the quantity fields into
//!   bigints: one crossing of the wasm boundary per object instead of two or three per field
//!   (a one-opcode `call` went from 190 crossings and 20 µs to 12 µs; a call tree costs about
//!   5 µs per frame instead of 13). Byte strings too long for one JS string go in afterwards
//!   as `Uint8Array`s.
//! - **A few fields around them** (a pause state, a trace's summary, getters' small objects)
//!   are set one by one with `Reflect.set`, where a JSON text would cost as much as it saves.

use super::args::{bad, JsResult};
use super::recording::{Clock, Recording};
use crate::calltree::{call_tracer_json, CallTree};
use crate::debug::Pause;
use crate::evm::Evm;
use crate::frame::Frame;
use crate::primitives::{to_hex, Address, B256, U256};
use crate::result_json::{
    call_tree_json, profile_json, Large, ResultJson, BIGINT_FIELDS, CALL_TREE_BIGINTS,
};
use crate::state::Log;
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

#[wasm_bindgen(inline_js = "const keySets = new Map();
function revive(v, keys) {
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') revive(x, keys);
    return v;
  }
  for (const k in v) {
    const x = v[k];
    if (typeof x === 'string') { if (keys.has(k)) v[k] = BigInt(x); }
    else if (x !== null && typeof x === 'object') revive(x, keys);
  }
  return v;
}
export function parseJson(text, bigKeys) {
  let keys = keySets.get(bigKeys);
  if (!keys) { keys = new Set(bigKeys.split(',')); keySets.set(bigKeys, keys); }
  const v = JSON.parse(text);
  return v !== null && typeof v === 'object' ? revive(v, keys) : v;
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
export function withToJSON(o) {
  Object.defineProperty(o, 'toJSON', { value() { return jsonify(this); }, enumerable: false });
  return o;
}")]
extern "C" {
    /// `JSON.parse` of `text`, turning the string values of the fields named in `big_keys`
    /// (comma-separated) into bigints, at any depth: one crossing of the wasm boundary for
    /// a whole object or tree instead of one per field.
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json_js(text: &str, big_keys: &str) -> JsValue;
    /// Gives a result object a non-enumerable `toJSON`: `JSON.stringify` then writes its
    /// bigints as `0x` quantities and its `Uint8Array`s as `0x` hex, as JSON-RPC does.
    #[wasm_bindgen(js_name = withToJSON)]
    pub fn with_to_json(o: &Object) -> Object;
}

/// `JSON.parse` of `text` with the string values of fields `big_keys` as bigints.
fn parse_json(text: &str, big_keys: &[&str]) -> Object {
    parse_json_js(text, &big_keys.join(",")).unchecked_into()
}

/// A call tree as an array of nodes (see the module doc for why as JSON text). Byte
/// strings past [`MAX_HEX_BYTES`] are cut there (`inputTruncated`, `outputTruncated`).
pub fn tree_js(tree: &CallTree<Clock>) -> JsValue {
    parse_json(
        &call_tree_json(&tree.nodes, MAX_HEX_BYTES),
        &CALL_TREE_BIGINTS,
    )
    .into()
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
    let json = ResultJson::new(r, MAX_HEX_BYTES);
    let o = parse_json(&json.text, &BIGINT_FIELDS);
    fill_large(&o, &json.large, |at| match at {
        Large::LogData(i) => &r.logs[i].data,
        _ => &r.output,
    });
    if let Some(t) = rec.trace {
        let truncated = t.truncated;
        let mut lines = t.into_lines();
        let steps = Array::new();
        for l in &lines {
            steps.push(&JSON::parse(l).map_err(|_| bad("trace", "internal: bad trace line"))?);
        }
        let db = core.backend();
        let root = (!db.is_forked()).then(|| state_root(db));
        lines.push(summary_line(
            root.as_ref(),
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
        set(&o, "profile", parse_json(&profile_json(p), &["gas"]));
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
pub fn logs_js(logs: &[Log]) -> JsValue {
    let json = ResultJson::logs(logs, MAX_HEX_BYTES);
    let o = parse_json(&json.text, &BIGINT_FIELDS);
    fill_large(&o, &json.large, |at| match at {
        Large::LogData(i) => &logs[i].data,
        _ => &[],
    });
    o.into()
}

/// Puts into `o` (a result, an array of logs, or a frame) the byte strings its JSON text
/// left out as too long for hex, as `Uint8Array`s; `bytes` gives each.
fn fill_large<'a>(o: &Object, large: &[Large], bytes: impl Fn(Large) -> &'a [u8]) {
    for &at in large {
        let (target, key) = match at {
            Large::Output => (o.clone(), "output"),
            Large::Memory => (o.clone(), "memory"),
            Large::ReturnData => (o.clone(), "returnData"),
            Large::Input => (o.clone(), "input"),
            Large::LogData(i) => {
                let list = match o.is_array() {
                    true => o.into(),
                    false => Reflect::get(o, &"logs".into()).unwrap_or_default(),
                };
                let log = Reflect::get_u32(&list, i as u32).unwrap_or_default();
                (log.unchecked_into(), "data")
            }
        };
        set(&target, key, data(bytes(at)));
    }
}

/// One frame of a paused execution, as `frames()` returns it.
pub fn frame_js(f: &Frame, depth: usize, core: &Evm) -> JsValue {
    let json = ResultJson::frame(f, depth, &core.journal, MAX_HEX_BYTES);
    let o = parse_json(&json.text, &BIGINT_FIELDS);
    fill_large(&o, &json.large, |at| match at {
        Large::Memory => f.memory.as_slice(),
        Large::ReturnData => &f.return_data,
        _ => &f.input,
    });
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
        Pause::NeedState(n) => {
            set(&o, "reason", "state");
            set(&o, "need", n.to_string());
        }
        Pause::Idle => return Err(JsError::new("no debugging session: call begin() first")),
    }
    set(&o, "paused", core.is_running());
    set(&o, "depth", core.depth() as u32);
    set(&o, "steps", core.steps_taken() as f64);
    let gas_left: u64 = core.frames().iter().map(|f| f.gas).sum();
    set(&o, "gasLeft", big64(gas_left));
    Ok(with_to_json(&o).into())
}
