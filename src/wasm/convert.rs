//! Conversions between JavaScript values and evmbox types, with errors that name the
//! argument and say what is wrong. Quantities are `bigint` (numbers and decimal or `0x` strings
//! are accepted too), byte strings `0x` hex (or `Uint8Array` going in), addresses `0x` hex.

use crate::primitives::{decode_hex, to_hex, Address, B256, U256};
use js_sys::{Array, BigInt, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsError, JsValue};

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

/// Field `key` of an options object (`undefined` if the object or field is absent).
pub fn field(obj: &JsValue, key: &str) -> JsValue {
    if absent(obj) || !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Checks that an options argument is an object, or absent.
pub fn options(v: &JsValue, what: &str) -> JsResult<()> {
    if absent(v) || (v.is_object() && !Array::is_array(v)) {
        Ok(())
    } else {
        Err(bad(what, "expected an object"))
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
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
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

/// A word as 32-byte `0x` hex.
pub fn word_hex(v: &U256) -> JsValue {
    hex(&v.to_be_bytes::<32>())
}

/// An address as `0x` hex.
pub fn addr(a: &Address) -> JsValue {
    JsValue::from_str(&a.to_string())
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
