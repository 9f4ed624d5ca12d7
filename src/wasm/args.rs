//! Decoding JavaScript values into evmbox types, with errors that name the argument and say
//! what is wrong. Quantities are `bigint` (numbers and decimal or `0x` strings are accepted
//! too), byte strings `0x` hex or `Uint8Array`, addresses `0x` hex (a mixed-case one must
//! carry a valid EIP-55 checksum). An options object may hold only the fields it names.

use crate::fields::Fields;
use crate::primitives::{decode_hex, Address, B256, U256};
use js_sys::{Array, BigInt, Uint8Array};
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
const shapes = [];
export function registerShape(names) {
  shapes.push(new Map(names.split(',').map((n, i) => [n, i])));
  return shapes.length - 1;
}
export function readObject(o, id) {
  if (o === undefined || o === null) return [0];
  if (typeof o !== 'object' || Array.isArray(o)) return [-4];
  const shape = shapes[id];
  let keys;
  try { keys = Object.keys(o); } catch (e) { return [-3, '', e]; }
  for (const k of keys) if (!shape.has(k)) return [-2, k];
  const out = [0];
  let mask = 0;
  for (const k of keys) {
    let v;
    try { v = o[k]; } catch (e) { return [-3, k, e]; }
    if (v !== undefined && v !== null) { const i = shape.get(k); mask |= 1 << i; out[i + 1] = v; }
  }
  out[0] = mask;
  return out;
}
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
    #[wasm_bindgen(js_name = registerShape)]
    fn register_shape_js(names: &str) -> u32;
    // Catches what the object's getters and Proxy traps throw itself (it says which key).
    #[wasm_bindgen(catch, js_name = readObject)]
    fn read_object_js(o: &JsValue, shape: u32) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_name = bytesOf)]
    fn bytes_of_js(v: &JsValue) -> Result<Uint8Array, JsValue>;
    /// The message of a thrown value (an `Error`'s, or its text).
    #[wasm_bindgen(js_name = messageOf)]
    pub fn message_of(e: &JsValue) -> String;
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

/// An options object, read once: its own keys checked against the fields it may hold, and
/// the values of those present (neither `undefined` nor `null`). Reading it whole is one
/// crossing of the wasm boundary instead of several per field.
pub struct Record {
    known: &'static [&'static str],
    /// Bit `i`: field `known[i]` is present.
    present: u32,
    /// `[present, value of known[0], value of known[1], …]`.
    values: Option<Array>,
}

impl Record {
    /// Field `key` (one of the known ones), or `undefined` if absent.
    pub fn get(&self, key: &str) -> JsValue {
        let i = self.known.iter().position(|k| *k == key);
        debug_assert!(i.is_some(), "{key} is not a known field");
        match (i, &self.values) {
            (Some(i), Some(values)) if self.present & (1 << i) != 0 => values.get(i as u32 + 1),
            _ => JsValue::UNDEFINED,
        }
    }
}

