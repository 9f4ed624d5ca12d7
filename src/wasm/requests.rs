//! Decoding requests as viem spells them: transaction requests, block overrides, state
//! overrides and account fields. The rules (types, defaults) are the core's
//! ([`crate::request`]); this only reads JS values, strictly.

use super::args::*;
use crate::fields::Fields;
use crate::primitives::U256;
use crate::request::{AccountOverride, BlockOverrides, TxRequest, TxType};
use crate::transaction::Authorization;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// Most entries of an access list, a state override or a list of blob hashes.
const MAX_ITEMS: u32 = 100_000;

/// The fields of a transaction request (viem's `TransactionRequest`).
pub const TX_FIELDS: Fields = Fields {
    known: &[
        "from",
        "to",
        "data",
        "value",
        "gas",
        "gasPrice",
        "maxFeePerGas",
        "maxPriorityFeePerGas",
        "maxFeePerBlobGas",
        "nonce",
        "accessList",
        "blobVersionedHashes",
        "authorizationList",
        "type",
    ],
    hints: &[
        ("gasLimit", "gas"),
        ("input", "data"),
        (
            "code",
            "did you mean data? (a creation's initcode goes in data, with to absent)",
        ),
        ("sender", "from"),
        ("recipient", "to"),
        ("authorizations", "authorizationList"),
        (
            "blobs",
            "blob contents are not needed to run a transaction: give blobVersionedHashes",
        ),
        (
            "sidecars",
            "blob contents are not needed to run a transaction: give blobVersionedHashes",
        ),
        (
            "kzg",
            "blob contents are not needed to run a transaction: give blobVersionedHashes",
        ),
        (
            "chainId",
            "the chain id is the instance's: new Evm({ chainId })",
        ),
    ],
};

/// The fields of a block override (viem's `BlockOverrides`, plus `excessBlobGas`).
pub const BLOCK_FIELDS: Fields = Fields {
    known: &[
        "number",
        "time",
        "feeRecipient",
        "gasLimit",
        "baseFeePerGas",
        "prevRandao",
        "blobBaseFee",
        "excessBlobGas",
    ],
    hints: &[
        ("timestamp", "time"),
        ("coinbase", "feeRecipient"),
        ("miner", "feeRecipient"),
        ("baseFee", "baseFeePerGas"),
        ("gas", "gasLimit"),
        ("difficulty", "since the Merge the field is prevRandao"),
        ("mixHash", "prevRandao"),
        (
            "chainId",
            "the chain id is the instance's: new Evm({ chainId })",
        ),
    ],
};

/// The fields of one state override (viem's `StateOverride` item).
const OVERRIDE_FIELDS: Fields = Fields {
    known: &["address", "balance", "nonce", "code", "state", "stateDiff"],
    hints: &[("storage", "state"), ("bytecode", "code")],
};

/// The fields of a signed authorization (viem's `SignedAuthorization`).
const AUTHORIZATION_FIELDS: Fields = Fields {
    known: &["address", "chainId", "nonce", "r", "s", "yParity", "v"],
    hints: &[
        ("contractAddress", "address"),
        ("signature", "r, s and yParity"),
    ],
};

/// The fields of an access list item.
const ACCESS_FIELDS: Fields = Fields {
    known: &["address", "storageKeys"],
    hints: &[("slots", "storageKeys"), ("keys", "storageKeys")],
};

/// The fields `setAccount` takes.
pub const ACCOUNT_FIELDS: Fields = Fields {
    known: &["balance", "nonce", "code", "storage"],
    hints: &[
        ("bytecode", "code"),
        ("state", "storage"),
        ("stateDiff", "storage"),
    ],
};

