//! Decoding JavaScript arguments into evmbox types, with errors that name the argument and
//! say what is wrong. Quantities are `bigint` (numbers and decimal or `0x` strings are
//! accepted too), byte strings `0x` hex or `Uint8Array`, addresses `0x` hex. The option
//! objects (block, transaction, trace, breakpoints) are decoded here too.

use crate::debug::Breakpoint;
use crate::env::BlockEnv;
use crate::opcodes;
use crate::primitives::{decode_hex, Address, B256, U256};
use crate::tracer::TraceOptions;
use crate::transaction::Transaction;
use js_sys::{Array, BigInt, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Result type of every binding.
pub type JsResult<T> = Result<T, JsError>;

/// An error naming the argument.
pub fn bad(what: &str, why: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{what}: {why}"))
}

/// Whether a value is `undefined` or `null`.
pub fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

#[wasm_bindgen(inline_js = "
export function isArray(v) { return Array.isArray(v); }
export function arrayOf(v, max) {
  const n = v.length;
  if (!(n <= max)) throw new RangeError(`more than ${max} items`);
  return Array.from(v);
}
export function entriesOf(o) { return Object.entries(o); }
export function bytesOf(v) { const c = new Uint8Array(v.length); c.set(v); return c; }
export function messageOf(e) {
  try { return e instanceof Error ? e.message : String(e); } catch (_) { return 'an exception'; }
}
")]
extern "C" {
    // Every JS call that may run a caller's code (a getter, a Proxy trap) is declared with
    // `catch`: an exception must come back as an `Err`, never unwind through the wasm frames,
    // which would leave the instance borrowed ("recursive use of an object") for good.
    #[wasm_bindgen(catch, js_name = isArray)]
    fn is_array_js(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = arrayOf)]
    fn array_of_js(v: &JsValue, max: u32) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_name = entriesOf)]
    fn entries_of_js(o: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_name = bytesOf)]
    fn bytes_of_js(v: &JsValue) -> Result<Uint8Array, JsValue>;
    #[wasm_bindgen(js_name = messageOf)]
    fn message_of(e: &JsValue) -> String;
}

/// The error for an exception a caller's value threw while being read.
fn threw(what: &str, e: &JsValue) -> JsError {
    bad(what, format!("reading it threw: {}", message_of(e)))
}

/// Whether `v` is an array (a revoked Proxy makes this throw).
pub fn is_array(v: &JsValue, what: &str) -> JsResult<bool> {
    is_array_js(v).map_err(|e| threw(what, &e))
}

/// A copy of an array argument as a plain `Array`, if it has at most `max` items.
pub fn array(v: &JsValue, what: &str, max: u32) -> JsResult<Array> {
    if !is_array(v, what)? {
        return Err(bad(
            what,
            format!("expected an array, got {}", type_name(v)),
        ));
    }
    array_of_js(v, max).map_err(|e| threw(what, &e))
}

/// The `[key, value]` pairs of an object argument, copied.
pub fn entries(v: &JsValue, what: &str) -> JsResult<Vec<(JsValue, JsValue)>> {
    let pairs = entries_of_js(v).map_err(|e| threw(what, &e))?;
    Ok(pairs
        .iter()
        .map(|p| {
            let p: Array = p.unchecked_into();
            (p.get(0), p.get(1))
        })
        .collect())
}

/// Field `key` of an options object (`undefined` if the object or field is absent); a
/// getter or Proxy that throws is an error naming the field.
pub fn field(obj: &JsValue, key: &str) -> JsResult<JsValue> {
    if absent(obj) || !obj.is_object() {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|e| threw(key, &e))
}

/// Checks that an options argument is an object, or absent.
pub fn options(v: &JsValue, what: &str) -> JsResult<()> {
    if absent(v) || (v.is_object() && !is_array(v, what)?) {
        Ok(())
    } else {
        Err(bad(what, "expected an object"))
    }
}