thread_local! {
    /// The JS side's id of each field list registered so far, by the list's address.
    static SHAPES: std::cell::RefCell<Vec<(usize, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The JS side's id of a field list, registered on first use.
fn shape_id(known: &'static [&'static str]) -> u32 {
    assert!(known.len() <= 31, "a field list has at most 31 names");
    let key = known.as_ptr() as usize;
    SHAPES.with(|shapes| {
        let mut shapes = shapes.borrow_mut();
        if let Some(&(_, id)) = shapes.iter().find(|s| s.0 == key) {
            return id;
        }
        let id = register_shape_js(&known.join(","));
        shapes.push((key, id));
        id
    })
}

/// Reads an options argument: an object, or absent (a record with no field), whose own
/// keys are all among `fields` (an unknown one is an error naming it, with a suggestion).
/// A getter or Proxy trap that throws is an error naming the field.
pub fn object(v: &JsValue, what: &str, fields: &Fields) -> JsResult<Record> {
    let out = read_object_js(v, shape_id(fields.known)).map_err(|e| threw(what, &e))?;
    let code = out.get(0).as_f64().unwrap_or(-1.0);
    let key = || out.get(1).as_string().unwrap_or_default();
    match code as i64 {
        -4 => Err(bad(
            what,
            format!("expected an object, got {}", type_name(v)),
        )),
        -3 => {
            let k = key();
            let name = if k.is_empty() {
                what.to_string()
            } else {
                format!("{what}.{k}")
            };
            Err(threw(&name, &out.get(2)))
        }
        -2 => Err(JsError::new(&fields.unknown(what, &key()))),
        n => Ok(Record {
            known: fields.known,
            present: n as u32,
            values: (n != 0).then_some(out),
        }),
    }
}

/// An object argument as JSON text (`JSON.stringify`); what it throws (a getter, a cycle, a
/// bigint) is an error naming the argument.
pub fn json_text(v: &JsValue, what: &str) -> JsResult<String> {
    let text = js_sys::JSON::stringify(v).map_err(|e| {
        bad(
            what,
            format!("cannot be written as JSON: {}", message_of(&e)),
        )
    })?;
    Ok(text.as_string().unwrap_or_default())
}

/// Checks that a map argument (storage: slot to value) is an object, or absent.
pub fn map_object(v: &JsValue, what: &str) -> JsResult<()> {
    if absent(v) || (v.is_object() && !is_array(v, what)?) {
        Ok(())
    } else {
        Err(bad(
            what,
            format!("expected an object, got {}", type_name(v)),
        ))
    }
}

/// A boolean option (absent: `default`); anything else is an error.
pub fn flag(v: &JsValue, what: &str, default: bool) -> JsResult<bool> {
    if absent(v) {
        return Ok(default);
    }
    v.as_bool()
        .ok_or_else(|| bad(what, format!("expected a boolean, got {}", type_name(v))))
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

/// A 20-byte address from `0x` hex, checked as viem's `getAddress` does (EIP-55).
pub fn address(v: &JsValue, what: &str) -> JsResult<Address> {
    let s = v
        .as_string()
        .ok_or_else(|| bad(what, "expected a 0x-prefixed address string"))?;
    Address::parse_checked(&s).map_err(|e| bad(what, e))
}

/// An address, or `None` if absent.
pub fn address_opt(v: &JsValue, what: &str) -> JsResult<Option<Address>> {
    if absent(v) {
        Ok(None)
    } else {
        address(v, what).map(Some)
    }
}

/// A 32-byte hash from `0x` hex of exactly 32 bytes.
pub fn hash32(v: &JsValue, what: &str) -> JsResult<B256> {
    let b = bytes(v, what)?;
    let arr: [u8; 32] = b
        .try_into()
        .map_err(|b: Vec<u8>| bad(what, format!("expected 32 bytes, got {}", b.len())))?;
    Ok(B256(arr))
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

/// Bytes, or `None` if absent (where absent means "leave it", not "empty").
pub fn bytes_opt(v: &JsValue, what: &str) -> JsResult<Option<Vec<u8>>> {
    if absent(v) {
        Ok(None)
    } else {
        bytes(v, what).map(Some)
    }
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

/// A quantity, or `None` if absent.
pub fn quantity_opt(v: &JsValue, what: &str) -> JsResult<Option<U256>> {
    if absent(v) {
        Ok(None)
    } else {
        quantity(v, what).map(Some)
    }
}

/// A 64-bit quantity, or `None` if absent.
pub fn u64_opt(v: &JsValue, what: &str) -> JsResult<Option<u64>> {
    if absent(v) {
        Ok(None)
    } else {
        u64_or(v, what, 0).map(Some)
    }
}

/// A 32-byte word from a quantity or 0x hex of up to 32 bytes.
pub fn word(v: &JsValue, what: &str) -> JsResult<U256> {
    quantity(v, what)
}