/// A transaction request `{ from?, to?, data?, value?, gas?, … }`; `to` absent or `null`
/// creates a contract.
pub fn tx_request(v: &JsValue, what: &str) -> JsResult<TxRequest> {
    let o = object(v, what, &TX_FIELDS)?;
    let f = |k: &str| o.get(k);
    let w = |k: &str| format!("{what}.{k}");
    let access_list = list_of(&o, what, "accessList", access_item)?;
    let blob_versioned_hashes = list_of(&o, what, "blobVersionedHashes", hash32)?;
    let authorization_list = list_of(&o, what, "authorizationList", authorization)?;
    let ty = f("type");
    let tx_type = if absent(&ty) {
        None
    } else {
        let s = match ty.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=255.0).contains(&n) => (n as u8).to_string(),
            Some(_) => {
                let why = "expected legacy, eip2930, eip1559, eip4844, eip7702 or 0-4";
                return Err(bad(&w("type"), why));
            }
            None => string(&ty, &w("type"))?,
        };
        Some(TxType::parse(&s).map_err(|e| bad(&w("type"), e))?)
    };
    let u64_field = |v: &JsValue, what: &str| u64_or(v, what, 0);
    Ok(TxRequest {
        from: present(&o, what, "from", address)?,
        to: present(&o, what, "to", address)?,
        data: present(&o, what, "data", bytes)?.unwrap_or_default(),
        value: present(&o, what, "value", quantity)?,
        gas: present(&o, what, "gas", u64_field)?,
        gas_price: present(&o, what, "gasPrice", quantity)?,
        max_fee_per_gas: present(&o, what, "maxFeePerGas", quantity)?,
        max_priority_fee_per_gas: present(&o, what, "maxPriorityFeePerGas", quantity)?,
        max_fee_per_blob_gas: present(&o, what, "maxFeePerBlobGas", quantity)?,
        nonce: present(&o, what, "nonce", u64_field)?,
        access_list,
        blob_versioned_hashes,
        authorization_list,
        tx_type,
    })
}

/// The field `what.key` decoded by `parse`, or `None` when absent. The name `what.key` is
/// written out only for a present field (a request names a handful of its fourteen, and
/// formatting every name cost about a tenth of a small call).
fn present<T>(
    o: &Record,
    what: &str,
    key: &str,
    parse: impl Fn(&JsValue, &str) -> JsResult<T>,
) -> JsResult<Option<T>> {
    let v = o.get(key);
    if absent(&v) {
        return Ok(None);
    }
    parse(&v, &format!("{what}.{key}")).map(Some)
}

/// The array at `what.key`, each item decoded by `item` (and named `what.key[i]` in its
/// errors); `None` when absent.
fn list_of<T>(
    o: &Record,
    what: &str,
    key: &str,
    item: impl Fn(&JsValue, &str) -> JsResult<T>,
) -> JsResult<Option<Vec<T>>> {
    let x = o.get(key);
    if absent(&x) {
        return Ok(None);
    }
    let w = format!("{what}.{key}");
    array(&x, &w, MAX_ITEMS)?
        .iter()
        .enumerate()
        .map(|(i, it)| item(&it, &format!("{w}[{i}]")))
        .collect::<JsResult<Vec<_>>>()
        .map(Some)
}

/// A signed authorization `{ address, chainId, nonce, r, s, yParity }` (or `v` of 27/28
/// in place of `yParity`).
fn authorization(v: &JsValue, what: &str) -> JsResult<Authorization> {
    if absent(v) {
        return Err(bad(
            what,
            "expected { address, chainId, nonce, r, s, yParity }",
        ));
    }
    let o = object(v, what, &AUTHORIZATION_FIELDS)?;
    let w = |k: &str| format!("{what}.{k}");
    let q = |k: &str| quantity(&o.get(k), &w(k));
    let (y, vv) = (o.get("yParity"), o.get("v"));
    let y_parity = match (absent(&y), absent(&vv)) {
        (false, true) => quantity(&y, &w("yParity"))?,
        (false, false) => {
            let y = quantity(&y, &w("yParity"))?;
            if quantity(&vv, &w("v"))? != y + U256::from(27) {
                return Err(bad(&w("v"), "disagrees with yParity (v = 27 + yParity)"));
            }
            y
        }
        (true, false) => {
            let v = quantity(&vv, &w("v"))?;
            if v != U256::from(27) && v != U256::from(28) {
                return Err(bad(&w("v"), "expected 27 or 28 (or give yParity)"));
            }
            v - U256::from(27)
        }
        (true, true) => return Err(bad(&w("yParity"), "missing (or give v)")),
    };
    Ok(Authorization {
        chain_id: q("chainId")?,
        address: address(&o.get("address"), &w("address"))?,
        nonce: q("nonce")?,
        y_parity,
        r: q("r")?,
        s: q("s")?,
    })
}