/// A string argument (anything else is an error, not a conversion).
pub fn string(v: &JsValue, what: &str) -> JsResult<String> {
    v.as_string()
        .ok_or_else(|| bad(what, format!("expected a string, got {}", type_name(v))))
}

/// The JS type of a value, for error messages.
pub fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if is_array_js(v).unwrap_or(false) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// A 20-byte address from `0x` hex.
pub fn address(v: &JsValue, what: &str) -> JsResult<Address> {
    let s = v
        .as_string()
        .ok_or_else(|| bad(what, "expected a 0x-prefixed address string"))?;
    if !s.starts_with("0x") {
        return Err(bad(what, format!("{s:?} is not 0x-prefixed")));
    }
    Address::from_hex(&s).map_err(|e| bad(what, format!("{s:?} is not an address ({e})")))
}

/// Bytes from `0x` hex or a `Uint8Array`; absent means empty.
pub fn bytes(v: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    if absent(v) {
        return Ok(Vec::new());
    }
    if v.dyn_ref::<Uint8Array>().is_some() {
        return Ok(bytes_of_js(v).map_err(|e| threw(what, &e))?.to_vec());
    }
    let s = v
        .as_string()
        .ok_or_else(|| bad(what, "expected 0x-prefixed hex or a Uint8Array"))?;
    if !s.starts_with("0x") {
        return Err(bad(what, "hex must be 0x-prefixed"));
    }
    decode_hex(&s).map_err(|e| bad(what, e))
}

/// A 256-bit quantity from a bigint, a safe integer number, or a decimal or `0x` string.
pub fn quantity(v: &JsValue, what: &str) -> JsResult<U256> {
    if v.is_bigint() {
        let b: BigInt = v.clone().unchecked_into();
        let hex = b
            .to_string(16)
            .map_err(|_| bad(what, "unreadable bigint"))?
            .as_string()
            .unwrap_or_default();
        if hex.starts_with('-') {
            return Err(bad(what, "must not be negative"));
        }
        return U256::from_str_radix(&hex, 16).map_err(|_| bad(what, "does not fit in 256 bits"));
    }
    if let Some(n) = v.as_f64() {
        if n < 0.0 || n.fract() != 0.0 || n > 9007199254740991.0 {
            return Err(bad(
                what,
                "numbers must be non-negative safe integers (use a bigint)",
            ));
        }
        return Ok(U256::from(n as u64));
    }
    if let Some(s) = v.as_string() {
        let r = match s.strip_prefix("0x") {
            Some(h) if !h.is_empty() => U256::from_str_radix(h, 16),
            Some(_) => Ok(U256::ZERO),
            None => U256::from_str_radix(&s, 10),
        };
        return r.map_err(|_| bad(what, format!("{s:?} is not a 256-bit quantity")));
    }
    Err(bad(what, "expected a bigint"))
}

/// A quantity, or `default` if absent.
pub fn quantity_or(v: &JsValue, what: &str, default: U256) -> JsResult<U256> {
    if absent(v) {
        Ok(default)
    } else {
        quantity(v, what)
    }
}

/// A quantity that must fit in 64 bits, or `default` if absent.
pub fn u64_or(v: &JsValue, what: &str, default: u64) -> JsResult<u64> {
    let q = quantity_or(v, what, U256::from(default))?;
    u64::try_from(q).map_err(|_| bad(what, "must be below 2^64"))
}

/// A 32-byte word from a quantity or 0x hex of up to 32 bytes.
pub fn word(v: &JsValue, what: &str) -> JsResult<U256> {
    quantity(v, what)
}