fn access_item(v: &JsValue, what: &str) -> JsResult<(crate::primitives::Address, Vec<U256>)> {
    if absent(v) {
        return Err(bad(what, "expected { address, storageKeys }"));
    }
    let o = object(v, what, &ACCESS_FIELDS)?;
    let a = address(&o.get("address"), &format!("{what}.address"))?;
    let keys_v = o.get("storageKeys");
    let keys = if absent(&keys_v) {
        Vec::new()
    } else {
        let w = format!("{what}.storageKeys");
        array(&keys_v, &w, MAX_ITEMS)?
            .iter()
            .enumerate()
            .map(|(i, k)| hash32(&k, &format!("{w}[{i}]")).map(|h| h.to_word()))
            .collect::<JsResult<Vec<_>>>()?
    };
    Ok((a, keys))
}

/// Block fields to change, viem's `BlockOverrides`.
pub fn block_overrides(v: &JsValue, what: &str) -> JsResult<BlockOverrides> {
    let o = object(v, what, &BLOCK_FIELDS)?;
    let f = |k: &str| o.get(k);
    let w = |k: &str| format!("{what}.{k}");
    let randao = f("prevRandao");
    Ok(BlockOverrides {
        number: u64_opt(&f("number"), &w("number"))?,
        time: u64_opt(&f("time"), &w("time"))?,
        fee_recipient: address_opt(&f("feeRecipient"), &w("feeRecipient"))?,
        gas_limit: u64_opt(&f("gasLimit"), &w("gasLimit"))?,
        base_fee_per_gas: quantity_opt(&f("baseFeePerGas"), &w("baseFeePerGas"))?,
        prev_randao: if absent(&randao) {
            None
        } else {
            Some(crate::primitives::B256::from_word(word(
                &randao,
                &w("prevRandao"),
            )?))
        },
        blob_base_fee: quantity_opt(&f("blobBaseFee"), &w("blobBaseFee"))?,
        excess_blob_gas: u64_opt(&f("excessBlobGas"), &w("excessBlobGas"))?,
        chain_id: None,
    })
}

/// A state override: viem's array of `{ address, balance?, nonce?, code?, state?,
/// stateDiff? }`.
pub fn state_overrides(v: &JsValue, what: &str) -> JsResult<Vec<AccountOverride>> {
    if absent(v) {
        return Ok(Vec::new());
    }
    let items = array(v, what, MAX_ITEMS)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let what = format!("{what}[{i}]");
            if absent(&item) {
                return Err(bad(&what, "expected { address, … }"));
            }
            let o = object(&item, &what, &OVERRIDE_FIELDS)?;
            let f = |k: &str| o.get(k);
            let w = |k: &str| format!("{what}.{k}");
            Ok(AccountOverride {
                address: address(&f("address"), &w("address"))?,
                balance: quantity_opt(&f("balance"), &w("balance"))?,
                nonce: u64_opt(&f("nonce"), &w("nonce"))?,
                code: bytes_opt(&f("code"), &w("code"))?,
                state: slots_opt(&f("state"), &w("state"))?,
                state_diff: slots_opt(&f("stateDiff"), &w("stateDiff"))?,
            })
        })
        .collect()
}

/// Storage given as viem does: an array of `{ slot, value }`, or (as geth's RPC and
/// `setAccount` take it) an object of slot to value.
pub fn slots_opt(v: &JsValue, what: &str) -> JsResult<Option<HashMap<U256, U256>>> {
    if absent(v) {
        return Ok(None);
    }
    let mut out = HashMap::new();
    if is_array(v, what)? {
        const SLOT: Fields = Fields {
            known: &["slot", "value"],
            hints: &[("key", "slot")],
        };
        for (i, item) in array(v, what, MAX_ITEMS)?.iter().enumerate() {
            let w = format!("{what}[{i}]");
            if absent(&item) {
                return Err(bad(&w, "expected { slot, value }"));
            }
            let o = object(&item, &w, &SLOT)?;
            let k = word(&o.get("slot"), &format!("{w}.slot"))?;
            let val = word(&o.get("value"), &format!("{w}.value"))?;
            out.insert(k, val);
        }
        return Ok(Some(out));
    }
    map_object(v, what)?;
    for (key, value) in entries(v, what)? {
        let name = key.as_string().unwrap_or_default();
        let k = word(&key, &format!("{what} key {name}"))?;
        out.insert(k, word(&value, &format!("{what}[{name}]"))?);
    }
    Ok(Some(out))
}