/// The sender used when a transaction names none.
pub const DEFAULT_SENDER: Address = Address([
    0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// Where `runCode` puts the code it runs.
pub const SCRATCH: Address = Address([
    0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// Most breakpoints one `setBreakpoints` call takes.
pub const MAX_BREAKPOINTS: u32 = 100_000;
/// Default gas limit of a transaction.
pub const DEFAULT_GAS: u64 = 30_000_000;
/// Default cap on recorded trace steps.
pub const DEFAULT_TRACE_LIMIT: u64 = 100_000;
/// Largest trace text budget: the lines are joined into one JS string (`trace.jsonl`), and
/// V8's strings end at 2^29 - 24 characters.
pub const MAX_TRACE_BYTES: u64 = 256 << 20;

/// `options.trace.maxBytes`, at most [`MAX_TRACE_BYTES`].
fn trace_bytes(v: &JsValue) -> JsResult<usize> {
    let n = u64_or(v, "options.trace.maxBytes", DEFAULT_TRACE_BYTES)?;
    if n > MAX_TRACE_BYTES {
        return Err(bad(
            "options.trace.maxBytes",
            format!("at most {MAX_TRACE_BYTES} (the trace text must fit one JS string)"),
        ));
    }
    Ok(n as usize)
}

/// Default cap on recorded trace text: beyond it a trace is cut (and says so) rather than
/// exhausting the wasm instance's memory.
pub const DEFAULT_TRACE_BYTES: u64 = 64 << 20;

/// Block fields over `base`: `{ number?, timestamp?, coinbase?, gasLimit?, baseFee?, prevrandao?,
/// chainId?, excessBlobGas? }`.
pub fn block_env(v: &JsValue, base: BlockEnv) -> JsResult<BlockEnv> {
    options(v, "block")?;
    let f = |k: &str| field(v, k);
    Ok(BlockEnv {
        number: u64_or(&f("number")?, "block.number", base.number)?,
        coinbase: if absent(&f("coinbase")?) {
            base.coinbase
        } else {
            address(&f("coinbase")?, "block.coinbase")?
        },
        timestamp: u64_or(&f("timestamp")?, "block.timestamp", base.timestamp)?,
        gas_limit: u64_or(&f("gasLimit")?, "block.gasLimit", base.gas_limit)?,
        base_fee: quantity_or(&f("baseFee")?, "block.baseFee", base.base_fee)?,
        prevrandao: if absent(&f("prevrandao")?) {
            base.prevrandao
        } else {
            B256::from_word(word(&f("prevrandao")?, "block.prevrandao")?)
        },
        excess_blob_gas: u64_or(
            &f("excessBlobGas")?,
            "block.excessBlobGas",
            base.excess_blob_gas,
        )?,
        chain_id: u64_or(&f("chainId")?, "block.chainId", base.chain_id)?,
    })
}

/// A transaction from a request object (`from?, value?, gas?, gasPrice?, maxFeePerGas?,
/// maxPriorityFeePerGas?, nonce?`) with the recipient and data already decoded; the nonce
/// defaults to `sender_nonce(sender)`.
pub fn transaction(
    tx: &JsValue,
    to: Option<Address>,
    data: Vec<u8>,
    sender_nonce: impl Fn(&Address) -> u64,
) -> JsResult<Transaction> {
    let f = |k: &str| field(tx, k);
    let caller = if absent(&f("from")?) {
        DEFAULT_SENDER
    } else {
        address(&f("from")?, "tx.from")?
    };
    let nonce = u64_or(&f("nonce")?, "tx.nonce", sender_nonce(&caller))?;
    let gas_price = quantity_or(&f("gasPrice")?, "tx.gasPrice", U256::ZERO)?;
    let tip = if absent(&f("maxPriorityFeePerGas")?) {
        None
    } else {
        Some(quantity(
            &f("maxPriorityFeePerGas")?,
            "tx.maxPriorityFeePerGas",
        )?)
    };
    let gas_price = if absent(&f("maxFeePerGas")?) {
        gas_price
    } else {
        quantity(&f("maxFeePerGas")?, "tx.maxFeePerGas")?
    };
    Ok(Transaction {
        caller,
        to,
        value: quantity_or(&f("value")?, "tx.value", U256::ZERO)?,
        data,
        gas_limit: u64_or(&f("gas")?, "tx.gas", DEFAULT_GAS)?,
        nonce,
        gas_price,
        max_priority_fee_per_gas: tip,
        access_list: Vec::new(),
        blob_hashes: Vec::new(),
        max_fee_per_blob_gas: None,
    })
}

/// `opts.trace`: `true`, or `{ stack?, memory?, returnData?, limit?, maxBytes? }`.
pub fn trace_options(v: &JsValue) -> JsResult<Option<TraceOptions>> {
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
    let flag = |k: &str, d: bool| -> JsResult<bool> { Ok(field(v, k)?.as_bool().unwrap_or(d)) };
    Ok(Some(TraceOptions {
        stack: flag("stack", true)?,
        memory: flag("memory", false)?,
        return_data: flag("returnData", true)?,
        limit: Some(u64_or(
            &field(v, "limit")?,
            "options.trace.limit",
            DEFAULT_TRACE_LIMIT,
        )?),
        max_bytes: Some(trace_bytes(&field(v, "maxBytes")?)?),
    }))
}

/// One breakpoint: `{ pc, address? }`, `{ opcode }`, `{ depth }` or `{ on }`.
pub fn breakpoint(v: &JsValue, i: usize) -> JsResult<Breakpoint> {
    let what = format!("breakpoints[{i}]");
    options(v, &what)?;
    let f = |k: &str| field(v, k);
    if !absent(&f("pc")?) {
        let pc = u64_or(&f("pc")?, &format!("{what}.pc"), 0)?;
        // No code is longer than 49,152 bytes (EIP-3860); a larger pc could never be hit,
        // and on wasm32 it would not fit a usize.
        let pc = usize::try_from(pc)
            .ok()
            .filter(|&pc| pc <= crate::gas::MAX_INITCODE_SIZE)
            .ok_or_else(|| {
                bad(
                    &format!("{what}.pc"),
                    format!("{pc} is past the largest code"),
                )
            })?;
        let address = if absent(&f("address")?) {
            None
        } else {
            Some(address(&f("address")?, &format!("{what}.address"))?)
        };
        return Ok(Breakpoint::Pc { pc, address });
    }
    if !absent(&f("opcode")?) {
        let o = f("opcode")?;
        let op = match o.as_string() {
            Some(name) => opcodes::by_name(&name)
                .ok_or_else(|| bad(&format!("{what}.opcode"), format!("unknown opcode {name}")))?,
            None => u8::try_from(u64_or(&o, &format!("{what}.opcode"), 0)?)
                .map_err(|_| bad(&format!("{what}.opcode"), "must be 0..255"))?,
        };
        return Ok(Breakpoint::Opcode(op));
    }
    if !absent(&f("depth")?) {
        let d = u64_or(&f("depth")?, &format!("{what}.depth"), 1)?;
        let limit = crate::gas::CALL_DEPTH_LIMIT as u64 + 1;
        if !(1..=limit).contains(&d) {
            return Err(bad(
                &format!("{what}.depth"),
                format!("must be 1..={limit}"),
            ));
        }
        return Ok(Breakpoint::Depth(d as usize));
    }
    match f("on")?.as_string().as_deref() {
        Some("enter") => Ok(Breakpoint::FrameEnter),
        Some("exit") => Ok(Breakpoint::FrameExit),
        _ => Err(bad(
            &what,
            "expected {pc}, {opcode}, {depth} or {on: 'enter' | 'exit'}",
        )),
    }
}

/// `opts.maxSteps`: a step budget of at least 1, or `None` if absent.
pub fn max_steps(opts: &JsValue) -> JsResult<Option<u64>> {
    options(opts, "options")?;
    let v = field(opts, "maxSteps")?;
    if absent(&v) {
        return Ok(None);
    }
    match u64_or(&v, "options.maxSteps", 0)? {
        0 => Err(bad("options.maxSteps", "must be at least 1")),
        n => Ok(Some(n)),
    }
}
